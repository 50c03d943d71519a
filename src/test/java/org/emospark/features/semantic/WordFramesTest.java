package org.emospark.features.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emospark.corpus.text.TimedWord;
import org.emospark.features.embedding.OovVectors;
import org.emospark.features.embedding.VectorLookup;
import org.emospark.features.embedding.WordVectors;
import org.emospark.frames.TimePrecision;
import org.junit.jupiter.api.Test;

class WordFramesTest {
    private static TimedWord word(int i, String w, double start, double end) {
        return new TimedWord(i, w, start, end);
    }

    private static int[] frames(int numFrames, TimedWord... words) {
        return WordFrames.wordIndexPerFrame(List.of(words), numFrames);
    }

    private static VectorLookup lookup() {
        WordVectors.Builder b = WordVectors.builder(2);
        b.put("hallo", new float[] {1, 2});
        b.put("welt", new float[] {3, 4});
        return VectorLookup.of(b.build());
    }

    @Test
    void wordSpanningTwoFramesFillsBothInclusive() {
        assertArrayEquals(new int[] {-1, 0, 0, -1}, frames(4, word(0, "a", 0.1, 0.2)));
    }

    @Test
    void inclusiveEndFillsTheFrameOfTheEndTime() {
        assertArrayEquals(new int[] {0, 0, 0, 0, -1}, frames(5, word(0, "a", 0.0, 0.3)));
        assertArrayEquals(new int[] {-1, 0, -1}, frames(3, word(0, "a", 0.12, 0.14)));
    }

    @Test
    void halfToEvenEdgesAtQuarterSecondRoundDown() {
        // round(0.25, 1) = 0.2: a word starting at 0.25 s starts in frame 2.
        assertArrayEquals(new int[] {-1, -1, 0, -1}, frames(4, word(0, "a", 0.25, 0.25)));
    }

    @Test
    void halfToEvenEdgesAt035RoundDownBecauseTheDoubleIsBelowHalf() {
        assertArrayEquals(new int[] {-1, -1, -1, 0, -1}, frames(5, word(0, "a", 0.35, 0.35)));
    }

    @Test
    void halfToEvenEdgesAt045RoundUpBecauseTheDoubleIsAboveHalf() {
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, 0}, frames(6, word(0, "a", 0.45, 0.45)));
    }

    @Test
    void halfToEvenEdgesAt005And015BothGoToFrame1() {
        assertArrayEquals(new int[] {-1, 0, -1}, frames(3, word(0, "a", 0.05, 0.15)));
    }

    @Test
    void float32PrecisionMovesTheEdgesAsTheAuthorsCodeDoes() {
        List<TimedWord> words = List.of(word(0, "a", 0.15, 0.45));
        assertArrayEquals(new int[] {-1, 0, 0, 0, 0, 0, -1}, WordFrames.wordIndexPerFrame(words, 7, TimePrecision.DOUBLE));
        assertArrayEquals(new int[] {-1, -1, 0, 0, 0, -1, -1}, WordFrames.wordIndexPerFrame(words, 7, TimePrecision.FLOAT32));
    }

    @Test
    void laterWordOverwritesEarlier() {
        assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0},
                frames(6, word(0, "a", 0.0, 0.5), word(1, "b", 0.2, 0.3)));
        // List order decides, not time: the same words the other way round.
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1},
                frames(6, word(0, "b", 0.2, 0.3), word(1, "a", 0.0, 0.5)));
        // Neighbours sharing a boundary frame: the later one takes it.
        assertArrayEquals(new int[] {0, 1, 1, 1}, frames(4, word(0, "a", 0.0, 0.14), word(1, "b", 0.14, 0.3)));
    }

    @Test
    void silenceStaysZero() {
        SemanticFrames f = WordFrames.fill(List.of(word(0, "hallo", 0.1, 0.1), word(1, "welt", 0.4, 0.5)), 7, lookup());
        assertArrayEquals(new int[] {-1, 0, -1, -1, 1, 1, -1}, f.wordIndexPerFrame());
        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0, 0, 0, 3, 4, 3, 4, 0, 0}, f.values());
        assertEquals(3, f.framesWithWord());
        assertEquals(0, f.framesWithUnknownWord());
    }

    @Test
    void capAtLastFrameForAWordEndingAfterTheAudio() {
        assertArrayEquals(new int[] {-1, -1, -1, 0, 0}, frames(5, word(0, "a", 0.3, 10.0)));
    }

    @Test
    void wordStartingAfterTheLastFrameIsIgnored() {
        assertArrayEquals(new int[] {0, -1, -1, -1, -1}, frames(5, word(0, "a", 0.0, 0.0), word(1, "b", 0.5, 0.9)));
        // 0.46 s rounds to frame 5, one past the last of 5 frames.
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, frames(5, word(0, "a", 0.46, 0.6)));
    }

    @Test
    void emptyWordListLeavesEveryFrameZero() {
        SemanticFrames f = WordFrames.fill(List.of(), 3, lookup());
        assertArrayEquals(new int[] {-1, -1, -1}, f.wordIndexPerFrame());
        assertArrayEquals(new float[6], f.values());
        assertEquals(0, f.framesWithWord());
        assertEquals(0, WordFrames.fill(List.of(word(0, "hallo", 0, 1)), 0, lookup()).values().length);
    }

    @Test
    void unknownWordGetsItsOovVectorAndIsCounted() {
        SemanticFrames f = WordFrames.fill(List.of(word(0, "hallo", 0.0, 0.0), word(1, "xyz", 0.1, 0.2)), 3, lookup());
        float[] oov = OovVectors.withDefaultScale(2).vectorFor("xyz");
        assertArrayEquals(new float[] {1, 2, oov[0], oov[1], oov[0], oov[1]}, f.values());
        assertEquals(3, f.framesWithWord());
        assertEquals(2, f.framesWithUnknownWord());
        assertArrayEquals(oov, f.frame(2));
        assertArrayEquals(new float[][] {{1, 2}, oov, oov}, f.toMatrix());
    }

    @Test
    void wordCutByALaterWordKeepsItsVectorOnBothSides() {
        SemanticFrames f = WordFrames.fill(List.of(word(0, "hallo", 0.0, 0.4), word(1, "welt", 0.2, 0.2)), 5, lookup());
        assertArrayEquals(new float[] {1, 2, 1, 2, 3, 4, 1, 2, 1, 2}, f.values());
    }

    @Test
    void tagWordUsesItsSynonymVector() {
        WordVectors.Builder b = WordVectors.builder(1);
        b.put("laughter", new float[] {9});
        SemanticFrames f = WordFrames.fill(List.of(word(0, "<laughter>", 0, 0)), 1, VectorLookup.of(b.build()));
        assertArrayEquals(new float[] {9}, f.values());
        assertEquals(0, f.framesWithUnknownWord());
    }

    @Test
    void badSpanOrUnnormalisedWordIsRefusedNamingTheWord() {
        assertEquals("Word 0 ('a') spans [0.5, 0.4]; expected finite seconds with 0 <= start <= end",
                assertThrows(IllegalArgumentException.class, () -> frames(5, word(0, "a", 0.5, 0.4))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> frames(5, word(0, "a", Double.NaN, 0.4)));
        assertThrows(IllegalArgumentException.class, () -> frames(5, word(0, "a", -0.1, 0.4)));
        assertThrows(IllegalArgumentException.class, () -> frames(-1));
        String message = assertThrows(IllegalArgumentException.class,
                () -> WordFrames.fill(List.of(word(0, "Hallo", 0, 0)), 1, lookup())).getMessage();
        assertTrue(message.startsWith("Word 0 ('Hallo', [0.0, 0.0] s): Token 'Hallo' is not normalised"), message);
    }
}
