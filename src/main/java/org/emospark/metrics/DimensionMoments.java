package org.emospark.metrics;

/**
 * One {@link PairedMoments} per dimension, fed with {@code [N, 3]} predictions and gold, chunk by chunk.
 * Feed every development recording in turn and read {@link #scores()} for the scores on the
 * concatenation, the AVEC convention, in constant memory.
 */
public final class DimensionMoments {
    private final PairedMoments[] moments = new PairedMoments[Dimension.COUNT];

    public DimensionMoments() {
        for (int d = 0; d < Dimension.COUNT; d++) {
            moments[d] = new PairedMoments();
        }
    }

    /** Adds rows of {@code [N, 3]} predictions and gold. */
    public DimensionMoments add(float[][] predicted, float[][] gold) {
        EmotionSeries.checkShapes(predicted, gold);
        for (int i = 0; i < predicted.length; i++) {
            for (int d = 0; d < Dimension.COUNT; d++) {
                moments[d].add(predicted[i][d], gold[i][d]);
            }
        }
        return this;
    }

    /**
     * Adds row-major {@code [N, 3]} predictions and gold as flat arrays, the layout of
     * {@code NDArray.toFloatArray()} on a {@code [B, T, 3]} output.
     */
    public DimensionMoments addRowMajor(float[] predicted, float[] gold) {
        if (predicted.length != gold.length || predicted.length % Dimension.COUNT != 0) {
            throw new IllegalArgumentException("Row-major [N, 3] arrays must have equal lengths divisible by 3, got "
                    + predicted.length + " predictions and " + gold.length + " gold values");
        }
        for (int i = 0; i < predicted.length; i++) {
            moments[i % Dimension.COUNT].add(predicted[i], gold[i]);
        }
        return this;
    }

    /** Adds everything {@code other} has seen. */
    public DimensionMoments merge(DimensionMoments other) {
        for (int d = 0; d < Dimension.COUNT; d++) {
            moments[d].merge(other.moments[d]);
        }
        return this;
    }

    /** The accumulator of one dimension (live, not a copy). */
    public PairedMoments get(Dimension dimension) {
        return moments[dimension.index()];
    }

    /** Number of rows seen. */
    public long count() {
        return moments[0].count();
    }

    /** CCC, Pearson and RMSE per dimension of everything seen. */
    public DimensionScores scores() {
        return DimensionScores.of(moments[0], moments[1], moments[2]);
    }
}
