package org.emospark.metrics;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * CCC, Pearson and RMSE for arousal, valence and liking: one row of an evaluation table.
 *
 * @param arousal scores of column 0
 * @param valence scores of column 1
 * @param liking scores of column 2
 */
public record DimensionScores(Score arousal, Score valence, Score liking) implements Serializable {

    /**
     * The three scores of one dimension.
     *
     * @param ccc concordance correlation coefficient
     * @param pearson Pearson's correlation (NaN for a constant series)
     * @param rmse root mean squared error
     */
    public record Score(double ccc, double pearson, double rmse) implements Serializable {
        /** The scores of what {@code moments} has seen. */
        public static Score of(PairedMoments moments) {
            return new Score(moments.concordance(), moments.pearson(), moments.rmse());
        }
    }

    public DimensionScores {
        Objects.requireNonNull(arousal, "arousal");
        Objects.requireNonNull(valence, "valence");
        Objects.requireNonNull(liking, "liking");
    }

    /** The scores of one dimension. */
    public Score get(Dimension dimension) {
        return switch (dimension) {
            case AROUSAL -> arousal;
            case VALENCE -> valence;
            case LIKING -> liking;
        };
    }

    /** Mean CCC over the three dimensions, the model selection criterion. */
    public double meanCcc() {
        return (arousal.ccc + valence.ccc + liking.ccc) / 3;
    }

    /** The scores in dimension order. */
    public List<Score> asList() {
        return List.of(arousal, valence, liking);
    }

    /** Scores from three per-dimension accumulators, in dimension order. */
    public static DimensionScores of(PairedMoments arousal, PairedMoments valence, PairedMoments liking) {
        return new DimensionScores(Score.of(arousal), Score.of(valence), Score.of(liking));
    }

    /**
     * The element-wise mean of several rows (NaN entries are skipped, e.g. Pearson of a recording whose
     * gold is constant); NaN where every row is NaN.
     */
    public static DimensionScores mean(List<DimensionScores> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Cannot average scores of no recordings");
        }
        Score[] means = new Score[Dimension.COUNT];
        for (Dimension d : Dimension.values()) {
            double[] sums = new double[3];
            int[] counts = new int[3];
            for (DimensionScores row : rows) {
                Score s = row.get(d);
                double[] v = {s.ccc, s.pearson, s.rmse};
                for (int k = 0; k < 3; k++) {
                    if (!Double.isNaN(v[k])) {
                        sums[k] += v[k];
                        counts[k]++;
                    }
                }
            }
            means[d.index()] = new Score(
                    counts[0] == 0 ? Double.NaN : sums[0] / counts[0],
                    counts[1] == 0 ? Double.NaN : sums[1] / counts[1],
                    counts[2] == 0 ? Double.NaN : sums[2] / counts[2]);
        }
        return new DimensionScores(means[0], means[1], means[2]);
    }
}
