package org.emospark.features.speech2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MfccTest {
    /** The textbook computation in double precision with a plain DFT: what the batched float32 FFT must give. */
    static double[][] reference(float[] x, int rate) {
        int window = (int) Math.round(0.025 * rate);
        int hop = (int) Math.round(0.010 * rate);
        int n = Integer.highestOneBit(window - 1) << 1;
        int frames = x.length <= window ? 1 : 1 + (x.length - window) / hop;
        float[] mel = Mfcc.melFilters(rate, n);
        double[][] out = new double[frames][Mfcc.COEFFICIENTS];
        for (int f = 0; f < frames; f++) {
            double[] w = new double[n];
            for (int i = 0; i < window; i++) {
                int at = f * hop + i;
                if (at < x.length) {
                    double emphasised = at == 0 ? x[0] : x[at] - 0.97 * x[at - 1];
                    w[i] = emphasised * (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (window - 1)));
                }
            }
            double[] logMel = new double[Mfcc.MEL_BANDS];
            for (int k = 0; k <= n / 2; k++) {
                double re = 0;
                double im = 0;
                for (int t = 0; t < n; t++) {
                    re += w[t] * Math.cos(2 * Math.PI * k * t / n);
                    im -= w[t] * Math.sin(2 * Math.PI * k * t / n);
                }
                double power = re * re + im * im;
                for (int b = 0; b < Mfcc.MEL_BANDS; b++) {
                    logMel[b] += power * mel[k * Mfcc.MEL_BANDS + b];
                }
            }
            for (int c = 0; c < Mfcc.COEFFICIENTS; c++) {
                double sum = 0;
                for (int b = 0; b < Mfcc.MEL_BANDS; b++) {
                    double norm = c == 0 ? Math.sqrt(1.0 / Mfcc.MEL_BANDS) : Math.sqrt(2.0 / Mfcc.MEL_BANDS);
                    sum += Math.log(Math.max(logMel[b], 1e-10)) * norm * Math.cos(Math.PI * c * (b + 0.5) / Mfcc.MEL_BANDS);
                }
                out[f][c] = sum;
            }
        }
        return out;
    }

    @Test
    void batchedCoefficientsMatchAPlainDftOfEachWindow() {
        int rate = 8000;
        SplittableRandom random = new SplittableRandom(5);
        float[] speechLike = new float[1234];
        for (int i = 0; i < speechLike.length; i++) {
            speechLike[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / rate) + 0.1 * Math.sin(2 * Math.PI * 1500 * i
                    / rate) + 0.05 * (random.nextDouble() - 0.5));
        }
        float[] shorterThanAWindow = new float[150];
        System.arraycopy(speechLike, 300, shorterThanAWindow, 0, 150);
        Mfcc mfcc = new Mfcc(rate);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<float[]> out = mfcc.of(manager, List.of(speechLike, shorterThanAWindow), 1000);
            assertEquals(2, out.size());
            float[][] segments = {speechLike, shorterThanAWindow};
            for (int s = 0; s < 2; s++) {
                double[][] expected = reference(segments[s], rate);
                assertEquals(expected.length * Mfcc.COEFFICIENTS, out.get(s).length, "segment " + s);
                for (int f = 0; f < expected.length; f++) {
                    for (int c = 0; c < Mfcc.COEFFICIENTS; c++) {
                        assertEquals(expected[f][c], out.get(s)[f * Mfcc.COEFFICIENTS + c], 2e-3 * Math.max(1,
                                Math.abs(expected[f][c])), "segment " + s + " frame " + f + " c" + c);
                    }
                }
            }
        }
    }

    @Test
    void framesAreTheWholeWindowsAtLeastOneAndAtMostTheCap() {
        Mfcc mfcc = new Mfcc(16000);
        assertEquals(400, mfcc.windowSamples());
        assertEquals(160, mfcc.hopSamples());
        assertEquals(1, mfcc.frames(1));
        assertEquals(1, mfcc.frames(400));
        assertEquals(1, mfcc.frames(559));
        assertEquals(2, mfcc.frames(560));
        assertEquals(98, mfcc.frames(16000));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(10 * Mfcc.COEFFICIENTS, mfcc.of(manager, List.of(new float[16000]), 10).get(0).length);
            assertTrue(mfcc.of(manager, List.of(), 10).isEmpty());
        }
    }

    @Test
    void theMelFiltersTileTheSpectrumOnTheMelScale() {
        float[] filters = Mfcc.melFilters(16000, 512);
        int bins = 257;
        for (int b = 0; b < Mfcc.MEL_BANDS; b++) {
            double peak = 0;
            for (int k = 0; k < bins; k++) {
                peak = Math.max(peak, filters[k * Mfcc.MEL_BANDS + b]);
            }
            assertTrue(peak > 0.5 && peak <= 1, "band " + b + " peaks at " + peak);
        }
        // Between the first and the last centre, the two bands around every bin add up to one.
        for (int k = 3; k < bins - 40; k++) {
            double sum = 0;
            for (int b = 0; b < Mfcc.MEL_BANDS; b++) {
                sum += filters[k * Mfcc.MEL_BANDS + b];
            }
            assertEquals(1, sum, 1e-5, "bin " + k);
        }
        assertEquals(1000, Mfcc.melToHz(Mfcc.hzToMel(1000)), 1e-9);
    }
}
