package org.emospark.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpeakingRateTest {
    @Test
    void theReferenceRateIsZeroAndDoublingIsSymmetricToHalving() {
        assertEquals(0f, SpeakingRate.input((float) SpeakingRate.REFERENCE_CHARS_PER_S), 1e-6f);
        float twice = SpeakingRate.input((float) (2 * SpeakingRate.REFERENCE_CHARS_PER_S));
        float half = SpeakingRate.input((float) (SpeakingRate.REFERENCE_CHARS_PER_S / 2));
        assertEquals((float) (Math.log(2) / SpeakingRate.TYPICAL_SPREAD), twice, 1e-5f);
        assertEquals(-twice, half, 1e-5f);
    }

    @Test
    void missingOrAbsurdRatesAreBoundedOrNeutral() {
        assertEquals(0f, SpeakingRate.input(null));
        assertEquals(0f, SpeakingRate.input(0f));
        assertEquals(0f, SpeakingRate.input(-3f));
        assertEquals(0f, SpeakingRate.input(Float.NaN));
        assertEquals(0f, SpeakingRate.input(Float.POSITIVE_INFINITY));
        assertEquals(SpeakingRate.BOUND, SpeakingRate.input(1e6f));
        assertEquals(-SpeakingRate.BOUND, SpeakingRate.input(1e-6f));
    }
}
