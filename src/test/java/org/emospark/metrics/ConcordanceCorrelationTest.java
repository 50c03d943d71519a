package org.emospark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConcordanceCorrelationTest {
    private static final double TOL = 1e-12;

    private static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Two-pass population variance, the textbook reference. */
    private static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / x.length;
    }

    private static double covariance(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / x.length;
    }

    @Test
    void perfectAgreementIsOne() {
        double[] g = random(1, 1000);
        assertEquals(1.0, ConcordanceCorrelation.of(g, g.clone()), TOL);
    }

    @Test
    void negatedAroundZeroMeanIsMinusOne() {
        double[] g = random(2, 1000);
        double m = mean(g);
        double[] centred = new double[g.length];
        double[] negated = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            centred[i] = g[i] - m;
            negated[i] = -(g[i] - m);
        }
        assertEquals(-1.0, ConcordanceCorrelation.of(negated, centred), TOL);
    }

    @Test
    void constantOffsetLowersCccToTwoVarOverTwoVarPlusOffsetSquared() {
        double[] g = random(3, 2000);
        for (double c : new double[] {0.05, 0.3, -0.7, 2.0}) {
            double[] p = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                p[i] = g[i] + c;
            }
            double var = variance(g);
            assertEquals(2 * var / (2 * var + c * c), ConcordanceCorrelation.of(p, g), TOL, "offset " + c);
            assertEquals(1.0, Pearson.of(p, g), TOL, "Pearson ignores offset " + c);
            assertEquals(Math.abs(c), Rmse.of(p, g), TOL, "RMSE of offset " + c);
        }
    }

    @Test
    void scalingAboutTheMeanGivesTwoAOverOnePlusASquared() {
        double[] g = random(4, 2000);
        double m = mean(g);
        for (double a : new double[] {0.1, 0.5, 2.0, 3.5}) {
            double[] p = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                p[i] = m + a * (g[i] - m);
            }
            assertEquals(2 * a / (1 + a * a), ConcordanceCorrelation.of(p, g), TOL, "scale " + a);
        }
    }

    @Test
    void constantPredictionIsZero() {
        double[] g = random(5, 500);
        double[] p = new double[g.length];
        java.util.Arrays.fill(p, 0.37);
        assertEquals(0.0, ConcordanceCorrelation.of(p, g), 0.0);
        assertTrue(Double.isNaN(Pearson.of(p, g)), "Pearson of a constant is undefined");
    }

    @Test
    void matchesTheTwoPassDefinitionOnRandomData() {
        double[] p = random(6, 3001);
        double[] g = random(7, 3001);
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.4 * g[i] + 0.6 * p[i] + 0.1; // correlated, offset
        }
        double mp = mean(p);
        double mg = mean(g);
        double expected = 2 * covariance(p, g) / (variance(p) + variance(g) + (mp - mg) * (mp - mg));
        assertEquals(expected, ConcordanceCorrelation.of(p, g), TOL);
        assertEquals(covariance(p, g) / Math.sqrt(variance(p) * variance(g)), Pearson.of(p, g), TOL);
    }

    @Test
    void floatInputIsComputedInDouble() {
        double[] pd = random(8, 777);
        double[] gd = random(9, 777);
        float[] pf = new float[pd.length];
        float[] gf = new float[gd.length];
        double[] pw = new double[pd.length];
        double[] gw = new double[gd.length];
        for (int i = 0; i < pd.length; i++) {
            pf[i] = (float) pd[i];
            gf[i] = (float) gd[i];
            pw[i] = pf[i];
            gw[i] = gf[i];
        }
        assertEquals(ConcordanceCorrelation.of(pw, gw), ConcordanceCorrelation.of(pf, gf), 0.0);
    }

    @Test
    void chunkedAndMergedAccumulationEqualsOneShot() {
        double[] p = random(10, 10_000);
        double[] g = random(11, 10_000);
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.5 * g[i] + 0.5 * p[i] + 0.2;
        }
        double oneShot = ConcordanceCorrelation.of(p, g);

        PairedMoments chunked = ConcordanceCorrelation.accumulator();
        PairedMoments merged = ConcordanceCorrelation.accumulator();
        int[] bounds = {0, 1, 250, 251, 4000, 9999, 10_000};
        for (int b = 0; b + 1 < bounds.length; b++) {
            double[] pc = java.util.Arrays.copyOfRange(p, bounds[b], bounds[b + 1]);
            double[] gc = java.util.Arrays.copyOfRange(g, bounds[b], bounds[b + 1]);
            chunked.add(pc, gc);
            merged.merge(new PairedMoments().add(pc, gc));
        }
        assertEquals(oneShot, chunked.concordance(), 1e-12);
        assertEquals(oneShot, merged.concordance(), 1e-12);
        assertEquals(Rmse.of(p, g), merged.rmse(), 1e-12);
        assertEquals(Pearson.of(p, g), merged.pearson(), 1e-12);
        assertEquals(p.length, merged.count());
    }

    @Test
    void largeCommonOffsetLosesNoPrecision() {
        // sum(x^2) - n mean^2 would cancel catastrophically at an offset of 1e8.
        double[] g = random(12, 5000);
        double[] p = new double[g.length];
        double[] gs = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            p[i] = 1e8 + g[i] + 0.1;
            gs[i] = 1e8 + g[i];
        }
        double var = variance(g);
        assertEquals(2 * var / (2 * var + 0.01), ConcordanceCorrelation.of(p, gs), 1e-7);
    }

    @Test
    void rejectsMismatchedLengthsAndNonFiniteValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConcordanceCorrelation.of(new double[3], new double[4]));
        assertTrue(e.getMessage().contains("3 predictions and 4 gold"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConcordanceCorrelation.of(new double[] {Double.NaN}, new double[] {0}));
    }

    @Test
    void undefinedOnNoDataOrEqualConstants() {
        assertTrue(Double.isNaN(ConcordanceCorrelation.accumulator().concordance()));
        assertTrue(Double.isNaN(ConcordanceCorrelation.of(new double[] {0.2, 0.2}, new double[] {0.2, 0.2})));
    }
}
