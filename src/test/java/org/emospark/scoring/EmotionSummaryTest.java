package org.emospark.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmotionSummaryTest {
    private static final double EPS = 1e-9;

    @Test
    void meansPercentilesQuadrantsAndSpeechRatioOfAHandCountedRecording() {
        // Five frames: arousal -0.4 .. 0.4, valence alternating in sign, liking 0.1 .. 0.5.
        float[][] predicted = {
                {-0.4f, 0.5f, 0.1f},
                {-0.2f, -0.5f, 0.2f},
                {0.0f, 0.25f, 0.3f},
                {0.2f, -0.25f, 0.4f},
                {0.4f, 0.0f, 0.5f}};
        boolean[] subject = {true, false, true, true, false};

        EmotionSummary s = EmotionSummary.of(predicted, subject);

        assertEquals(5, s.frames());
        assertEquals(0.0, s.arousal().mean(), 1e-7);
        // Linear interpolation at q (n - 1): p10 lies 0.4 of the way from -0.4 to -0.2, p90 0.6 of the way from 0.2 to 0.4.
        assertEquals(-0.32, s.arousal().p10(), 1e-7);
        assertEquals(0.0, s.arousal().p50(), 1e-7);
        assertEquals(0.32, s.arousal().p90(), 1e-7);
        assertEquals(0.0, s.valence().mean(), 1e-7);
        assertEquals(0.0, s.valence().p50(), 1e-7);
        assertEquals(0.3, s.liking().mean(), 1e-7);
        assertEquals(0.14, s.liking().p10(), 1e-7);
        assertEquals(0.46, s.liking().p90(), 1e-7);
        // High arousal (>= 0): frames 2 (valence +), 3 (-), 4 (0 counts as positive); low: frames 0 (+), 1 (-).
        assertEquals(2 / 5.0, s.highArousalPositive(), EPS);
        assertEquals(1 / 5.0, s.highArousalNegative(), EPS);
        assertEquals(1 / 5.0, s.lowArousalPositive(), EPS);
        assertEquals(1 / 5.0, s.lowArousalNegative(), EPS);
        assertEquals(3 / 5.0, s.speechRatio(), EPS);
    }

    @Test
    void oneFrameIsItsOwnMeanAndEveryPercentile() {
        EmotionSummary s = EmotionSummary.of(new float[][] {{0.3f, -0.2f, 0.1f}}, new boolean[] {false});
        assertEquals(0.3f, s.arousal().p10(), 0);
        assertEquals(0.3f, s.arousal().p90(), 0);
        assertEquals(-0.2f, s.valence().mean(), 1e-7);
        assertEquals(1.0, s.highArousalNegative(), 0);
        assertEquals(0.0, s.speechRatio(), 0);
    }

    @Test
    void noFramesOrAMaskOfAnotherLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EmotionSummary.of(new float[0][3], new boolean[0]));
        assertThrows(IllegalArgumentException.class,
                () -> EmotionSummary.of(new float[][] {{0, 0, 0}}, new boolean[] {true, true}));
    }
}
