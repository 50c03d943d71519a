package org.emospark.features.embedding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emospark.corpus.text.TagSynonyms;
import org.junit.jupiter.api.Test;

class VectorLookupTest {
    private static WordVectors vocabulary() {
        WordVectors.Builder b = WordVectors.builder(2);
        b.put("haus", new float[] {1, 2});
        b.put("laughter", new float[] {3, 4});
        b.put("gehts", new float[] {5, 6});
        b.put("lachen", new float[] {7, 8});
        return b.build();
    }

    @Test
    void knownWordGivesItsVector() {
        VectorLookup.Result r = VectorLookup.of(vocabulary()).lookup("haus");
        assertArrayEquals(new float[] {1, 2}, r.vector());
        assertEquals(VectorLookup.Source.EXACT, r.source());
        assertEquals("haus", r.word());
        assertTrue(r.known());
    }

    @Test
    void tagIsLookedUpThroughItsSynonym() {
        VectorLookup.Result r = VectorLookup.of(vocabulary()).lookup("<laughter>");
        assertArrayEquals(new float[] {3, 4}, r.vector());
        assertEquals("laughter", r.word());
        TagSynonyms german = TagSynonyms.load("<laughter>\tlachen\n".getBytes(UTF_8), "de.tsv");
        VectorLookup lookup = new VectorLookup(vocabulary(), german, OovVectors.withDefaultScale(2));
        assertArrayEquals(new float[] {7, 8}, lookup.lookup("<laughter>").vector());
    }

    @Test
    void wordWithApostropheFallsBackToTheSpellingWithout() {
        VectorLookup.Result r = VectorLookup.of(vocabulary()).lookup("geht's");
        assertArrayEquals(new float[] {5, 6}, r.vector());
        assertEquals(VectorLookup.Source.WITHOUT_APOSTROPHES, r.source());
        assertEquals("gehts", r.word());
        assertTrue(r.known());
    }

    @Test
    void unknownWordGetsItsOovVectorAndIsReportedUnknown() {
        VectorLookup.Result r = VectorLookup.of(vocabulary()).lookup("schön");
        assertFalse(r.known());
        assertEquals(VectorLookup.Source.OOV, r.source());
        assertArrayEquals(OovVectors.withDefaultScale(2).vectorFor("schön"), r.vector());
        // An unknown tag is seeded by its word, so <coughing> and cough share a vector.
        VectorLookup lookup = VectorLookup.of(vocabulary());
        assertArrayEquals(lookup.lookup("cough").vector(), lookup.lookup("<coughing>").vector());
    }

    @Test
    void copyIntoWritesAtTheOffsetAndSaysHowItFoundTheWord() {
        float[] dest = new float[6];
        VectorLookup lookup = VectorLookup.of(vocabulary());
        assertEquals(VectorLookup.Source.EXACT, lookup.copyInto("haus", dest, 2));
        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0}, dest);
        assertEquals(VectorLookup.Source.OOV, lookup.copyInto("xyz", dest, 4));
    }

    @Test
    void tokenThatIsNotNormalisedIsRefused() {
        VectorLookup lookup = VectorLookup.of(vocabulary());
        assertEquals("Token 'Haus' is not normalised: pass tokens from TextNormalizer.normalize, which gives [haus] for it",
                assertThrows(IllegalArgumentException.class, () -> lookup.lookup("Haus")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> lookup.lookup("hallo,"));
        assertThrows(IllegalArgumentException.class, () -> lookup.lookup("zwei worte"));
        assertThrows(IllegalArgumentException.class, () -> lookup.lookup(""));
    }

    @Test
    void oovVectorsMustMatchTheVocabularyDims() {
        assertEquals("OOV vectors must have the vocabulary's 2 dimensions, cannot have: 3",
                assertThrows(IllegalArgumentException.class,
                        () -> new VectorLookup(vocabulary(), TagSynonyms.defaults(), OovVectors.withDefaultScale(3))).getMessage());
    }
}
