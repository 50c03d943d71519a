package org.emospark.metrics;

/**
 * Lin's concordance correlation coefficient, the AVEC 2017 metric and the paper's training target:
 * {@code CCC(p, g) = 2 cov(p, g) / (var p + var g + (mean p - mean g)^2)} with population moments
 * (divided by n).
 *
 * <p>1 means perfect agreement, -1 perfect negated agreement, 0 no concordance (e.g. a constant
 * prediction). Unlike Pearson it penalises offset ({@code p = g + c} gives
 * {@code 2 var / (2 var + c^2)}) and scale ({@code p = a g} about the mean gives {@code 2a / (1 + a^2)}).
 * Undefined (NaN) when both sides are the same constant, or on no data.
 *
 * <p>Computed in one stable pass by {@link PairedMoments}; use {@link #accumulator()} to feed
 * predictions chunk by chunk, e.g. over the concatenation of all development recordings.
 */
public final class ConcordanceCorrelation {
    private ConcordanceCorrelation() {
    }

    /** CCC of two equal-length series. */
    public static double of(double[] predictions, double[] gold) {
        return new PairedMoments().add(predictions, gold).concordance();
    }

    /** CCC of two equal-length series, computed in double. */
    public static double of(float[] predictions, float[] gold) {
        return new PairedMoments().add(predictions, gold).concordance();
    }

    /** CCC of what an accumulator has seen. */
    public static double of(PairedMoments moments) {
        return moments.concordance();
    }

    /** An empty accumulator to feed chunk by chunk; read it with {@link PairedMoments#concordance()}. */
    public static PairedMoments accumulator() {
        return new PairedMoments();
    }
}
