package org.emospark.model.predict;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.emospark.frames.FramedExample;
import org.emospark.frames.SpeakingRate;
import org.emospark.frames.UtteranceTiming;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionScoring;
import org.emospark.metrics.EmotionSeries;

/**
 * How high a recording's labels lie, read from how its subject times utterances: a line per dimension through the log
 * speaking rate and the log pause after each subject utterance ({@link UtteranceTiming}), fitted on the Train
 * utterances, whose mean over a recording's utterances estimates the recording's mean label. A kept model moves each
 * recording's outputs towards that estimate by a weight per dimension chosen on Devel ({@link #chooseWeights}).
 *
 * <p>Why: a network hears a new voice in every session and reads how aroused a session is on the whole from a voice it
 * never heard, where pauses and tempo (speakers pause less and talk faster when aroused) do not move with the voice or
 * the microphone, and a recording's mean over a few utterances steadies them. Within a recording the network follows
 * the labels far better than a line through two numbers could, so only the level is taken from the line. A dimension
 * whose line the Train utterances do not support (its F test's p-value at least {@link #MAX_P_VALUE}: the timing says
 * nothing of it, as of valence in the sample corpora) is never moved, whatever four or five Devel recordings suggest.
 *
 * <p>The lines are ordinary least squares (commons-math's {@code OLSMultipleLinearRegression}). An utterance is the
 * set of a recording's subject frames sharing one (rate, pause) pair: the frames of one utterance's words carry its
 * values.
 *
 * @param coefficients per dimension: intercept, slope on the log rate against {@link SpeakingRate#REFERENCE_CHARS_PER_S},
 *                     slope on the log pause (seconds, bounded to {@link #MIN_PAUSE_S}..{@link #MAX_PAUSE_S})
 * @param pValues per dimension, the p-value of the line's F test on the Train utterances (both slopes 0)
 * @param weights per dimension, how far a recording's outputs are moved towards the estimate (0: not at all, 1: all
 *                the way)
 */
public record TimingLevel(double[][] coefficients, double[] pValues, double[] weights) implements Serializable {
    /** Overlapping or back-to-back speech: read as this short a pause, so that its log stays finite. */
    public static final double MIN_PAUSE_S = 0.05;
    /** Longer silences say more about the conversation than about the speaker's tempo. */
    public static final double MAX_PAUSE_S = 5.0;
    /** The weights tried on Devel. */
    public static final double[] WEIGHT_GRID = {0, 0.25, 0.5, 0.75, 1};
    /** Fewer Train utterances than this fit no line: three numbers per dimension need several times as many. */
    public static final int MIN_UTTERANCES = 12;
    /** A line whose F test's p-value is this or more moves nothing: the conventional 1 % level. */
    public static final double MAX_P_VALUE = 0.01;
    private static final int TERMS = 3;

    public TimingLevel {
        if (coefficients == null || pValues == null || weights == null || coefficients.length == 0
                || coefficients.length != weights.length || coefficients.length != pValues.length) {
            throw new IllegalArgumentException("A timing level needs one line, p-value and weight per dimension, got "
                    + (coefficients == null ? "no" : coefficients.length) + " lines, "
                    + (pValues == null ? "no" : pValues.length) + " p-values and "
                    + (weights == null ? "no" : weights.length) + " weights");
        }
        double[][] copy = new double[coefficients.length][];
        for (int d = 0; d < copy.length; d++) {
            if (coefficients[d] == null || coefficients[d].length != TERMS
                    || Arrays.stream(coefficients[d]).anyMatch(v -> !Double.isFinite(v))) {
                throw new IllegalArgumentException("Dimension " + d + " of a timing level needs " + TERMS
                        + " finite coefficients, cannot be: " + Arrays.toString(coefficients[d]));
            }
            if (!(pValues[d] >= 0 && pValues[d] <= 1)) {
                throw new IllegalArgumentException("Dimension " + d + " of a timing level needs a p-value in [0, 1], "
                        + "cannot be: " + pValues[d]);
            }
            if (!(weights[d] >= 0 && weights[d] <= 1)) {
                throw new IllegalArgumentException("Dimension " + d + " of a timing level needs a weight in [0, 1], "
                        + "cannot be: " + weights[d]);
            }
            copy[d] = coefficients[d].clone();
        }
        coefficients = copy;
        pValues = pValues.clone();
        weights = weights.clone();
    }

    /**
     * The lines fitted on the subject utterances of {@code train} (labelled recordings), every weight 0; {@code null}
     * when they hold fewer than {@link #MIN_UTTERANCES} timed utterances or the timings do not vary enough to fit.
     */
    public static TimingLevel fit(List<? extends FramedExample> train) {
        List<double[]> inputs = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        for (FramedExample r : train) {
            float[][] gold = r.labels(0, r.numFrames());
            for (int[] frames : utterances(r.subject(), r.timing()).values()) {
                inputs.add(terms(r.timing(), frames[0]));
                double[] mean = new double[FramedExample.OUTPUTS];
                for (int f : frames) {
                    for (int d = 0; d < mean.length; d++) {
                        mean[d] += gold[f][d] / frames.length;
                    }
                }
                targets.add(mean);
            }
        }
        if (inputs.size() < MIN_UTTERANCES) {
            return null;
        }
        double[][] lines = new double[FramedExample.OUTPUTS][];
        double[] p = new double[lines.length];
        for (int d = 0; d < lines.length; d++) {
            int dim = d;
            OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
            // The intercept is the regression's own: the inputs go in without their leading 1.
            ols.newSampleData(targets.stream().mapToDouble(t -> t[dim]).toArray(),
                    inputs.stream().map(x -> Arrays.copyOfRange(x, 1, TERMS)).toArray(double[][]::new));
            try {
                lines[d] = ols.estimateRegressionParameters();
                p[d] = fTestPValue(ols.calculateRSquared(), inputs.size());
            } catch (SingularMatrixException e) {
                return null;
            }
            if (Arrays.stream(lines[d]).anyMatch(v -> !Double.isFinite(v))) {
                return null;
            }
        }
        return new TimingLevel(lines, p, new double[FramedExample.OUTPUTS]);
    }

    /**
     * The p-value of the F test that both slopes are 0, from the fit's R squared over {@code n} utterances; 1 when the
     * labels do not vary (R squared undefined).
     */
    static double fTestPValue(double rSquared, int n) {
        int slopes = TERMS - 1;
        if (!Double.isFinite(rSquared)) {
            return 1;
        }
        if (rSquared >= 1) {
            return 0;
        }
        double f = (rSquared / slopes) / ((1 - rSquared) / (n - TERMS));
        return Math.max(0, Math.min(1, 1 - new FDistribution(slopes, n - TERMS).cumulativeProbability(Math.max(0, f))));
    }

    /** The same lines with these weights. */
    public TimingLevel withWeights(double[] values) {
        return new TimingLevel(coefficients, pValues, values);
    }

    /** Whether the Train utterances support dimension {@code d}'s line ({@link #MAX_P_VALUE}). */
    public boolean supported(int d) {
        return pValues[d] < MAX_P_VALUE;
    }

    /**
     * The recording's level per dimension: the lines' mean over its timed subject utterances; {@code null} when it has
     * none.
     */
    public double[] level(boolean[] subject, UtteranceTiming timing) {
        Map<Long, int[]> utterances = utterances(subject, timing);
        if (utterances.isEmpty()) {
            return null;
        }
        double[] level = new double[coefficients.length];
        for (int[] frames : utterances.values()) {
            double[] x = terms(timing, frames[0]);
            for (int d = 0; d < level.length; d++) {
                for (int k = 0; k < TERMS; k++) {
                    level[d] += coefficients[d][k] * x[k] / utterances.size();
                }
            }
        }
        return level;
    }

    /**
     * {@code outputs} ({@code [frame][dimension]}) of one recording moved in place, each dimension by its weight times
     * the distance from their mean to the recording's {@link #level}; unchanged when the recording has no timed
     * subject utterance.
     */
    public void apply(float[][] outputs, boolean[] subject, UtteranceTiming timing) {
        shift(outputs, subject, timing, weights);
    }

    private void shift(float[][] outputs, boolean[] subject, UtteranceTiming timing, double[] by) {
        if (outputs.length == 0 || Arrays.stream(by).allMatch(w -> w == 0)) {
            return;
        }
        double[] level = level(subject, timing);
        if (level == null) {
            return;
        }
        for (int d = 0; d < by.length; d++) {
            double mean = 0;
            for (float[] row : outputs) {
                mean += row[d];
            }
            float move = (float) (by[d] * (level[d] - mean / outputs.length));
            for (float[] row : outputs) {
                row[d] += move;
            }
        }
    }

    /**
     * These lines with, per dimension, the weight of {@link #WEIGHT_GRID} under which {@code devel} (the Devel
     * recordings' outputs as the kept model gives them otherwise, with their gold values) scores the highest CCC on the
     * concatenation; the smaller weight on a tie, and 0 for a dimension the Train utterances do not
     * {@link #supported support}.
     *
     * @param recordings the Devel recordings, by id, for their subject frames and timing
     */
    public TimingLevel chooseWeights(List<EmotionSeries> devel, Map<String, ? extends FramedExample> recordings) {
        double[] best = new double[weights.length];
        double[] bestCcc = new double[weights.length];
        Arrays.fill(bestCcc, Double.NEGATIVE_INFINITY);
        for (double w : WEIGHT_GRID) {
            double[] all = new double[weights.length];
            Arrays.fill(all, w);
            DimensionScores scores = EmotionScoring.onConcatenation(moved(devel, recordings, all));
            for (int d = 0; d < best.length; d++) {
                double ccc = scores.asList().get(d).ccc();
                if (ccc > bestCcc[d] && (w == 0 || supported(d))) {
                    bestCcc[d] = ccc;
                    best[d] = w;
                }
            }
        }
        return withWeights(best);
    }

    /**
     * Copies of {@code series} (one recording's outputs and gold values each) with their outputs moved as
     * {@link #apply} moves them.
     *
     * @param recordings the recordings of the series, by id, for their subject frames and timing
     */
    public List<EmotionSeries> applied(List<EmotionSeries> series, Map<String, ? extends FramedExample> recordings) {
        return moved(series, recordings, weights);
    }

    private List<EmotionSeries> moved(List<EmotionSeries> series, Map<String, ? extends FramedExample> recordings,
            double[] by) {
        List<EmotionSeries> out = new ArrayList<>();
        for (EmotionSeries s : series) {
            FramedExample r = recordings.get(s.recordingId());
            EmotionSeries copy = s.withPredictionsCopied();
            shift(copy.predicted(), r.subject(), r.timing(), by);
            out.add(copy);
        }
        return out;
    }

    /** {@code 1}, the log rate against the reference and the bounded log pause of frame {@code f}. */
    private static double[] terms(UtteranceTiming timing, int f) {
        double pause = Math.max(MIN_PAUSE_S, Math.min(MAX_PAUSE_S, timing.pauseSeconds()[f]));
        return new double[] {1, Math.log(timing.charsPerSecond()[f] / SpeakingRate.REFERENCE_CHARS_PER_S), Math.log(pause)};
    }

    /** The recording's timed subject utterances: their frames, keyed by the (rate, pause) pair they share. */
    private static Map<Long, int[]> utterances(boolean[] subject, UtteranceTiming timing) {
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        int n = Math.min(subject.length, timing.numFrames());
        for (int f = 0; f < n; f++) {
            if (subject[f] && timing.timed(f)) {
                long key = (long) Float.floatToIntBits(timing.charsPerSecond()[f]) << 32
                        | (Float.floatToIntBits(timing.pauseSeconds()[f]) & 0xffffffffL);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            }
        }
        Map<Long, int[]> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimingLevel t && Arrays.deepEquals(coefficients, t.coefficients)
                && Arrays.equals(pValues, t.pValues) && Arrays.equals(weights, t.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {coefficients, pValues, weights});
    }

    @Override
    public String toString() {
        return "TimingLevel[coefficients=" + Arrays.deepToString(coefficients) + ", pValues=" + Arrays.toString(pValues)
                + ", weights=" + Arrays.toString(weights) + "]";
    }
}
