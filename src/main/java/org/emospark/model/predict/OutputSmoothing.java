package org.emospark.model.predict;

/**
 * A centred moving average along a recording's outputs ({@link org.emospark.model.ModelConfig#smoothSeconds()}): each
 * frame's value becomes the mean of the values {@code halfWidth} frames either side of it and its own, over the frames
 * the recording has (fewer at its edges, never padding). The labels of continuous emotion move over seconds; what a
 * network's output does from one 100 ms frame to the next beyond that is noise, and averaging it away raises CCC.
 */
public final class OutputSmoothing {
    private OutputSmoothing() {
    }

    /**
     * {@code series} ({@code [frame][value]}) smoothed in place, value by value; {@code halfWidth} 0 leaves it as it
     * is. Sums run in double, so a long recording's mean is not off by float rounding.
     */
    public static void centred(float[][] series, int halfWidth) {
        if (halfWidth < 0) {
            throw new IllegalArgumentException("Half width must be at least 0, cannot be: " + halfWidth);
        }
        int n = series.length;
        if (halfWidth == 0 || n < 2) {
            return;
        }
        int values = series[0].length;
        double[] prefix = new double[n + 1];
        for (int v = 0; v < values; v++) {
            for (int f = 0; f < n; f++) {
                prefix[f + 1] = prefix[f] + series[f][v];
            }
            for (int f = 0; f < n; f++) {
                int from = Math.max(0, f - halfWidth);
                int to = Math.min(n, f + halfWidth + 1);
                series[f][v] = (float) ((prefix[to] - prefix[from]) / (to - from));
            }
        }
    }
}
