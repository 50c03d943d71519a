package org.emospark.features.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordVectorsTest {
    @Test
    void vectorsGoOutAsCopiesSoTheVocabularyCannotChange() {
        float[] original = {1, 2};
        WordVectors.Builder b = WordVectors.builder(2);
        b.put("a", original);
        WordVectors v = b.build();
        original[0] = 99;
        v.get("a")[1] = 99;
        v.forEach((w, vec) -> vec[0] = 42);
        assertArrayEquals(new float[] {1, 2}, v.get("a"));
        assertNull(v.get("b"));
        assertFalse(v.copyInto("b", new float[2], 0));
        assertThrows(UnsupportedOperationException.class, () -> v.words().remove("a"));
    }

    @Test
    void wordsIterateInInsertionOrder() {
        WordVectors.Builder b = WordVectors.builder(1);
        for (String w : List.of("der", "die", "das", "und")) {
            b.put(w, new float[] {w.length()});
        }
        List<String> seen = new ArrayList<>();
        b.build().forEach((w, vec) -> seen.add(w));
        assertEquals(List.of("der", "die", "das", "und"), seen);
    }

    @Test
    void keyedByNormalizedTokensKeepsTheFirstSpellingAndLeavesOutMultiTokenWords() {
        WordVectors.Builder b = WordVectors.builder(1);
        b.put("Haus", new float[] {1});
        b.put("HAUS", new float[] {2});
        b.put("Schön", new float[] {3});
        b.put("Baden-Württemberg", new float[] {4});
        b.put("...", new float[] {5});
        WordVectors keyed = b.build().keyedByNormalizedTokens();
        assertEquals(List.of("haus", "schön"), List.copyOf(keyed.words()));
        assertArrayEquals(new float[] {1}, keyed.get("haus"));
    }

    @Test
    void vectorOfTheWrongLengthIsRefused() {
        assertEquals("Vector for 'a' must have 2 values, cannot have: 3",
                assertThrows(IllegalArgumentException.class, () -> WordVectors.builder(2).put("a", new float[3])).getMessage());
    }
}
