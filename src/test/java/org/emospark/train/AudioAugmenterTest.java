package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;
import org.emospark.model.Augmentation;
import org.junit.jupiter.api.Test;

class AudioAugmenterTest {
    private static final int HALF = 1600;
    private static final int SR = 16000;

    /** One window of {@code frames} frames, {@code valid} of them real: a 200 Hz tone in the subject half of even frames, the interlocutor half of odd ones. */
    private static WindowBatch tone(int frames, int valid, double amplitude) {
        float[] audio = new float[frames * 2 * HALF];
        for (int f = 0; f < valid; f++) {
            int at = f * 2 * HALF + (f % 2 == 0 ? 0 : HALF);
            for (int i = 0; i < HALF; i++) {
                audio[at + i] = (float) (amplitude * Math.sin(2 * Math.PI * 200 * (f * HALF + i) / SR));
            }
        }
        return new WindowBatch(List.of(new Window("r", 0, frames, valid)), frames, audio, null, null);
    }

    private static int zeroCrossings(float[] a, int from, int to) {
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if ((a[i - 1] < 0) != (a[i] < 0)) {
                n++;
            }
        }
        return n;
    }

    private static double rms(float[] a, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e += (double) a[i] * a[i];
        }
        return Math.sqrt(e / (to - from));
    }

    @Test
    void aVoiceFactorMovesThePitchAndKeepsTheSpanAndItsLevel() {
        float[] a = tone(1, 1, 0.5).audio();
        int before = zeroCrossings(a, 400, 1200);
        double level = rms(a, 0, HALF);

        AudioAugmenter.resample(a, 0, HALF, 1.25, new float[HALF]);

        // 200 Hz over 800 samples at 16 kHz: 20 crossings; read 1.25 times as fast: 250 Hz, 25.
        assertEquals(20, before, 1);
        assertEquals(25, zeroCrossings(a, 400, 1200), 1);
        assertEquals(level, rms(a, 0, HALF), 0.02 * level, "mirroring at the ends keeps the span full of signal");
        float[] same = tone(1, 1, 0.5).audio();
        float[] copy = same.clone();
        AudioAugmenter.resample(same, 0, HALF, 1.0, new float[HALF]);
        assertArrayEquals(copy, same, "factor 1 changes nothing");
    }

    @Test
    void gainAndNoiseTouchOnlyTheHalvesThatHoldAudio() {
        WindowBatch b = tone(6, 4, 0.1);
        AudioAugmenter.Draw draw = new AudioAugmenter.Draw(1.1, 6.0, 20.0, 42L);

        AudioAugmenter.apply(b, new AudioAugmenter.Draw[] {draw}, HALF);

        float[] a = b.audio();
        for (int f = 0; f < 6; f++) {
            int silentHalf = f * 2 * HALF + (f % 2 == 0 ? HALF : 0);
            assertEquals(0.0, rms(a, silentHalf, silentHalf + HALF), "frame " + f + "'s empty half stays zero");
            if (f >= 4) {
                assertEquals(0.0, rms(a, f * 2 * HALF, (f + 1) * 2 * HALF), "padding frame " + f + " stays zero");
            }
        }
        // +6 dB on a tone of rms 0.1 / sqrt 2, plus noise 20 dB below it.
        double expected = 0.1 / Math.sqrt(2) * Math.pow(10, 6 / 20.0) * Math.sqrt(1 + Math.pow(10, -2));
        assertEquals(expected, rms(a, 0, HALF), 0.03 * expected);
        assertEquals(expected, rms(a, 3 * 2 * HALF + HALF, 4 * 2 * HALF), 0.03 * expected, "an interlocutor half too");
    }

    @Test
    void theNoiseLandsAtTheDrawnSnr() {
        WindowBatch clean = tone(10, 10, 0.2);
        WindowBatch noisy = tone(10, 10, 0.2);
        AudioAugmenter.apply(noisy, new AudioAugmenter.Draw[] {new AudioAugmenter.Draw(1.0, 0.0, 15.0, 7L)}, HALF);

        double signal = rms(clean.audio(), 0, clean.audio().length);
        float[] diff = new float[clean.audio().length];
        for (int i = 0; i < diff.length; i++) {
            diff[i] = noisy.audio()[i] - clean.audio()[i];
        }
        // Only the audio halves (half the samples) carry noise: its rms over them is sqrt 2 times that over all.
        double noise = rms(diff, 0, diff.length) * Math.sqrt(2);
        double snr = 20 * Math.log10(signal * Math.sqrt(2) / noise);
        assertEquals(15.0, snr, 0.3);
    }

    @Test
    void drawsStayInTheirRangesAndRepeatFromTheSeed() {
        AudioAugmenter augmenter = new AudioAugmenter(new Augmentation(0.25, 6, 15));
        AudioAugmenter.Draw[] draws = augmenter.choose(2000, new Random(5));
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (AudioAugmenter.Draw d : draws) {
            assertTrue(d.voiceFactor() >= 1 / 1.25 - 1e-12 && d.voiceFactor() <= 1.25 + 1e-12, "factor " + d);
            assertTrue(Math.abs(d.gainDb()) <= 6, "gain " + d);
            assertTrue(d.snrDb() >= 15 && d.snrDb() <= Augmentation.CLEAN_SNR_DB, "snr " + d);
            lowest = Math.min(lowest, d.voiceFactor());
            highest = Math.max(highest, d.voiceFactor());
        }
        assertTrue(lowest < 0.82 && highest > 1.22, "the whole range is drawn: " + lowest + ".." + highest);
        assertArrayEquals(draws, augmenter.choose(2000, new Random(5)));

        WindowBatch a = tone(3, 3, 0.3);
        WindowBatch b = tone(3, 3, 0.3);
        AudioAugmenter.apply(a, new AudioAugmenter.Draw[] {draws[0]}, HALF);
        AudioAugmenter.apply(b, new AudioAugmenter.Draw[] {draws[0]}, HALF);
        assertArrayEquals(a.audio(), b.audio());
    }

    @Test
    void settingsRefuseNonsenseAndOffIsStoredAsNothing() {
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(-0.1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(0.6, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(0, 0, 60));
        assertEquals(false, new AudioAugmenter(Augmentation.NONE).active());
        assertEquals(null, ModelTrainerTest.SETTINGS.withAugmentation(Augmentation.NONE).augmentation(),
                "off is stored as null, so models trained before augmentation existed keep their ids");
        assertThrows(IllegalArgumentException.class, () -> AudioAugmenter.apply(tone(2, 2, 0.1),
                new AudioAugmenter.Draw[0], HALF));
    }
}
