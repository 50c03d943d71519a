package org.emospark.corpus.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class UniformWordTimingTest {

    @Test
    void tokensShareTheUtteranceDurationEvenly() {
        assertEquals(List.of(new TimedWord(0, "a", 1.0, 1.5), new TimedWord(1, "b", 1.5, 2.0),
                new TimedWord(2, "c", 2.0, 2.5), new TimedWord(3, "d", 2.5, 3.0)),
                UniformWordTiming.split(1.0, 3.0, List.of("a", "b", "c", "d")));
    }

    @Test
    void uniformTimingCoversTheUtteranceSpanExactly() {
        double start = 12.37;
        double end = 15.91;
        List<String> tokens = List.of("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben");
        List<TimedWord> words = UniformWordTiming.split(start, end, tokens);
        assertEquals(start, words.get(0).startS());
        assertEquals(end, words.get(words.size() - 1).endS());
        for (int k = 1; k < words.size(); k++) {
            assertEquals(words.get(k - 1).endS(), words.get(k).startS());
            assertEquals(k, words.get(k).wordIndex());
            assertEquals(start + k * (end - start) / tokens.size(), words.get(k).startS(), 1e-12);
        }
    }

    @Test
    void utteranceOverloadUsesItsSpanAndTokens() {
        Utterance u = new Utterance(3, 0, 1, "x y", List.of("x", "y"));
        assertEquals(List.of(new TimedWord(0, "x", 0, 0.5), new TimedWord(1, "y", 0.5, 1)), UniformWordTiming.split(u));
    }

    @Test
    void noTokensGiveNoWords() {
        assertEquals(List.of(), UniformWordTiming.split(1, 2, List.of()));
    }

    @Test
    void spanEndingBeforeItsStartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UniformWordTiming.split(2, 1, List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> UniformWordTiming.split(0, Double.NaN, List.of("a")));
    }
}
