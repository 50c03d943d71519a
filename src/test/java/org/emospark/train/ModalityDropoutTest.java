package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;
import org.junit.jupiter.api.Test;

class ModalityDropoutTest {
    private static WindowBatch batch(int windows, int frames, int dims) {
        List<Window> ws = new java.util.ArrayList<>();
        for (int b = 0; b < windows; b++) {
            ws.add(new Window("r" + b, 0, frames, frames));
        }
        float[] audio = new float[windows * frames * 4];
        float[] semantic = new float[windows * frames * dims];
        for (int i = 0; i < semantic.length; i++) {
            semantic[i] = i + 1;
            audio[i % audio.length] = 7;
        }
        return new WindowBatch(ws, frames, audio, semantic, new float[windows * frames * 3]);
    }

    @Test
    void zeroesExactlyTheChosenWindowsWordsAndLeavesAudioAlone() {
        WindowBatch b = batch(3, 2, 4);
        float[] audioBefore = b.audio().clone();

        ModalityDropout.apply(b, new boolean[] {false, true, false});

        for (int i = 0; i < 8; i++) {
            assertEquals(i + 1, b.semantic()[i]);
            assertEquals(0f, b.semantic()[8 + i]);
            assertEquals(16 + i + 1, b.semantic()[16 + i]);
        }
        assertArrayEquals(audioBefore, b.audio());
    }

    @Test
    void dropsAboutTheRateAndNothingAtZero() {
        Random random = new Random(3);
        ModalityDropout third = new ModalityDropout(0.3);
        int dropped = 0;
        for (boolean d : third.choose(10_000, random)) {
            dropped += d ? 1 : 0;
        }
        // Binomial(10000, 0.3): sd 46, so +-250 is over five sd.
        assertTrue(Math.abs(dropped - 3000) < 250, "dropped " + dropped);

        ModalityDropout none = new ModalityDropout(0);
        assertEquals(false, none.active());
        for (boolean d : none.choose(1000, random)) {
            assertEquals(false, d);
        }
    }

    @Test
    void rejectsRatesOutsideZeroToOneAndMismatchedFlags() {
        assertThrows(IllegalArgumentException.class, () -> new ModalityDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new ModalityDropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> ModalityDropout.apply(batch(2, 2, 2), new boolean[3]));
    }
}
