package org.emospark.frames;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emospark.lake.PcmSource;
import org.junit.jupiter.api.Test;

class InputLevelTest {
    @Test
    void gainTakesTheSpeechLevelToTheTargetWithinBounds() {
        assertEquals(1.0f, InputLevel.gain(InputLevel.TARGET_DB), 1e-6f);
        assertEquals(Math.pow(10, 12 / 20.0), InputLevel.gain(InputLevel.TARGET_DB - 12), 1e-5);
        assertEquals(Math.pow(10, -InputLevel.MAX_GAIN_DB / 20), InputLevel.gain(60), 1e-7);
        assertEquals(Math.pow(10, InputLevel.MAX_GAIN_DB / 20), InputLevel.gain(-150), 1e-2);
        assertThrows(IllegalArgumentException.class, () -> InputLevel.gain(Double.NaN));
    }

    @Test
    void appliedOnlyWhenAskedAndWhenTheLevelIsKnown() {
        PcmSource pcm = PcmSource.of(new float[] {0.1f, -0.2f, 0.3f});
        assertSame(pcm, InputLevel.apply(pcm, false, -32.0));
        assertSame(pcm, InputLevel.apply(pcm, true, null));
        PcmSource scaled = InputLevel.apply(pcm, true, InputLevel.TARGET_DB - 20);   // +20 dB: x10
        float[] out = new float[5];
        scaled.read(1, out, 1, 4);
        assertArrayEquals(new float[] {0, -2f, 3f, 0, 0}, out, 1e-5f);
        assertEquals(3, scaled.length());
    }
}
