package org.emospark.features.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emospark.corpus.text.TimedWord;
import org.junit.jupiter.api.Test;

class UtteranceRatesTest {
    @Test
    void eachWordGetsItsUtterancesLettersOverItsSpan() {
        List<TimedWord> words = List.of(
                new TimedWord(0, "hello", 0.5, 0.9),
                new TimedWord(1, "<laughter>", 0.9, 1.4),
                new TimedWord(2, "world", 1.4, 1.5),
                new TimedWord(0, "don't", 3.0, 3.5));
        double[] rates = UtteranceRates.perWord(words, new int[] {0, 0, 0, 1});
        // Utterance 0: 10 letters (the tag has none) over [0.5, 1.5]; utterance 1: 4 letters (not the apostrophe).
        assertEquals(10.0, rates[0], 1e-9);
        assertEquals(10.0, rates[1], 1e-9);
        assertEquals(10.0, rates[2], 1e-9);
        assertEquals(8.0, rates[3], 1e-9);
    }

    @Test
    void utterancesTooShortOrWithoutLettersHaveNoRate() {
        List<TimedWord> words = List.of(
                new TimedWord(0, "yes", 1.0, 1.2),
                new TimedWord(0, "<breathing>", 2.0, 3.0));
        double[] rates = UtteranceRates.perWord(words, new int[] {0, 1});
        assertTrue(Double.isNaN(rates[0]), "0.2 s is shorter than " + UtteranceRates.MIN_SPAN_S + " s");
        assertTrue(Double.isNaN(rates[1]), "a tag alone has no letters");
    }

    @Test
    void aMismatchedIndexArrayIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> UtteranceRates.perWord(List.of(new TimedWord(0, "a", 0, 1)), new int[0]));
    }
}
