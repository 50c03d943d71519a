package org.emospark.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.emospark.model.ModelConfig;
import org.junit.jupiter.api.Test;

class OutputSmoothingTest {
    private static float[][] column(float... values) {
        float[][] out = new float[values.length][];
        for (int f = 0; f < values.length; f++) {
            out[f] = new float[] {values[f], -2 * values[f]};
        }
        return out;
    }

    @Test
    void eachFrameBecomesTheMeanOfTheFramesWithinHalfWidthAndTheEdgesAverageWhatThereIs() {
        float[][] series = column(0, 3, 6, 0, 9, 3);
        OutputSmoothing.centred(series, 1);
        float[] expected = {1.5f, 3, 3, 5, 4, 6};
        for (int f = 0; f < expected.length; f++) {
            assertEquals(expected[f], series[f][0], 1e-6f, "frame " + f);
            assertEquals(-2 * expected[f], series[f][1], 1e-6f, "every value is smoothed on its own, frame " + f);
        }
    }

    @Test
    void aWindowLongerThanTheRecordingGivesEveryFrameTheRecordingsMean() {
        float[][] series = column(1, 2, 6);
        OutputSmoothing.centred(series, 10);
        for (float[] frame : series) {
            assertArrayEquals(new float[] {3, -6}, frame, 1e-6f);
        }
    }

    @Test
    void aConstantAndAStraightLineAwayFromTheEdgesAreLeftAsTheyAre() {
        float[][] line = new float[50][1];
        for (int f = 0; f < line.length; f++) {
            line[f][0] = 0.25f + 0.01f * f;
        }
        OutputSmoothing.centred(line, 10);
        for (int f = 10; f < 40; f++) {
            assertEquals(0.25f + 0.01f * f, line[f][0], 1e-6f, "frame " + f);
        }
        // At the edge the window is one-sided: frame 0 averages frames 0-10.
        assertEquals(0.25f + 0.05f, line[0][0], 1e-6f);
    }

    @Test
    void halfWidthZeroAndEmptyOrSingleFrameRecordingsAreUnchanged() {
        float[][] series = column(4, -1, 7);
        OutputSmoothing.centred(series, 0);
        assertArrayEquals(new float[] {-1, 2}, series[1]);
        OutputSmoothing.centred(new float[0][3], 5);
        float[][] one = column(0.5f);
        OutputSmoothing.centred(one, 5);
        assertArrayEquals(new float[] {0.5f, -1}, one[0]);
        assertThrows(IllegalArgumentException.class, () -> OutputSmoothing.centred(series, -1));
    }

    @Test
    void theModelsSecondsBecomeFramesEitherSide() {
        ModelConfig faithful = ModelConfig.faithful();
        assertEquals(0, faithful.smoothingHalfWidth());
        assertEquals(10, faithful.withSmoothSeconds(2.0).smoothingHalfWidth(), "2 s of 100 ms frames: 21 frames");
        assertEquals(1, faithful.withSmoothSeconds(0.25).smoothingHalfWidth());
        assertThrows(IllegalArgumentException.class, () -> faithful.withSmoothSeconds(-0.1));
        assertThrows(IllegalArgumentException.class, () -> faithful.withSmoothSeconds(Double.NaN));
        assertEquals(List.of(50, 125, 250), faithful.withSmoothSeconds(2.0).cnnFilters());
    }
}
