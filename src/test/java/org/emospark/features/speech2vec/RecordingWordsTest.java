package org.emospark.features.speech2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.emospark.lake.PcmSource;
import org.junit.jupiter.api.Test;

class RecordingWordsTest {
    private static final int RATE = 8000;

    /** Three "words" of different tones with noise, a pause between each. */
    private static float[] recording(double gain) {
        SplittableRandom random = new SplittableRandom(3);
        float[] x = new float[RATE * 2];
        double[] tones = {200, 450, 900};
        for (int w = 0; w < 3; w++) {
            int start = (int) ((0.1 + 0.6 * w) * RATE);
            for (int i = 0; i < 0.4 * RATE; i++) {
                x[start + i] = (float) (gain * (0.2 * Math.sin(2 * Math.PI * tones[w] * i / RATE)
                        + 0.01 * (random.nextDouble() - 0.5)));
            }
        }
        return x;
    }

    private static final List<TimedWord> WORDS = List.of(
            new TimedWord(2, 1, "third", 1.3, 1.7),
            new TimedWord(0, 0, "first", 0.1, 0.5),
            new TimedWord(1, 0, "second", 0.7, 1.1),
            new TimedWord(3, 1, "nothing", 1.8, 1.8),
            new TimedWord(4, 1, "late", 2.5, 2.9));

    @Test
    void everyWordIsHeardOrSaysWhyNotInTranscriptOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecordingWords.Result r = RecordingWords.of(manager, "rec", PcmSource.of(recording(1)), new Mfcc(RATE), WORDS, 100);
            assertEquals(List.of("first", "second", "third"), r.words().stream().map(SpokenWord::word).toList());
            assertEquals(List.of(0, 0, 1), r.words().stream().map(SpokenWord::utteranceIndex).toList());
            // 0.4 s at 25 ms windows every 10 ms: 38 whole windows.
            assertEquals(38, r.words().get(0).frames());
            assertEquals(2, r.skipped().size());
            assertEquals("nothing", r.skipped().get(0).word().word());
            assertEquals(RecordingWords.Skip.NO_DURATION, r.skipped().get(0).why());
            assertEquals("late", r.skipped().get(1).word().word());
            assertEquals(RecordingWords.Skip.OUTSIDE_AUDIO, r.skipped().get(1).why());
        }
    }

    @Test
    void aRecordingTwentyDecibelsLouderGivesTheSameFrames() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecordingWords.Result quiet = RecordingWords.of(manager, "rec", PcmSource.of(recording(1)), new Mfcc(RATE),
                    WORDS, 100);
            RecordingWords.Result loud = RecordingWords.of(manager, "rec", PcmSource.of(recording(10)), new Mfcc(RATE),
                    WORDS, 100);
            for (int w = 0; w < 3; w++) {
                assertArrayEquals(quiet.words().get(w).features(), loud.words().get(w).features(), 2e-3f, "word " + w);
            }
            // Normalised over the recording's word frames: every coefficient has mean 0 and variance 1.
            double[] sum = new double[Mfcc.COEFFICIENTS];
            double[] squares = new double[Mfcc.COEFFICIENTS];
            int frames = 0;
            for (SpokenWord w : quiet.words()) {
                for (int i = 0; i < w.features().length; i++) {
                    sum[i % Mfcc.COEFFICIENTS] += w.features()[i];
                    squares[i % Mfcc.COEFFICIENTS] += w.features()[i] * w.features()[i];
                }
                frames += w.frames();
            }
            for (int c = 0; c < Mfcc.COEFFICIENTS; c++) {
                assertEquals(0, sum[c] / frames, 1e-4, "mean of c" + c);
                assertEquals(1, squares[c] / frames, 1e-3, "variance of c" + c);
            }
        }
    }

    @Test
    void aLongWordIsReadUpToTheCap() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RecordingWords.Result r = RecordingWords.of(manager, "rec", PcmSource.of(recording(1)), new Mfcc(RATE),
                    List.of(new TimedWord(0, 0, "long", 0, 2)), 25);
            assertEquals(25, r.words().get(0).frames());
        }
    }
}
