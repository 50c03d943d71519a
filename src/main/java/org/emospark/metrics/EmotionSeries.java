package org.emospark.metrics;

import java.util.Objects;

/**
 * Predicted and gold arousal, valence and liking of one recording, one row per label frame.
 *
 * @param recordingId e.g. {@code Devel_03}
 * @param frameSeconds time between rows, 0.1 s for SEWA; row {@code i} is at {@code i * frameSeconds}
 * @param predicted {@code [N, 3]} model output
 * @param gold {@code [N, 3]} labels
 */
public record EmotionSeries(String recordingId, double frameSeconds, float[][] predicted, float[][] gold) {

    /** The label step of AVEC 2017 SEWA. */
    public static final double SEWA_FRAME_SECONDS = 0.1;

    public EmotionSeries {
        Objects.requireNonNull(recordingId, "recordingId");
        if (!(frameSeconds > 0) || !Double.isFinite(frameSeconds)) {
            throw new IllegalArgumentException("Frame step of " + recordingId + " must be positive, cannot be: "
                    + frameSeconds);
        }
        checkShapes(predicted, gold);
        if (predicted.length == 0) {
            throw new IllegalArgumentException("Recording " + recordingId + " has no frames");
        }
    }

    /** A series on the SEWA 100 ms grid. */
    public EmotionSeries(String recordingId, float[][] predicted, float[][] gold) {
        this(recordingId, SEWA_FRAME_SECONDS, predicted, gold);
    }

    /**
     * A copy whose predictions are copied row by row, so that a post-processing step can change them in place without
     * touching this series; the gold rows are shared.
     */
    public EmotionSeries withPredictionsCopied() {
        float[][] copy = new float[predicted.length][];
        for (int f = 0; f < copy.length; f++) {
            copy[f] = predicted[f].clone();
        }
        return new EmotionSeries(recordingId, frameSeconds, copy, gold);
    }

    /** Number of frames. */
    public int length() {
        return predicted.length;
    }

    /** Duration in seconds ({@code length * frameSeconds}). */
    public double durationSeconds() {
        return length() * frameSeconds;
    }

    /** One column of the predictions. */
    public float[] predicted(Dimension dimension) {
        return column(predicted, dimension);
    }

    /** One column of the gold labels. */
    public float[] gold(Dimension dimension) {
        return column(gold, dimension);
    }

    /** CCC, Pearson and RMSE of this recording alone. */
    public DimensionScores scores() {
        return new DimensionMoments().add(predicted, gold).scores();
    }

    private static float[] column(float[][] rows, Dimension dimension) {
        float[] c = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][dimension.index()];
        }
        return c;
    }

    static void checkShapes(float[][] predicted, float[][] gold) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(gold, "gold");
        if (predicted.length != gold.length) {
            throw new IllegalArgumentException("Predictions and gold must have the same number of rows, got "
                    + predicted.length + " and " + gold.length);
        }
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i].length != Dimension.COUNT || gold[i].length != Dimension.COUNT) {
                throw new IllegalArgumentException("Row " + i + " must have 3 values (arousal, valence, liking), got "
                        + predicted[i].length + " predicted and " + gold[i].length + " gold");
            }
        }
    }
}
