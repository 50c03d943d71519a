package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    /** Records the scores of epochs 1, 2, ... and returns the first epoch after which training stops, or 0. */
    private static int stopsAfter(EarlyStopping s, double... scores) {
        for (int e = 1; e <= scores.length; e++) {
            s.record(e, scores[e - 1]);
            if (s.stops()) {
                return e;
            }
        }
        return 0;
    }

    @Test
    void withoutToleranceOnlyABetterEpochRestartsTheCount() {
        EarlyStopping s = new EarlyStopping(2, 0);
        // Epoch 3 ties epoch 2 exactly: no improvement, so the count from epoch 2 ends at epoch 4.
        assertEquals(4, stopsAfter(s, 0.5, 0.7, 0.7, 0.6, 0.9));
        assertEquals(2, s.bestEpoch());
        assertEquals(0.7, s.bestScore());
        assertFalse(s.reason().contains("within"), s.reason());
    }

    @Test
    void anEpochWithinTheToleranceRestartsTheCountButIsNotTheBest() {
        EarlyStopping s = new EarlyStopping(2, 0.005);
        // Epoch 4 (0.697) is within 0.005 of 0.7: counting starts again there, so epoch 6 is reached and beats it.
        assertEquals(0, stopsAfter(s, 0.5, 0.7, 0.6, 0.697, 0.6, 0.8));
        assertEquals(6, s.bestEpoch());
        assertEquals(0.8, s.bestScore());
    }

    @Test
    void anEpochFurtherBelowThanTheToleranceDoesNotRestartTheCount() {
        EarlyStopping s = new EarlyStopping(2, 0.005);
        assertEquals(4, stopsAfter(s, 0.5, 0.7, 0.694, 0.69, 0.9));
        assertEquals(2, s.bestEpoch());
        assertTrue(s.reason().contains("within 0.005"), s.reason());
    }

    @Test
    void onlyAFiniteScoreImprovesAndNoneLeavesTheBestEpochAtZero() {
        EarlyStopping s = new EarlyStopping(2, 0.005);
        assertTrue(s.improves(-0.9));
        assertFalse(s.improves(Double.NaN));
        assertEquals(2, stopsAfter(s, Double.NaN, Double.NaN, 0.5));
        assertEquals(0, s.bestEpoch());
        assertFalse(s.record(3, Double.POSITIVE_INFINITY));
        assertTrue(s.stops(), "a score that is not finite is not near the best either");
    }

    @Test
    void epochsOutOfOrderAndBadSettingsAreRefused() {
        EarlyStopping s = new EarlyStopping(3, 0);
        s.record(1, 0.1);
        assertThrows(IllegalArgumentException.class, () -> s.record(1, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, Double.NaN));
    }
}
