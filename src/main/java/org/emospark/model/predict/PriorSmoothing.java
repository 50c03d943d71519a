package org.emospark.model.predict;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;

/**
 * A recording's outputs conditioned on how its labels move ({@link LabelPrior}), trusting the frames in which the
 * subject speaks ({@link org.emospark.model.ModelConfig#priorSmoothing()}).
 *
 * <p>Why: the labels follow the subject, but what a network hears of the subject's state it hears while the subject
 * speaks. Between the subject's turns (a third to two thirds of a conversation) its outputs follow the other speaker's
 * voice and words or drift; the best guess there is how the Train labels carry on from the subject's last words into
 * the next ones. Each output becomes the best linear estimate of the label (kriging: the posterior mean of a
 * Gaussian process with the labels' own mean and covariance) from the network's outputs on the subject's frames,
 * read as the label plus independent noise of {@link #NOISE_SHARE} of the label's variance. The covariance holds the
 * recording's level ({@link LabelPrior#covariance}): far from the subject's speech (past the prior's longest lag) the
 * estimate is the level the subject's outputs within {@link #HORIZON} frames give, drawn towards the Train mean by as
 * much as the Train recordings' levels spread little; on the subject's frames it is a smoothed output. A prior
 * without a level (stored before levels were fitted) gives the Train mean there.
 *
 * <p>Cost and reach: the outputs are estimated {@link #BLOCK} frames at a time from the observations within
 * {@link #HORIZON} frames either side, every {@link #STEP}th subject frame (neighbouring outputs of a network are
 * nearly one number, so the others add little but cost), so one block solves a system of at most
 * {@code (BLOCK + 2 * HORIZON) / STEP} unknowns whatever the recording's length.
 */
public final class PriorSmoothing {
    /** Every this many frames (from frame 0) a subject frame is an observation. */
    static final int STEP = 3;
    /** An observation's noise variance as a share of the label's variance. */
    static final double NOISE_SHARE = 0.15;
    /** Frames estimated together. */
    static final int BLOCK = 100;
    /** Observations read either side of a block, in frames. */
    static final int HORIZON = 300;

    private PriorSmoothing() {
    }

    /**
     * {@code series} ({@code [frame][value]}) conditioned on {@code prior} in place, for each of the prior's
     * dimensions with a variance above 0. {@code subject} flags the subject's frames; a recording in which no frame is
     * the subject's has nothing to condition on and keeps its outputs.
     */
    public static void apply(float[][] series, boolean[] subject, LabelPrior prior) {
        int n = series.length;
        if (subject.length != n) {
            throw new IllegalArgumentException(n + " frames of outputs need " + n + " subject flags, got " + subject.length);
        }
        int[] observed = observedFrames(subject);
        if (observed.length == 0) {
            return;
        }
        int dims = Math.min(prior.dimensions(), n == 0 ? 0 : series[0].length);
        for (int k = 0; k < dims; k++) {
            double variance = prior.covariance(k, 0);
            if (!(variance > 0)) {
                continue;
            }
            double[] y = new double[n];
            for (int f = 0; f < n; f++) {
                y[f] = series[f][k];
            }
            int first = 0;
            for (int from = 0; from < n; from += BLOCK) {
                int to = Math.min(n, from + BLOCK);
                while (first < observed.length && observed[first] < from - HORIZON) {
                    first++;
                }
                int last = first;
                while (last < observed.length && observed[last] < to + HORIZON) {
                    last++;
                }
                estimate(series, k, from, to, observed, first, last, y, prior, variance);
            }
        }
    }

    /** The frames read as observations: every {@link #STEP}th frame that is the subject's. */
    static int[] observedFrames(boolean[] subject) {
        int count = 0;
        for (int f = 0; f < subject.length; f += STEP) {
            count += subject[f] ? 1 : 0;
        }
        int[] out = new int[count];
        int next = 0;
        for (int f = 0; f < subject.length; f += STEP) {
            if (subject[f]) {
                out[next++] = f;
            }
        }
        return out;
    }

    /** Frames {@code [from, to)} of dimension {@code k} from observations {@code observed[first, last)} of {@code y}. */
    private static void estimate(float[][] series, int k, int from, int to, int[] observed, int first, int last,
            double[] y, LabelPrior prior, double variance) {
        double mean = prior.meanOf(k);
        int m = last - first;
        if (m == 0) {
            for (int f = from; f < to; f++) {
                series[f][k] = (float) mean;
            }
            return;
        }
        double[][] c = new double[m][m];
        double[] residual = new double[m];
        for (int i = 0; i < m; i++) {
            int fi = observed[first + i];
            residual[i] = y[fi] - mean;
            for (int j = 0; j <= i; j++) {
                double v = prior.covariance(k, fi - observed[first + j]);
                c[i][j] = v;
                c[j][i] = v;
            }
            c[i][i] += NOISE_SHARE * variance;
        }
        RealVector weights = solve(c, residual);
        for (int f = from; f < to; f++) {
            double v = mean;
            for (int i = 0; i < m; i++) {
                v += prior.covariance(k, f - observed[first + i]) * weights.getEntry(i);
            }
            series[f][k] = (float) v;
        }
    }

    /**
     * {@code c^-1 r}. The noise on the diagonal keeps {@code c} positive definite for any autocovariance that is one;
     * the truncated estimate of a prior may not quite be, and then the general solver serves.
     */
    private static RealVector solve(double[][] c, double[] r) {
        Array2DRowRealMatrix matrix = new Array2DRowRealMatrix(c, false);
        ArrayRealVector rhs = new ArrayRealVector(r, false);
        try {
            return new CholeskyDecomposition(matrix).getSolver().solve(rhs);
        } catch (NonPositiveDefiniteMatrixException e) {
            return new LUDecomposition(matrix).getSolver().solve(rhs);
        }
    }
}
