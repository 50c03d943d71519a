package org.emospark.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameGridTest {

    @Test
    void roundsHalfToEvenOnTheExactBinaryValueAsPythonRoundDoes() {
        // Python: round(0.25, 1) = 0.2 (exactly half, to even)
        assertEquals(2, FrameGrid.frameOf(0.25));
        // round(0.35, 1) = 0.3: the double is 0.34999999999999997779...
        assertEquals(3, FrameGrid.frameOf(0.35));
        // round(0.45, 1) = 0.5: the double is 0.45000000000000001110...
        assertEquals(5, FrameGrid.frameOf(0.45));
        // round(0.05, 1) = 0.1: the double is 0.05000000000000000277...
        assertEquals(1, FrameGrid.frameOf(0.05));
        // round(0.15, 1) = 0.1: the double is 0.14999999999999999444...
        assertEquals(1, FrameGrid.frameOf(0.15));
        // round(2.65, 1) = 2.6: the double is 2.64999999999999991118...
        assertEquals(26, FrameGrid.frameOf(2.65));
        // round(0.75, 1) = 0.8 (exactly half, to even); round(0.95, 1) = 0.9; round(1.05, 1) = 1.1
        assertEquals(8, FrameGrid.frameOf(0.75));
        assertEquals(9, FrameGrid.frameOf(0.95));
        assertEquals(11, FrameGrid.frameOf(1.05));
        assertEquals(0, FrameGrid.frameOf(0.0));
        assertEquals(0, FrameGrid.frameOf(-0.0));
        assertEquals(0, FrameGrid.frameOf(0.04999));
    }

    @Test
    void float32PrecisionRoundsTheWidenedFloatAsTheAuthorsCodeDoes() {
        // np.float32('0.45') = 0.44999998807907104 -> 0.4; np.float32('0.15') = 0.15000000596046448 -> 0.2
        assertEquals(4, FrameGrid.frameOf(0.45, TimePrecision.FLOAT32));
        assertEquals(2, FrameGrid.frameOf(0.15, TimePrecision.FLOAT32));
        assertEquals(27, FrameGrid.frameOf(2.65, TimePrecision.FLOAT32));
        assertEquals(10, FrameGrid.frameOf(1.05, TimePrecision.FLOAT32));
        assertEquals(3, FrameGrid.frameOf(0.35, TimePrecision.FLOAT32));
        assertEquals(2, FrameGrid.frameOf(0.25, TimePrecision.FLOAT32));
        assertEquals(5, FrameGrid.frameOf(0.45, TimePrecision.DOUBLE));
    }

    @Test
    void everyTenthLandsOnItsOwnFrame() {
        for (int k = 0; k <= 100_000; k++) {
            assertEquals(k, FrameGrid.frameOf(k / 10.0), "k=" + k);
        }
    }

    @Test
    void generalStepOfATenthAgreesWithThePaperRule() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double t = i < 50_000 ? random.nextDouble(0, 3600) : Math.round(random.nextDouble(0, 36000)) / 10.0 + 0.05;
            assertEquals(FrameGrid.frameOf(t), FrameGrid.frameOf(t, 0.1), "t=" + t);
        }
        assertEquals(3, FrameGrid.frameOf(0.12, 0.04));
        assertEquals(2, FrameGrid.frameOf(0.5, 0.25));
        assertEquals(2, FrameGrid.frameOf(0.625, 0.25));
    }

    @Test
    void framesForIsTheCeilingOfSamplesOverSamplesPerFrame() {
        assertEquals(0, FrameGrid.framesFor(0, 22050, 0.1));
        assertEquals(1, FrameGrid.framesFor(1, 22050, 0.1));
        assertEquals(1, FrameGrid.framesFor(2205, 22050, 0.1));
        assertEquals(2, FrameGrid.framesFor(2206, 22050, 0.1));
        assertEquals(3000, FrameGrid.framesFor(22050L * 300, 22050, 0.1));
        // 11025 Hz: 1102.5 samples per frame.
        assertEquals(2, FrameGrid.framesFor(2205, 11025, 0.1));
        assertEquals(3, FrameGrid.framesFor(2206, 11025, 0.1));
    }

    @Test
    void invalidTimesAndSettingsAreRefused() {
        assertEquals("Time must be a finite number of seconds >= 0, cannot be: -0.1",
                assertThrows(IllegalArgumentException.class, () -> FrameGrid.frameOf(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.frameOf(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.frameOf(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.frameOf(1e12));
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.frameOf(1, 0));
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.framesFor(-1, 22050, 0.1));
        assertThrows(IllegalArgumentException.class, () -> FrameGrid.framesFor(1, 0, 0.1));
    }
}
