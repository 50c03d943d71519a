package org.emospark.corpus.timing;

import java.util.Arrays;
import java.util.Locale;
import org.emospark.metrics.Quantiles;

/**
 * Summary of word boundary errors {@code |predicted - true|} in seconds, over every word's start
 * and end. Quantiles interpolate linearly between order statistics (numpy's default).
 *
 * @param boundaries how many errors (two per word)
 */
public record BoundaryErrorStats(int boundaries, double medianS, double p90S, double meanS, double maxS) {

    /**
     * Summarises the given errors (not modified).
     *
     * @throws IllegalArgumentException when there are none, or one is negative or not finite
     */
    public static BoundaryErrorStats of(double[] errorsS) {
        if (errorsS.length == 0) {
            throw new IllegalArgumentException("Cannot summarise boundary errors: there are none");
        }
        double[] sorted = errorsS.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double e : sorted) {
            if (!(e >= 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("Boundary errors must be finite and >= 0, cannot be: " + e);
            }
            sum += e;
        }
        return new BoundaryErrorStats(sorted.length, Quantiles.sortedQuantile(sorted, 0.5),
                Quantiles.sortedQuantile(sorted, 0.9), sum / sorted.length, sorted[sorted.length - 1]);
    }

    /** e.g. {@code median 5.1 ms, p90 74.3 ms, mean 23.0 ms, max 410.2 ms over 2740 boundaries}. */
    public String describe() {
        return String.format(Locale.ROOT, "median %.1f ms, p90 %.1f ms, mean %.1f ms, max %.1f ms over %d "
                + "boundaries", medianS * 1e3, p90S * 1e3, meanS * 1e3, maxS * 1e3, boundaries);
    }
}
