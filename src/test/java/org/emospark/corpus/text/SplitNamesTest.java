package org.emospark.corpus.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SplitNamesTest {

    @Test
    void avecNamePrefixGivesTheSplitCaseInsensitively() {
        assertEquals("Train", SplitNames.fromRecordingName("Train_01"));
        assertEquals("Devel", SplitNames.fromRecordingName("Devel_3"));
        assertEquals("Test", SplitNames.fromRecordingName("test_04"));
        assertEquals("Train", SplitNames.fromRecordingName("audio/TRAIN-12.wav"));
        assertEquals("Train", SplitNames.fromRecordingName("Train_DE_01"), "AVEC 2017 SEWA names carry a culture code");
        assertEquals("Devel", SplitNames.fromRecordingName("Devel_f12"));
        assertEquals("Test", SplitNames.fromRecordingName("Test-x"));
    }

    @Test
    void otherNamesAreUnlabeled() {
        assertEquals("unlabeled", SplitNames.fromRecordingName("interview_7"));
        assertEquals("unlabeled", SplitNames.fromRecordingName("Training_session"));
        assertEquals("unlabeled", SplitNames.fromRecordingName("my_Train_01"));
        assertEquals("unlabeled", SplitNames.fromRecordingName("Testimony_01"));
        assertEquals("unlabeled", SplitNames.fromRecordingName("Train"));
    }

    @Test
    void splitValuesAreNormalisedToTheirCanonicalSpelling() {
        assertEquals("Train", SplitNames.normalize(" train "));
        assertEquals("Devel", SplitNames.normalize("DEVEL"));
        assertEquals("Test", SplitNames.normalize("Test"));
        assertEquals("unlabeled", SplitNames.normalize("Unlabeled"));
        assertNull(SplitNames.normalize("  "));
        assertNull(SplitNames.normalize(null));
    }

    @Test
    void unknownSplitIsRefusedNamingTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitNames.normalize("dev"));
        assertEquals("split 'dev' is not one of Train, Devel, Test, unlabeled (case-insensitive)", e.getMessage());
    }
}
