package org.emospark.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class EmotionSeriesTest {
    @Test
    void aCopysPredictionsChangeWithoutTouchingTheOriginal() {
        float[][] predicted = {{0.1f, 0.2f, 0.3f}, {0.4f, 0.5f, 0.6f}};
        float[][] gold = {{0f, 0f, 0f}, {1f, 1f, 1f}};
        EmotionSeries series = new EmotionSeries("Devel_01", 0.1, predicted, gold);
        EmotionSeries copy = series.withPredictionsCopied();
        copy.predicted()[1][2] = 9f;
        assertEquals(0.6f, series.predicted()[1][2], "the original's predictions stay");
        assertArrayEquals(new float[] {0.4f, 0.5f, 9f}, copy.predicted()[1]);
        assertEquals("Devel_01", copy.recordingId());
        assertEquals(0.1, copy.frameSeconds());
        assertSame(gold, copy.gold(), "the gold rows are shared, not copied");
    }
}
