package org.emospark.corpus.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TurnOverlapsTest {

    private static Turn s(double start, double end) {
        return new Turn(start, end, Turn.SUBJECT);
    }

    private static Turn i(double start, double end) {
        return new Turn(start, end, Turn.INTERLOCUTOR);
    }

    @Test
    void turnsThatOnlyTouchOrBelongToOneSpeakerDoNotOverlap() {
        TurnOverlaps none = TurnOverlaps.of(List.of(s(0, 1), i(1, 2), s(2, 3), s(2.5, 4), i(4, 5)));
        assertEquals(0, none.pairs());
        assertEquals(0.0, none.seconds(), 0.0);
        assertNull(none.first());
    }

    @Test
    void everyOverlappingPairIsCountedWithItsTimeAndTheEarliestIsNamedInAnyFileOrder() {
        // A long subject turn that an interlocutor turn sits inside, a short one before it, and a late crosstalk.
        TurnOverlaps o = TurnOverlaps.of(List.of(i(9.5, 11), s(10, 12), i(3, 4), s(0, 8), s(1, 1.5), i(0.5, 0.7)));
        assertEquals(3, o.pairs(), "(0-8, 0.5-0.7), (0-8, 3-4), (10-12, 9.5-11)");
        assertEquals(0.2 + 1.0 + 1.0, o.seconds(), 1e-9);
        assertEquals(s(0, 8), o.first().subject());
        assertEquals(i(0.5, 0.7), o.first().interlocutor());
    }
}
