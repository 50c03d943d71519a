package org.emospark.corpus.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Fixtures, signal generators and measurements shared by the audio tests. */
final class TestAudio {
    private TestAudio() {
    }

    static byte[] resource(String name) {
        try (InputStream in = TestAudio.class.getResourceAsStream("/audio/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /audio/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MonoAudioStream open(byte[] bytes, String name) throws IOException {
        return AudioDecoders.open(new ByteArrayInputStream(bytes), name);
    }

    static float[] decode(byte[] bytes, String name) throws IOException {
        try (MonoAudioStream a = open(bytes, name)) {
            return AudioReading.readAll(a);
        }
    }

    /** Reads {@code a} to the end in blocks of the given sizes, cycling through them. */
    static float[] readInBlocks(MonoAudioStream a, int... blockSizes) throws IOException {
        float[] out = new float[1024];
        int n = 0;
        for (int k = 0; ; k++) {
            int want = blockSizes[k % blockSizes.length];
            if (out.length < n + want) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + want));
            }
            int r = a.read(out, n, want);
            if (r < 0) {
                return Arrays.copyOf(out, n);
            }
            if (r == 0 || r > want) {
                throw new AssertionError("read(" + want + ") returned " + r);
            }
            n += r;
        }
    }

    /** The samples of a WAV's data chunk, per channel, for 16-bit PCM: an independent reference. */
    static int[][] pcm16Channels(byte[] wav, int channels) {
        int data = dataChunk(wav);
        int size = ByteBuffer.wrap(wav, data - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int frames = size / (2 * channels);
        int[][] out = new int[channels][frames];
        ByteBuffer b = ByteBuffer.wrap(wav, data, size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = b.getShort();
            }
        }
        return out;
    }

    /** Offset of the first byte of the 'data' chunk's payload. */
    static int dataChunk(byte[] wav) {
        int p = 12;
        while (p + 8 <= wav.length) {
            String id = new String(wav, p, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            int size = ByteBuffer.wrap(wav, p + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (id.equals("data")) {
                return p + 8;
            }
            p += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    static float[] sine(int rate, double hz, double amplitude, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    static double rms(float[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** Amplitude of the component at {@code hz} over {@code s[from..to)} (Goertzel, Hann-windowed). */
    static double amplitudeAt(float[] s, int from, int to, int rate, double hz) {
        int n = to - from;
        double w = 2 * Math.PI * hz / rate;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double win = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            re += s[from + i] * win * Math.cos(w * i);
            im -= s[from + i] * win * Math.sin(w * i);
            windowSum += win;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }

    /** Frequency from the rising zero crossings in {@code s[from..to)}, interpolated between samples. */
    static double zeroCrossingFrequency(float[] s, int from, int to, int rate) {
        double first = -1;
        double last = -1;
        int count = 0;
        for (int i = from + 1; i < to; i++) {
            if (s[i - 1] < 0 && s[i] >= 0) {
                double t = (i - 1) + s[i - 1] / (double) (s[i - 1] - s[i]);
                if (first < 0) {
                    first = t;
                } else {
                    count++;
                }
                last = t;
            }
        }
        return count * rate / (last - first);
    }

    static int argMaxAbs(float[] s) {
        int best = 0;
        for (int i = 1; i < s.length; i++) {
            if (Math.abs(s[i]) > Math.abs(s[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * A mono stream over an array that hands out at most {@code chunk} samples per read, so callers
     * see irregular block boundaries.
     */
    static final class ArrayAudio implements MonoAudioStream {
        private final float[] samples;
        private final int rate;
        private final int chunk;
        private int pos;
        boolean closed;

        ArrayAudio(float[] samples, int rate) {
            this(samples, rate, Integer.MAX_VALUE);
        }

        ArrayAudio(float[] samples, int rate, int chunk) {
            this.samples = samples;
            this.rate = rate;
            this.chunk = chunk;
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public int read(float[] buf, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= samples.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), samples.length - pos);
            System.arraycopy(samples, pos, buf, off, n);
            pos += n;
            return n;
        }

        @Override
        public AudioDescription description() {
            return new AudioDescription("wav", "pcm_f32le", rate, 1, 32, samples.length);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
