package org.emospark.metrics;

import java.util.Arrays;
import java.util.Collection;

/**
 * The least, the median and the greatest of repeated measurements of one figure. Benchmarks report these three
 * rather than one number: on a shared machine a single run moves by a third, and the spread shows how far.
 */
public record Spread(double min, double median, double max, int count) {

    public Spread {
        if (count < 1 || !(min <= median && median <= max)) {
            throw new IllegalArgumentException("Not a spread: min " + min + ", median " + median + ", max " + max
                    + " of " + count);
        }
    }

    /** The spread of {@code values} (at least one, none NaN); the median of an even count is the mean of the middle two. */
    public static Spread of(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("A spread needs at least one value");
        }
        if (Arrays.stream(sorted).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException("A spread of NaN means nothing: " + values);
        }
        return new Spread(sorted[0], Quantiles.sortedQuantile(sorted, 0.5), sorted[sorted.length - 1], sorted.length);
    }

    /** The same spread in other units: every figure times {@code factor} (positive). */
    public Spread times(double factor) {
        return new Spread(min * factor, median * factor, max * factor, count);
    }

    /** "min / median / max" with {@code format} (e.g. "%.1f") for each. */
    public String format(String format) {
        return String.format(format + " / " + format + " / " + format, min, median, max);
    }
}
