package org.emospark.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.emospark.frames.RecordingExample;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionScoring;
import org.emospark.metrics.EmotionSeries;

/**
 * Simple baselines, fitted on Train and scored like a model, so that a report shows at once whether the network
 * earns its cost. Each is a ridge regression per dimension on features standardised on Train (commons-math's LU solve
 * of the normal equations), on causal features, so it sees only what a unidirectional model sees, each averaged over
 * several spans of the past so that the fit, not a hand-picked span, decides how much context counts:
 * <ul>
 *   <li>{@link Kind#PROSODY}: the frame's energy (dB) and zero-crossing rate, each averaged over the last 1, 4 and
 *       16 s ({@link #PROSODY_FRAMES}), from the audio as the network hears it (level-normalised when the model is);</li>
 *   <li>{@link Kind#WORDS}: the mean of the word vectors of the frames with a word among the last 4 and 16 s
 *       ({@link #WORDS_FRAMES}; a bag of word vectors; zeros before the first word).</li>
 * </ul>
 */
public final class Baselines {
    /** The baselines evaluate reports. */
    public enum Kind {
        PROSODY, WORDS;

        public String label() {
            return "baseline: " + name().toLowerCase(Locale.ROOT);
        }
    }

    /** The spans, in 100 ms frames, of the prosody averages: 1, 4 and 16 s. */
    public static final List<Integer> PROSODY_FRAMES = List.of(10, 40, 160);
    /** The spans of the word-vector averages: 4 and 16 s. */
    public static final List<Integer> WORDS_FRAMES = List.of(40, 160);
    /** Ridge penalty on the standardised features, per frame of Train. */
    private static final double RIDGE = 1e-3;

    /** A baseline's scores on the evaluated split. */
    public record Score(Kind kind, DimensionScores concatenated) {
    }

    private Baselines() {
    }

    /** Every baseline fitted on {@code train} and scored on {@code test} (CCC on the concatenation). */
    public static List<Score> fitAndScore(List<RecordingExample> train, List<RecordingExample> test, int frameSamples) {
        return fitAndScore(train, test, frameSamples, Integer.MAX_VALUE);
    }

    /**
     * As {@link #fitAndScore(List, List, int)}, the words baseline reading only the first {@code wordDims} values of
     * each frame's semantic input (the word vector, not what a model appends to it), so the baselines stay the same
     * whichever model is evaluated.
     */
    public static List<Score> fitAndScore(List<RecordingExample> train, List<RecordingExample> test, int frameSamples,
                                          int wordDims) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("Baselines need labelled Train recordings; the lake has none");
        }
        List<Score> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Fit fit = fit(train, kind, frameSamples, wordDims);
            List<EmotionSeries> series = new ArrayList<>();
            for (RecordingExample r : test) {
                double[][] x = features(r, kind, frameSamples, wordDims);
                float[][] predicted = new float[r.numFrames()][RecordingExample.OUTPUTS];
                float[][] gold = new float[r.numFrames()][RecordingExample.OUTPUTS];
                for (int f = 0; f < r.numFrames(); f++) {
                    for (int d = 0; d < RecordingExample.OUTPUTS; d++) {
                        predicted[f][d] = (float) Math.max(-1, Math.min(1, fit.predict(d, x[f])));
                        gold[f][d] = r.labels()[f * RecordingExample.OUTPUTS + d];
                    }
                }
                series.add(new EmotionSeries(r.recordingId(), predicted, gold));
            }
            out.add(new Score(kind, EmotionScoring.onConcatenation(series)));
        }
        return out;
    }

    /** A fitted baseline: per-feature standardisation from Train, then one weight vector per dimension (intercept last). */
    record Fit(double[] mean, double[] sd, double[][] weights) {
        double predict(int dimension, double[] x) {
            double[] w = weights[dimension];
            double s = w[w.length - 1];
            for (int i = 0; i < w.length - 1; i++) {
                s += w[i] * (x[i] - mean[i]) / sd[i];
            }
            return s;
        }
    }

    static Fit fit(List<RecordingExample> train, Kind kind, int frameSamples, int wordDims) {
        List<double[]> rows = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        for (RecordingExample r : train) {
            double[][] x = features(r, kind, frameSamples, wordDims);
            for (int f = 0; f < r.numFrames(); f++) {
                rows.add(x[f]);
                float[] y = new float[RecordingExample.OUTPUTS];
                System.arraycopy(r.labels(), f * RecordingExample.OUTPUTS, y, 0, RecordingExample.OUTPUTS);
                targets.add(y);
            }
        }
        int p = rows.get(0).length;   // the last column is the constant 1
        double[] mean = new double[p - 1];
        double[] sd = new double[p - 1];
        for (double[] x : rows) {
            for (int a = 0; a < p - 1; a++) {
                mean[a] += x[a] / rows.size();
            }
        }
        for (double[] x : rows) {
            for (int a = 0; a < p - 1; a++) {
                sd[a] += (x[a] - mean[a]) * (x[a] - mean[a]) / rows.size();
            }
        }
        for (int a = 0; a < p - 1; a++) {
            sd[a] = sd[a] > 1e-12 ? Math.sqrt(sd[a]) : 1;
        }
        double[][] xtx = new double[p][p];
        double[][] xty = new double[RecordingExample.OUTPUTS][p];
        double[] z = new double[p];
        for (int i = 0; i < rows.size(); i++) {
            double[] x = rows.get(i);
            for (int a = 0; a < p - 1; a++) {
                z[a] = (x[a] - mean[a]) / sd[a];
            }
            z[p - 1] = 1;
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    xtx[a][b] += z[a] * z[b];
                }
                for (int d = 0; d < RecordingExample.OUTPUTS; d++) {
                    xty[d][a] += z[a] * targets.get(i)[d];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                xtx[a][b] = xtx[b][a];
            }
        }
        // Standardised features each contribute n to the diagonal; the intercept is not penalised.
        for (int a = 0; a < p - 1; a++) {
            xtx[a][a] += RIDGE * rows.size();
        }
        RealMatrix m = new Array2DRowRealMatrix(xtx, false);
        var solver = new LUDecomposition(m).getSolver();
        double[][] w = new double[RecordingExample.OUTPUTS][];
        for (int d = 0; d < RecordingExample.OUTPUTS; d++) {
            w[d] = solver.solve(new ArrayRealVector(xty[d], false)).toArray();
        }
        return new Fit(mean, sd, w);
    }

    /** Per frame: the baseline's features, then a constant 1 for the intercept. */
    static double[][] features(RecordingExample r, Kind kind, int frameSamples, int wordDims) {
        int n = r.numFrames();
        return switch (kind) {
            case PROSODY -> prosody(r, n, frameSamples);
            case WORDS -> words(r, n, Math.min(wordDims, r.semanticDims()));
        };
    }

    private static double[][] prosody(RecordingExample r, int n, int frameSamples) {
        double[][] perFrame = new double[n][2];   // energy (dB), zero-crossing rate
        float[] buf = new float[frameSamples];
        for (int f = 0; f < n; f++) {
            r.pcm().read((long) f * frameSamples, buf, 0, frameSamples);
            double sq = 0;
            int crossings = 0;
            for (int i = 0; i < frameSamples; i++) {
                sq += buf[i] * buf[i];
                if (i > 0 && (buf[i] >= 0) != (buf[i - 1] >= 0)) {
                    crossings++;
                }
            }
            perFrame[f][0] = 10 * Math.log10(sq / frameSamples + 1e-10);
            perFrame[f][1] = crossings / (double) frameSamples;
        }
        boolean[] every = new boolean[n];
        Arrays.fill(every, true);
        return withIntercept(n, PROSODY_FRAMES.stream().map(span -> causalMeans(perFrame, every, span)).toList());
    }

    private static double[][] words(RecordingExample r, int n, int dims) {
        int stride = r.semanticDims();
        float[] v = r.semantic();
        double[][] perFrame = new double[n][dims];
        boolean[] withWord = new boolean[n];
        for (int f = 0; f < n; f++) {
            withWord[f] = hasWord(v, f * stride, dims);
            for (int d = 0; d < dims; d++) {
                perFrame[f][d] = v[f * stride + d];
            }
        }
        return withIntercept(n, WORDS_FRAMES.stream().map(span -> causalMeans(perFrame, withWord, span)).toList());
    }

    /**
     * Per frame, the mean of {@code perFrame} over the frames among the last {@code span} (this one included) whose
     * {@code counted} flag is set; zeros where none is.
     */
    static double[][] causalMeans(double[][] perFrame, boolean[] counted, int span) {
        int n = perFrame.length;
        int width = n == 0 ? 0 : perFrame[0].length;
        double[][] out = new double[n][width];
        double[] sum = new double[width];
        int k = 0;
        for (int f = 0; f < n; f++) {
            if (counted[f]) {
                add(sum, perFrame[f], 1);
                k++;
            }
            int old = f - span;
            if (old >= 0 && counted[old]) {
                add(sum, perFrame[old], -1);
                k--;
            }
            for (int d = 0; k > 0 && d < width; d++) {
                out[f][d] = sum[d] / k;
            }
        }
        return out;
    }

    /** The blocks side by side per frame, then the constant 1. */
    private static double[][] withIntercept(int n, List<double[][]> blocks) {
        double[][] x = new double[n][];
        for (int f = 0; f < n; f++) {
            int width = 1;
            for (double[][] b : blocks) {
                width += b[f].length;
            }
            double[] row = new double[width];
            int at = 0;
            for (double[][] b : blocks) {
                System.arraycopy(b[f], 0, row, at, b[f].length);
                at += b[f].length;
            }
            row[width - 1] = 1;
            x[f] = row;
        }
        return x;
    }

    /** Whether the word vector of {@code dims} values at {@code offset} is not all zeros. */
    private static boolean hasWord(float[] v, int offset, int dims) {
        for (int d = 0; d < dims; d++) {
            if (v[offset + d] != 0) {
                return true;
            }
        }
        return false;
    }

    private static void add(double[] sum, double[] x, int sign) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += sign * x[d];
        }
    }
}
