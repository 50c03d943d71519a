package org.emospark.corpus.audio;

import java.util.Locale;
import java.util.Random;
import org.emospark.corpus.audio.TestAudio.ArrayAudio;

/**
 * A measurement, not a test: prints the resampler's quality and speed (the acceptance thresholds live in
 * {@link ResamplingTest}). Run {@link #main} on a plain JVM with the test classpath, e.g.
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.emospark.corpus.audio.ResamplingMeasurements}.
 */
final class ResamplingMeasurements {
    private static final int[][] PAIRS = {{44100, 22050}, {48000, 22050}, {16000, 22050}, {8000, 22050},
            {22050, 16000}, {44100, 22051}};

    public static void main(String[] args) throws Exception {
        ResamplingMeasurements t = new ResamplingMeasurements();
        t.printsFilterQuality();
        t.printsThroughput();
    }

    void printsFilterQuality() throws Exception {
        for (int[] p : PAIRS) {
            int from = p[0];
            int to = p[1];
            ResamplingFilter f = ResamplingFilter.forRates(from, to);
            double nyquist = Math.min(from, to) / 2.0;
            // Passband: worst deviation up to the 90% passband edge, and the level at 1 kHz.
            double worstPass = 0;
            for (double hz = 20; hz <= ResamplingFilter.PASSBAND_EDGE * nyquist; hz += nyquist / 97) {
                worstPass = Math.max(worstPass, Math.abs(gainDb(from, to, hz)));
            }
            double at1k = gainDb(from, to, 1000);
            // Stopband: downsampling, every tone from the output Nyquist up to the input Nyquist;
            // upsampling, the image (from - hz) of every tone whose image falls below the output Nyquist.
            double worstStop = Double.NEGATIVE_INFINITY;
            double worstStopHz = 0;
            if (to < from) {
                // (A tone right at the input Nyquist samples to zeros, so the sweep stops just short of it.)
                for (double hz = to / 2.0; hz < 0.995 * from / 2.0; hz += (from - to) / 2.0 / 150) {
                    double g = gainDb(from, to, hz);
                    if (g > worstStop) {
                        worstStop = g;
                        worstStopHz = hz;
                    }
                }
            } else {
                for (double hz = from - to / 2.0 + 1; hz < ResamplingFilter.PASSBAND_EDGE * from / 2; hz += 37) {
                    double g = residualDb(from, to, hz);
                    if (g > worstStop) {
                        worstStop = g;
                        worstStopHz = hz;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%5d -> %5d Hz: %s, %d taps/phase, cutoff %.0f Hz | 1 kHz level %+.5f dB, "
                            + "passband (to %.0f Hz) within %.5f dB | stopband worst %.1f dB (%s %.0f Hz)%n",
                    from, to, f.exact ? f.up + " phases" : (f.phases + 1) + " interpolated rows", f.taps, f.cutoffHz,
                    at1k, ResamplingFilter.PASSBAND_EDGE * nyquist, worstPass, worstStop,
                    to < from ? "tone at" : "image + error of tone at", worstStopHz);
        }
    }

    void printsThroughput() throws Exception {
        for (int[] p : new int[][] {{44100, 22050}, {16000, 22050}, {48000, 22050}}) {
            int from = p[0];
            int seconds = 30;
            float[] in = new float[from * seconds];
            Random rnd = new Random(1);
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) (rnd.nextGaussian() * 0.1);
            }
            float[] buf = new float[1 << 16];
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                try (MonoAudioStream r = Resampling.to(new ArrayAudio(in, from, 1 << 16), p[1])) {
                    while (r.read(buf, 0, buf.length) >= 0) {
                        // drain
                    }
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%5d -> %5d Hz: %.0f seconds of audio per second (best of 3 over %d s)%n",
                    from, p[1], seconds / best, seconds);
        }
    }

    /** Output level of a 0.5-amplitude tone relative to 0.5: by least-squares fit in the passband, by RMS elsewhere. */
    private static double gainDb(int from, int to, double hz) throws Exception {
        float[] in = TestAudio.sine(from, hz, 0.5, from / 4);
        float[] out = ResamplingTest.resample(in, from, to);
        if (hz < to / 2.0) {
            return TestAudio.db(fitAmplitude(out, out.length / 4, out.length * 3 / 4, to, hz) / 0.5);
        }
        return ResamplingTest.gainDb(in, out);
    }

    /** Amplitude of the sinusoid at {@code hz} that best fits {@code s[from..to)} (least squares). */
    static double fitAmplitude(float[] s, int from, int to, int rate, double hz) {
        double ss = 0;
        double sc = 0;
        double cc = 0;
        double xs = 0;
        double xc = 0;
        for (int i = from; i < to; i++) {
            double sn = Math.sin(2 * Math.PI * hz * i / rate);
            double cs = Math.cos(2 * Math.PI * hz * i / rate);
            ss += sn * sn;
            sc += sn * cs;
            cc += cs * cs;
            xs += s[i] * sn;
            xc += s[i] * cs;
        }
        double det = ss * cc - sc * sc;
        double a = (xs * cc - xc * sc) / det;
        double b = (xc * ss - xs * sc) / det;
        return Math.hypot(a, b);
    }

    /** Level of everything but the expected tone in the output, relative to the tone, in dB. */
    private static double residualDb(int from, int to, double hz) throws Exception {
        float[] in = TestAudio.sine(from, hz, 0.5, from / 4);
        float[] out = ResamplingTest.resample(in, from, to);
        float[] err = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            err[i] = (float) (out[i] - 0.5 * Math.sin(2 * Math.PI * hz * i / to));
        }
        int a = out.length / 4;
        int b = out.length * 3 / 4;
        return TestAudio.db(TestAudio.rms(err, a, b) / TestAudio.rms(out, a, b));
    }
}
