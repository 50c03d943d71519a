package org.emospark.features.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.emospark.corpus.text.TimedWord;
import org.emospark.frames.TurnSpan;
import org.junit.jupiter.api.Test;

class WordSpeakersTest {
    private static final List<TimedWord> WORDS = List.of(
            new TimedWord(0, "happy", 0.2, 0.6),     // subject
            new TimedWord(1, "awful", 2.1, 2.5),     // interlocutor, between the subject's turns
            new TimedWord(2, "lovely", 3.96, 4.0),   // ends the turn [3.0, 4.0]
            new TimedWord(3, "well", 4.02, 4.12));   // midpoint 4.07: past the turn by more than the slack
    private static final List<TurnSpan> TURNS = List.of(new TurnSpan(0.1, 1.0), new TurnSpan(3.0, 4.0));

    @Test
    void subjectKeepsWordsWhoseMidpointLiesInASubjectTurn() {
        assertEquals(List.of("happy", "lovely"),
                WordSpeakers.SUBJECT.select(WORDS, TURNS).stream().map(TimedWord::word).toList());
    }

    @Test
    void aWordJustPastATurnWithinTheSlackIsStillTheSubjects() {
        TimedWord late = new TimedWord(4, "yes", 4.0, 4.08);   // midpoint 4.04
        assertEquals(List.of(late), WordSpeakers.SUBJECT.select(List.of(late), TURNS));
    }

    @Test
    void withoutTurnsEveryWordIsTheSubjectsAndAllKeepsEverything() {
        assertEquals(WORDS, WordSpeakers.SUBJECT.select(WORDS, List.of()));
        assertEquals(WORDS, WordSpeakers.SUBJECT.select(WORDS, null));
        assertEquals(WORDS, WordSpeakers.ALL.select(WORDS, TURNS));
    }

    @Test
    void parsesItsKeysAndRefusesOthers() {
        assertEquals(WordSpeakers.SUBJECT, WordSpeakers.parse(" Subject "));
        assertEquals("all", WordSpeakers.parse("all").key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WordSpeakers.parse("both"));
        assertEquals("Word speakers must be subject or all, cannot be: both", e.getMessage());
    }
}
