package org.emospark.features.speech2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Speech2VecTrainerTest {
    private static final Speech2VecSettings SMALL = new Speech2VecSettings(8, 2, 6, 16, 0.01, 1, 1.0, 7);

    /** A word's frames: its own spectrum, a contour all words share, a little noise, a length of its own. */
    private static float[] sound(int word, SplittableRandom random) {
        int frames = 6 + 2 * word;
        float[] f = new float[frames * Mfcc.COEFFICIENTS];
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < Mfcc.COEFFICIENTS; c++) {
                f[t * Mfcc.COEFFICIENTS + c] = (float) (Math.sin(word * 1.7 + c * 0.9) + 0.3 * Math.sin(t * 0.5)
                        + 0.05 * (random.nextDouble() - 0.5));
            }
        }
        return f;
    }

    /** Utterances of four words drawn from a vocabulary of six, in a fixed order the neighbours can be learnt from. */
    private static List<SpokenWord> corpus() {
        SplittableRandom random = new SplittableRandom(1);
        List<SpokenWord> words = new ArrayList<>();
        int index = 0;
        for (int u = 0; u < 30; u++) {
            int first = u % 3;
            for (int k = 0; k < 4; k++) {
                int word = (first + 2 * k) % 6;
                words.add(new SpokenWord("rec" + (u % 2), index++, u, "w" + word, sound(word, random)));
            }
        }
        return words;
    }

    @Test
    void pairsAreNeighboursWithinTheWindowInTheSameUtterance() {
        SplittableRandom random = new SplittableRandom(2);
        List<SpokenWord> words = List.of(
                new SpokenWord("a", 0, 0, "x", sound(0, random)),
                new SpokenWord("a", 1, 0, "y", sound(1, random)),
                new SpokenWord("a", 2, 0, "z", sound(2, random)),
                new SpokenWord("a", 3, 1, "x", sound(0, random)),
                new SpokenWord("b", 4, 1, "y", sound(1, random)));
        List<Speech2VecTrainer.WordPair> pairs = Speech2VecTrainer.pairs(words, 1);
        assertEquals(List.of(new Speech2VecTrainer.WordPair(0, 1), new Speech2VecTrainer.WordPair(1, 0),
                new Speech2VecTrainer.WordPair(1, 2), new Speech2VecTrainer.WordPair(2, 1)), pairs);
        assertEquals(6, Speech2VecTrainer.pairs(words, 2).size());
    }

    @Test
    void trainingLowersTheErrorGivesEveryWordAVectorAndRepeatsFromTheSeed() {
        List<SpokenWord> words = corpus();
        Speech2VecTrainer.Trained first = Speech2VecTrainer.train(words, SMALL, line -> { });
        assertEquals(6, first.vectors().size());
        assertEquals(words.stream().filter(w -> w.word().equals("w0")).count(), (long) first.occurrences().get("w0"));
        assertEquals(SMALL.epochs(), first.epochLosses().size());
        assertTrue(first.epochLosses().get(SMALL.epochs() - 1) < 0.8 * first.epochLosses().get(0),
                "error " + first.epochLosses());
        for (float[] v : first.vectors().values()) {
            assertEquals(8, v.length);
        }
        // Different words sound different: their vectors differ.
        assertTrue(distance(first.vectors().get("w0"), first.vectors().get("w3")) > 1e-2);

        Speech2VecTrainer.Trained again = Speech2VecTrainer.train(words, SMALL, line -> { });
        for (Map.Entry<String, float[]> e : first.vectors().entrySet()) {
            assertArrayEquals(e.getValue(), again.vectors().get(e.getKey()), e.getKey());
        }
        assertEquals(first.epochLosses(), again.epochLosses());
    }

    @Test
    void wordsSpokenLessThanMinCountGetNoVector() {
        List<SpokenWord> words = new ArrayList<>(corpus());
        SplittableRandom random = new SplittableRandom(9);
        words.add(new SpokenWord("rec0", 1000, 99, "rare", sound(1, random)));
        words.add(new SpokenWord("rec0", 1001, 99, "w0", sound(0, random)));
        Speech2VecSettings twice = new Speech2VecSettings(8, 2, 1, 16, 0.01, 2, 1.0, 7);
        Speech2VecTrainer.Trained t = Speech2VecTrainer.train(words, twice, line -> { });
        assertTrue(!t.vectors().containsKey("rare") && t.vectors().containsKey("w0"), t.vectors().keySet().toString());
        assertEquals(1, t.occurrences().get("rare"));
    }

    @Test
    void wordsWithoutNeighboursCannotTrain() {
        SplittableRandom random = new SplittableRandom(2);
        List<SpokenWord> alone = List.of(new SpokenWord("a", 0, 0, "x", sound(0, random)),
                new SpokenWord("a", 1, 1, "y", sound(1, random)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Speech2VecTrainer.train(alone, SMALL, line -> { }));
        assertTrue(e.getMessage().contains("at least two timed words"), e.getMessage());
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }
}
