package org.emospark.scoring;

import java.util.Arrays;
import java.util.Objects;
import org.emospark.frames.RecordingExample;
import org.emospark.metrics.Quantiles;

/**
 * How one recording's predicted emotion is spread over its frames, for {@code recording_emotion}: per dimension
 * the mean and the 10th, 50th and 90th percentiles (linear interpolation, numpy's default); the share of frames
 * in each quadrant of the arousal-valence plane (a value of exactly 0 counts as high arousal and positive
 * valence, so the four shares always sum to 1); and the share of frames the turns give to the subject.
 *
 * @param speechRatio frames marked as the subject's speech over all frames; 1 for a recording without turns,
 *                    since the model then treats all of it as the subject's ({@code FrameInputBuilder})
 */
public record EmotionSummary(int frames, Spread arousal, Spread valence, Spread liking, double highArousalPositive,
                             double highArousalNegative, double lowArousalPositive, double lowArousalNegative,
                             double speechRatio) {

    /** Mean and percentiles of one dimension. */
    public record Spread(double mean, double p10, double p50, double p90) {
        static Spread of(float[] values) {
            double sum = 0;
            for (float v : values) {
                sum += v;
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Spread(sum / values.length, Quantiles.sortedQuantile(sorted, 0.1),
                    Quantiles.sortedQuantile(sorted, 0.5), Quantiles.sortedQuantile(sorted, 0.9));
        }
    }

    /**
     * @param predicted {@code [frame][arousal, valence, liking]}, at least one frame
     * @param subject which frames are the subject's, one flag per frame
     */
    public static EmotionSummary of(float[][] predicted, boolean[] subject) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(subject, "subject");
        int n = predicted.length;
        if (n == 0 || subject.length != n) {
            throw new IllegalArgumentException("Need at least one frame and one subject flag per frame, got "
                    + n + " frames and " + subject.length + " flags");
        }
        float[][] byDimension = new float[RecordingExample.OUTPUTS][n];
        int[] quadrants = new int[4];
        int speech = 0;
        for (int f = 0; f < n; f++) {
            for (int d = 0; d < RecordingExample.OUTPUTS; d++) {
                byDimension[d][f] = predicted[f][d];
            }
            boolean high = predicted[f][0] >= 0;
            boolean positive = predicted[f][1] >= 0;
            quadrants[(high ? 0 : 2) + (positive ? 0 : 1)]++;
            speech += subject[f] ? 1 : 0;
        }
        return new EmotionSummary(n, Spread.of(byDimension[0]), Spread.of(byDimension[1]), Spread.of(byDimension[2]),
                quadrants[0] / (double) n, quadrants[1] / (double) n, quadrants[2] / (double) n, quadrants[3] / (double) n,
                speech / (double) n);
    }
}
