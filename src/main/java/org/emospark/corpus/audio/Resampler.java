package org.emospark.corpus.audio;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Band-limited sample-rate conversion of a {@link MonoAudioStream}, streaming: it keeps only the
 * filter's history, a few hundred input samples, plus one block. Obtain one through
 * {@link Resampling#to}.
 *
 * <p>Output sample {@code n} is the band-limited input evaluated at time {@code n / outRate}
 * seconds, so there is no delay to compensate: an event at input sample {@code k} lands at output
 * sample {@code round(k * outRate / inRate)}. The output has exactly
 * {@code round(inputLength * outRate / inRate)} samples; past the input's end the filter sees
 * zeros. Samples are clipped to [-1, 1] (a band-limited full-scale signal can overshoot slightly).
 * The arithmetic per output sample does not depend on how reads are split into blocks, so block
 * sizes never change the result.
 */
public final class Resampler implements MonoAudioStream {
    private static final int BLOCK = 8192;

    private final MonoAudioStream src;
    private final ResamplingFilter filter;
    private final float[] history;
    /** Input index of {@code history[0]}; negative at the start, where the history is leading zeros. */
    private long historyStart;
    private int historyLength;
    private long inputSeen;
    private boolean sourceEnded;
    private long totalOut = -1;
    private long outIndex;
    /** floor(outIndex * down / up) and (outIndex * down) mod up: where the next output sits. */
    private long i0;
    private int phase;

    Resampler(MonoAudioStream src, ResamplingFilter filter) {
        this.src = src;
        this.filter = filter;
        // Room for a whole filter span plus a block, and for several outputs' worth of input.
        int block = Math.max(BLOCK, 4 * (filter.down / filter.up + 1));
        this.history = new float[filter.taps + block];
        this.historyStart = -filter.past;
        this.historyLength = filter.past;
    }

    @Override
    public int sampleRate() {
        return filter.outRate;
    }

    /** The source's description (its own rate and format), unchanged by resampling. */
    @Override
    public AudioDescription description() {
        return src.description();
    }

    /** The sample rate of the stream being resampled. */
    public int inputRate() {
        return filter.inRate;
    }

    @Override
    public int read(float[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        int produced = 0;
        while (produced < len) {
            // Before the source ends, only outputs that surely exist: n < round(samplesSoFar * up / down).
            long limit = sourceEnded ? totalOut : outputsFor(inputSeen);
            if (outIndex >= limit) {
                if (sourceEnded) {
                    break;
                }
                pull();
                continue;
            }
            long available = historyStart + historyLength;
            if (i0 + filter.lookahead >= available) {
                pull();
                continue;
            }
            produced += produce(buf, off + produced, (int) Math.min(len - produced, limit - outIndex), available);
        }
        return produced == 0 ? -1 : produced;
    }

    private long outputsFor(long inputs) {
        long twice = Math.multiplyExact(Math.multiplyExact(inputs, 2L), (long) filter.up);
        return (twice + filter.down) / (2L * filter.down);
    }

    /** Drops history no output needs any more, then appends source samples, or zeros past its end. */
    private void pull() throws IOException {
        int drop = (int) (i0 - filter.past - historyStart);
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, historyLength - drop);
            historyStart += drop;
            historyLength -= drop;
        }
        if (!sourceEnded) {
            int r = src.read(history, historyLength, history.length - historyLength);
            if (r < 0) {
                sourceEnded = true;
                totalOut = outputsFor(inputSeen);
            } else if (r == 0) {
                // The room asked for is never empty, so this breaks the read contract; spinning would hang.
                throw new IOException("The " + src.description().describe() + " source returned 0 samples for a read of "
                        + (history.length - historyLength));
            } else {
                historyLength += r;
                inputSeen += r;
            }
        } else {
            Arrays.fill(history, historyLength, history.length, 0f);
            historyLength = history.length;
        }
    }

    private int produce(float[] out, int off, int max, long available) {
        final float[] x = history;
        final float[] c = filter.coefs;
        final int taps = filter.taps;
        final int up = filter.up;
        final int wholeStep = filter.down / up;
        final int fracStep = filter.down % up;
        final long lastI0 = available - 1 - filter.lookahead;
        final long rowZero = historyStart + filter.past;
        long i = i0;
        int p = phase;
        int count = 0;
        if (filter.exact) {
            while (count < max && i <= lastI0) {
                float v = dot(x, (int) (i - rowZero), c, p * taps, taps);
                out[off + count++] = v > 1f ? 1f : (v < -1f ? -1f : v);
                p += fracStep;
                i += wholeStep;
                if (p >= up) {
                    p -= up;
                    i++;
                }
            }
        } else {
            final int phases = filter.phases;
            while (count < max && i <= lastI0) {
                long scaled = (long) p * phases;
                int row = (int) (scaled / up);
                float w = (float) ((scaled - (long) row * up) / (double) up);
                int xo = (int) (i - rowZero);
                float a = dot(x, xo, c, row * taps, taps);
                float b = dot(x, xo, c, (row + 1) * taps, taps);
                float v = a + w * (b - a);
                out[off + count++] = v > 1f ? 1f : (v < -1f ? -1f : v);
                p += fracStep;
                i += wholeStep;
                if (p >= up) {
                    p -= up;
                    i++;
                }
            }
        }
        i0 = i;
        phase = p;
        outIndex += count;
        return count;
    }

    /** Eight partial sums: independent chains that keep the CPU's adders busy; n is a multiple of 8. */
    private static float dot(float[] x, int xo, float[] c, int co, int n) {
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float a4 = 0;
        float a5 = 0;
        float a6 = 0;
        float a7 = 0;
        for (int t = 0; t < n; t += 8) {
            a0 += x[xo + t] * c[co + t];
            a1 += x[xo + t + 1] * c[co + t + 1];
            a2 += x[xo + t + 2] * c[co + t + 2];
            a3 += x[xo + t + 3] * c[co + t + 3];
            a4 += x[xo + t + 4] * c[co + t + 4];
            a5 += x[xo + t + 5] * c[co + t + 5];
            a6 += x[xo + t + 6] * c[co + t + 6];
            a7 += x[xo + t + 7] * c[co + t + 7];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    @Override
    public void close() throws IOException {
        src.close();
    }
}
