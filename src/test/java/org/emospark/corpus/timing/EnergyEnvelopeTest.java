package org.emospark.corpus.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyEnvelopeTest {
    private static final int RATE = 22050;

    @Test
    void envelopeBuiltInOddBlockSizesEqualsOneBuiltInOneBlock() {
        float[] signal = SyntheticSpeech.noise(3.337, 7);
        SyntheticSpeech.burst(signal, 0.5, 1.7, 1);
        EnergyEnvelope whole = EnergyEnvelope.of(signal, RATE);
        EnergyEnvelope.Builder b = new EnergyEnvelope.Builder(RATE);
        int[] blocks = {1, 7, 220, 221, 999, 3, 4096, 2};
        Random rnd = new Random(3);
        for (int off = 0, k = 0; off < signal.length; k++) {
            int len = Math.min(signal.length - off, k % 3 == 2 ? 1 + rnd.nextInt(5000) : blocks[k % blocks.length]);
            b.accept(signal, off, len);
            off += len;
        }
        b.accept(signal, 0, 0);
        EnergyEnvelope pieces = b.build();
        assertArrayEquals(whole.levelsDb(0, whole.hopCount()), pieces.levelsDb(0, pieces.hopCount()));
        assertEquals(whole.noiseFloorDb(), pieces.noiseFloorDb());
        assertEquals(whole.sampleCount(), pieces.sampleCount());
    }

    @Test
    void hopsFollowTheTenMillisecondGridWithAPartialLastHop() {
        assertEquals(100, EnergyEnvelope.of(new float[RATE], RATE).hopCount());
        EnergyEnvelope e = EnergyEnvelope.of(new float[RATE + 5], RATE);
        assertEquals(101, e.hopCount());
        assertEquals(RATE + 5, e.sampleCount());
        assertEquals((RATE + 5) / (double) RATE, e.durationS(), 1e-12);
        assertEquals(0, EnergyEnvelope.of(new float[0], RATE).hopCount());
    }

    @Test
    void hopEnergyIsTheMeanSquareOfItsOwnSamplesInDb() {
        float[] s = new float[RATE];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) Math.sin(2 * Math.PI * 1000 * i / RATE);
        }
        // Hop 50 holds samples 11025..11244 at 22050 Hz (floor(50 * 220.5), floor(51 * 220.5)): silence it alone.
        for (int i = 11025; i < 11245; i++) {
            s[i] = 0;
        }
        EnergyEnvelope e = EnergyEnvelope.of(s, RATE);
        assertEquals(-3.01, e.levelDb(10), 0.1, "full-scale sine");
        assertEquals(-3.01, e.levelDbAt(0.495), 0.1);
        assertEquals(EnergyEnvelope.SILENCE_DB, e.levelDb(50), 1e-3);
        assertEquals(-3.01, e.levelDb(49), 0.1, "the hops around it are untouched");
        assertEquals(-3.01, e.levelDb(51), 0.1, "the hops around it are untouched");
    }

    @Test
    void timesOutsideTheRecordingAreSilence() {
        EnergyEnvelope e = EnergyEnvelope.of(SyntheticSpeech.noise(1, 1), RATE);
        assertEquals(EnergyEnvelope.SILENCE_DB, e.levelDb(-1));
        assertEquals(EnergyEnvelope.SILENCE_DB, e.levelDb(e.hopCount()));
        assertEquals(EnergyEnvelope.SILENCE_DB, e.levelDbAt(5.0));
        float[] range = e.levelsDb(-2, 3);
        assertEquals(5, range.length);
        assertEquals(EnergyEnvelope.SILENCE_DB, range[0]);
        assertEquals(e.levelDb(0), range[2]);
        assertArrayEquals(e.levelsDb(30, 50), e.levelsDb(0.3, 0.5));
        assertEquals(30, EnergyEnvelope.hopAt(0.3));
        assertEquals(0.3, EnergyEnvelope.hopStartS(30), 1e-12);
    }

    @Test
    void noiseFloorIsTheLevelOfThePauses() {
        float[] s = SyntheticSpeech.noise(10, 2);
        SyntheticSpeech.burst(s, 0.5, 9.0, 1);
        EnergyEnvelope e = EnergyEnvelope.of(s, RATE);
        assertEquals(-60, e.noiseFloorDb(), 1.0);
    }

    @Test
    void badInputIsRefusedWithAReason() {
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> new EnergyEnvelope.Builder(50));
        assertEquals("Sample rate must be at least 100 Hz (one sample per 10 ms hop), cannot be: 50", rate.getMessage());
        float[] s = new float[RATE];
        s[2300] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> EnergyEnvelope.of(s, RATE));
        assertTrue(nan.getMessage().contains("hop 10 (at 0.1 s)"), nan.getMessage());
        EnergyEnvelope.Builder b = new EnergyEnvelope.Builder(RATE);
        b.build();
        assertThrows(IllegalStateException.class, () -> b.accept(new float[4], 0, 4));
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IndexOutOfBoundsException.class, () -> new EnergyEnvelope.Builder(RATE).accept(new float[4], 2, 3));
    }
}
