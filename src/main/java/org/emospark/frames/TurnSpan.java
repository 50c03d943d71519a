package org.emospark.frames;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emospark.corpus.text.Turn;

/**
 * One subject turn, {@code [startS, endS]} seconds from the start of the recording, as listed in
 * {@code turns/NAME.csv}. Checked at the door: finite, {@code 0 <= startS <= endS}.
 */
public record TurnSpan(double startS, double endS) {
    public TurnSpan {
        if (!Double.isFinite(startS) || !Double.isFinite(endS) || startS < 0 || endS < startS) {
            throw new IllegalArgumentException("A turn must span finite seconds with 0 <= start <= end, cannot be: ["
                    + startS + ", " + endS + "]");
        }
    }

    /**
     * The subject's turns among parsed turns ({@link Turn#SUBJECT}), in the given order; interlocutor
     * turns are dropped, since every frame outside a subject turn goes to the interlocutor half anyway.
     */
    public static List<TurnSpan> subjectTurns(List<Turn> turns) {
        Objects.requireNonNull(turns, "turns");
        List<TurnSpan> spans = new ArrayList<>();
        for (Turn t : turns) {
            if (Turn.SUBJECT.equals(t.speaker())) {
                spans.add(new TurnSpan(t.startS(), t.endS()));
            }
        }
        return spans;
    }
}
