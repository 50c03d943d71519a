package org.emospark.features.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UtterancePausesTest {
    // Utterance 0 (subject) [0.5, 1.5], 1 (the other speaker) [2.1, 3.0], 2 (subject) [3.0, 4.0] with utterance 3 (the
    // other speaker) [3.5, 4.2] under way at its end, 4 (subject) [5.0, 5.5], the recording's last.
    private static final Map<Integer, double[]> SPANS = Map.of(0, new double[] {0.5, 1.5}, 1, new double[] {2.1, 3.0},
            2, new double[] {3.0, 4.0}, 3, new double[] {3.5, 4.2}, 4, new double[] {5.0, 5.5});

    @Test
    void eachWordGetsTheSilenceAfterItsUtteranceUntilAnyoneSpeaks() {
        double[] pauses = UtterancePauses.perWord(new int[] {0, 0, 2, 2, 4}, SPANS);
        assertEquals(0.6, pauses[0], 1e-9, "from 1.5 s to the other speaker's 2.1 s");
        assertEquals(0.6, pauses[1], 1e-9);
        assertEquals(0.0, pauses[2], 1e-9, "the other speaker is still talking at 4.0 s");
        assertEquals(0.0, pauses[3], 1e-9);
        assertTrue(Double.isNaN(pauses[4]), "nobody speaks after the last utterance");
    }

    @Test
    void theNextUtteranceMayStartAsThisOneEnds() {
        assertEquals(0.0, UtterancePauses.perWord(new int[] {1}, SPANS)[0], 1e-9, "utterance 2 starts at 3.0 s");
    }

    @Test
    void aWordOfAnUtteranceWithoutASpanHasNoPause() {
        assertTrue(Double.isNaN(UtterancePauses.perWord(new int[] {7}, SPANS)[0]));
    }
}
