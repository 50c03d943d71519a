package org.emospark.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelPriorTest {
    private static float[][] column(float... values) {
        float[][] out = new float[values.length][];
        for (int f = 0; f < values.length; f++) {
            out[f] = new float[] {values[f], 2 * values[f] + 1};
        }
        return out;
    }

    @Test
    void theAutocovarianceSumsEveryRecordingsProductsAtALagOverAllFrames() {
        // Mean 0 over both recordings (six frames); lag 1 pairs: (1,-1), (-1,1), (1,-1) and (2,-2): -1 -1 -1 -4 = -7.
        LabelPrior prior = LabelPrior.fit(List.<float[][]>of(column(1, -1, 1, -1), column(2, -2)), 4);
        assertArrayEquals(new double[] {0, 1}, prior.mean(), 1e-12);
        assertArrayEquals(new double[] {(4 + 8) / 6.0, -7 / 6.0, 2 / 6.0, -1 / 6.0}, prior.autocovariance()[0], 1e-12);
        // The second dimension is 2x + 1: the same curve, four times the covariance.
        assertEquals(4 * 12 / 6.0, prior.covariance(1, 0), 1e-12);
        assertEquals(-4 * 7 / 6.0, prior.covariance(1, -1), 1e-12, "the covariance is symmetric in the lag");
        assertEquals(0, prior.covariance(0, 4), "past the longest lag fitted");
    }

    @Test
    void eachRecordingsLevelIsKeptApartFromHowItsLabelsMoveWithinIt() {
        // Own means 2 and -2 around an overall 0: level variance (2 * 4 + 2 * 4) / 4 = 4; around their own means the
        // recordings move -1, 1 and 1, -1: lag 0 (1 + 1 + 1 + 1) / 4 = 1, lag 1 (-1 - 1) / 4 = -0.5.
        LabelPrior prior = LabelPrior.fit(List.<float[][]>of(column(1, 3), column(-1, -3)), 3);
        assertArrayEquals(new double[] {0, 1}, prior.mean(), 1e-12);
        assertArrayEquals(new double[] {4, 16}, prior.levelVariance(), 1e-12);
        assertArrayEquals(new double[] {1, -0.5, 0}, prior.autocovariance()[0], 1e-12);
        assertEquals(5, prior.covariance(0, 0), 1e-12, "two frames of one recording share its level");
        assertEquals(3.5, prior.covariance(0, -1), 1e-12);
        assertEquals(4, prior.covariance(0, 40), 1e-12, "past the longest lag the level stays");
        assertEquals(16 + 4, prior.covariance(1, 0), 1e-12);
    }

    @Test
    void aPriorStoredWithoutALevelConditionsAsBefore() throws Exception {
        LabelPrior old = new ObjectMapper().readValue("{\"mean\":[0.1],\"autocovariance\":[[0.5,0.25]]}", LabelPrior.class);
        assertNull(old.levelVariance());
        assertEquals(0.25, old.covariance(0, 1), 1e-12);
        assertEquals(0, old.covariance(0, 2), "past the longest lag: nothing in common");
        assertFalse(new ObjectMapper().writeValueAsString(old).contains("levelVariance"), "written as it was read");
        assertThrows(IllegalArgumentException.class,
                () -> new LabelPrior(new double[] {0}, new double[][] {{1}}, new double[] {-0.1}), "a negative level variance");
        assertThrows(IllegalArgumentException.class,
                () -> new LabelPrior(new double[] {0}, new double[][] {{1}}, new double[] {0.1, 0.1}), "two levels, one mean");
    }

    @Test
    void lagsNoRecordingSpansAreZero() {
        LabelPrior prior = LabelPrior.fit(List.<float[][]>of(column(1, -1)), 5);
        assertArrayEquals(new double[] {1, -0.5, 0, 0, 0}, prior.autocovariance()[0], 1e-12);
    }

    @Test
    void itTravelsInJsonAndCompareByValue() throws Exception {
        LabelPrior prior = LabelPrior.fit(List.<float[][]>of(column(0.5f, 0.1f, -0.3f)), 3);
        ObjectMapper json = new ObjectMapper();
        LabelPrior back = json.readValue(json.writeValueAsString(prior), LabelPrior.class);
        assertEquals(prior, back);
        assertEquals(prior.hashCode(), back.hashCode());
        assertArrayEquals(prior.levelVariance(), back.levelVariance(), "the level travels too");
    }

    @Test
    void badPriorsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LabelPrior.fit(List.of(), 3), "no labels");
        assertThrows(IllegalArgumentException.class, () -> LabelPrior.fit(List.<float[][]>of(column(1, 2)), 0), "no lag");
        assertThrows(IllegalArgumentException.class, () -> new LabelPrior(new double[] {0}, new double[][] {{-1}}),
                "a negative variance");
        assertThrows(IllegalArgumentException.class, () -> new LabelPrior(new double[] {0, 0}, new double[][] {{1}}),
                "a mean without an autocovariance");
        assertThrows(IllegalArgumentException.class,
                () -> new LabelPrior(new double[] {0, 0}, new double[][] {{1, 0}, {1}}), "lags of two lengths");
        assertThrows(IllegalArgumentException.class,
                () -> new LabelPrior(new double[] {Double.NaN}, new double[][] {{1}}), "a mean that is not a number");
    }
}
