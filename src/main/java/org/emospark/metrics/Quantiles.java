package org.emospark.metrics;

/**
 * Quantiles of sorted samples with linear interpolation between order statistics (the definition
 * of numpy's default {@code percentile}, R type 7): quantile {@code q} lies at position
 * {@code q (n - 1)}. Used by the word-timing statistics and by scoring's per-recording summaries.
 */
public final class Quantiles {
    private Quantiles() {
    }

    public static double sortedQuantile(float[] sorted, double q) {
        checkQ(q, sorted.length);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * ((double) sorted[hi] - sorted[lo]);
    }

    public static double sortedQuantile(double[] sorted, double q) {
        checkQ(q, sorted.length);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void checkQ(double q, int n) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Quantile must lie in [0, 1], cannot be: " + q);
        }
        if (n == 0) {
            throw new IllegalArgumentException("Cannot take a quantile of no values");
        }
    }
}
