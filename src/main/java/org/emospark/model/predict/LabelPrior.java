package org.emospark.model.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How the labels move in time, fitted on the Train split's label series: per dimension their mean, how far the
 * recordings' own mean labels spread around it (their level), and the autocovariance within a recording at lags
 * {@code 0 .. maxLag - 1} frames. {@link PriorSmoothing} conditions a recording's outputs on it.
 *
 * <p>Why the level apart: a session sits higher or lower as a whole (a speaker in a better mood that day), and what
 * the subject's speech tells of that level holds all through the recording, also between turns longer than the
 * labels' own movements. Two frames of one recording {@code lag} apart covary by the level's variance plus the
 * autocovariance at that lag ({@link #covariance}); the autocovariance is taken around each recording's own mean.
 *
 * <p>The autocovariance is the biased estimate: at every lag the sum of products of values less their recording's
 * mean over all recordings, divided by the total number of frames (not by the pairs at that lag), which keeps long
 * lags, seen in few pairs, small rather than noisy. Lags no Train recording spans are 0. The level's variance weighs
 * each recording by its frames.
 *
 * @param mean per dimension (arousal, valence, liking)
 * @param autocovariance per dimension, lag 0 first, all dimensions of one length
 * @param levelVariance per dimension, the variance of the recordings' mean labels; {@code null} in a prior stored
 *                      before levels were fitted, whose autocovariance was taken around the overall mean and which
 *                      conditions as it did then (no level: frames far from the subject's speech go to the Train mean)
 */
public record LabelPrior(double[] mean, double[][] autocovariance,
                         @JsonInclude(JsonInclude.Include.NON_NULL) double[] levelVariance) implements Serializable {
    /** 60 s of 100 ms frames: past a minute, a label tells little of where another will be. */
    public static final int MAX_LAG_FRAMES = 600;

    public LabelPrior {
        if (mean == null || autocovariance == null || mean.length == 0 || mean.length != autocovariance.length) {
            throw new IllegalArgumentException("A label prior needs one mean and one autocovariance per dimension, got "
                    + (mean == null ? "no" : mean.length) + " means and "
                    + (autocovariance == null ? "no" : autocovariance.length) + " autocovariances");
        }
        mean = mean.clone();
        double[][] copy = new double[autocovariance.length][];
        for (int k = 0; k < copy.length; k++) {
            if (autocovariance[k] == null || autocovariance[k].length == 0
                    || autocovariance[k].length != autocovariance[0].length) {
                throw new IllegalArgumentException("Autocovariances must all hold the same number (at least 1) of lags");
            }
            if (!Double.isFinite(mean[k]) || !(autocovariance[k][0] >= 0)
                    || Arrays.stream(autocovariance[k]).anyMatch(v -> !Double.isFinite(v))) {
                throw new IllegalArgumentException("Dimension " + k + " of a label prior must be finite with a variance "
                        + "of at least 0, cannot be: mean " + mean[k] + ", variance " + autocovariance[k][0]);
            }
            copy[k] = autocovariance[k].clone();
        }
        autocovariance = copy;
        if (levelVariance != null) {
            if (levelVariance.length != mean.length
                    || Arrays.stream(levelVariance).anyMatch(v -> !(v >= 0) || Double.isInfinite(v))) {
                throw new IllegalArgumentException("A label prior needs one finite level variance of at least 0 per "
                        + "dimension, got " + Arrays.toString(levelVariance));
            }
            levelVariance = levelVariance.clone();
        }
    }

    /** A prior without a level, as stored before levels were fitted. */
    public LabelPrior(double[] mean, double[][] autocovariance) {
        this(mean, autocovariance, null);
    }

    /**
     * The prior of {@code series}, each one recording's labels {@code [frame][dimension]} (every recording with the same
     * dimensions), up to lag {@code maxLag - 1}.
     */
    public static LabelPrior fit(List<float[][]> series, int maxLag) {
        if (maxLag < 1) {
            throw new IllegalArgumentException("The longest lag must be at least 1 frame, cannot be: " + maxLag);
        }
        if (series.isEmpty() || series.stream().allMatch(s -> s.length == 0)) {
            throw new IllegalArgumentException("A label prior is fitted on at least one labelled frame");
        }
        int dims = series.stream().filter(s -> s.length > 0).findFirst().orElseThrow()[0].length;
        double[] mean = new double[dims];
        long frames = 0;
        for (float[][] s : series) {
            for (float[] row : s) {
                if (row.length != dims) {
                    throw new IllegalArgumentException("Every label row must hold " + dims + " values, got " + row.length);
                }
                for (int k = 0; k < dims; k++) {
                    mean[k] += row[k];
                }
            }
            frames += s.length;
        }
        for (int k = 0; k < dims; k++) {
            mean[k] /= frames;
        }
        double[] level = new double[dims];
        double[][] acov = new double[dims][maxLag];
        for (float[][] s : series) {
            double[] own = new double[dims];
            for (float[] row : s) {
                for (int k = 0; k < dims; k++) {
                    own[k] += row[k];
                }
            }
            for (int k = 0; k < dims; k++) {
                own[k] = s.length == 0 ? mean[k] : own[k] / s.length;
                level[k] += s.length * (own[k] - mean[k]) * (own[k] - mean[k]);
            }
            for (int lag = 0; lag < Math.min(maxLag, s.length); lag++) {
                for (int f = lag; f < s.length; f++) {
                    for (int k = 0; k < dims; k++) {
                        acov[k][lag] += (s[f][k] - own[k]) * (s[f - lag][k] - own[k]);
                    }
                }
            }
        }
        for (int k = 0; k < dims; k++) {
            level[k] /= frames;
            for (int lag = 0; lag < maxLag; lag++) {
                acov[k][lag] /= frames;
            }
        }
        return new LabelPrior(mean, acov, level);
    }

    public int dimensions() {
        return mean.length;
    }

    /**
     * The covariance of dimension {@code k} between two frames of one recording {@code lag} apart: the level's variance
     * plus the autocovariance, which is 0 past the longest lag fitted.
     */
    public double covariance(int k, int lag) {
        int d = Math.abs(lag);
        return (levelVariance == null ? 0 : levelVariance[k]) + (d < autocovariance[k].length ? autocovariance[k][d] : 0);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[][] autocovariance() {
        double[][] out = new double[autocovariance.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = autocovariance[k].clone();
        }
        return out;
    }

    @Override
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public double[] levelVariance() {
        return levelVariance == null ? null : levelVariance.clone();
    }

    double meanOf(int k) {
        return mean[k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelPrior p && Arrays.equals(mean, p.mean) && Arrays.deepEquals(autocovariance, p.autocovariance)
                && Arrays.equals(levelVariance, p.levelVariance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.deepHashCode(autocovariance)) + Arrays.hashCode(levelVariance);
    }

    @Override
    public String toString() {
        return "LabelPrior[mean=" + Arrays.toString(mean) + ", variance=" + Arrays.toString(
                Arrays.stream(autocovariance).mapToDouble(a -> a[0]).toArray()) + ", level variance="
                + Arrays.toString(levelVariance) + ", lags=" + autocovariance[0].length + "]";
    }
}
