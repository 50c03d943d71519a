package org.emospark.corpus.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.emospark.corpus.text.UniformWordTiming;
import org.emospark.corpus.text.Utterance;
import org.junit.jupiter.api.Test;

class WordAlignersTest {

    @Test
    void configurationNamesPickTheAligner() {
        assertInstanceOf(UniformAligner.class, WordAligners.forName("uniform"));
        assertInstanceOf(PauseAwareAligner.class, WordAligners.forName(" Pause "));
        assertInstanceOf(PauseAwareAligner.class, WordAligners.forName(WordAligners.DEFAULT));
        assertEquals(List.of("uniform", "pause"), WordAligners.names());
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordAligners.forName("aeneas"));
        assertEquals("Unknown word aligner 'aeneas', expected one of: uniform, pause", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WordAligners.forName(null));
    }

    @Test
    void uniformAlignerIsTheUniformSplit() {
        Utterance u = new Utterance(4, 1.0, 2.5, "a b c", List.of("a", "b", "c"));
        assertEquals(UniformWordTiming.split(u), new UniformAligner().align(u, EnergyEnvelope.of(new float[0], 22050)));
    }
}
