package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a subject turn and an interlocutor turn of one turns file overlap. Frames and words in such an overlap are
 * taken as the subject's (a frame is the subject's when any subject turn marks it), which is right for crosstalk and
 * wrong for a turns file with shifted times; either way the user should hear of it.
 *
 * @param pairs overlapping (subject, interlocutor) pairs
 * @param seconds the time the pairs overlap, summed
 * @param first the first pair in time, null when there is none
 */
public record TurnOverlaps(int pairs, double seconds, Pair first) {

    /** A subject turn and an interlocutor turn that overlap. */
    public record Pair(Turn subject, Turn interlocutor) {}

    public static TurnOverlaps of(List<Turn> turns) {
        List<Turn> subject = side(turns, Turn.SUBJECT);
        List<Turn> interlocutor = side(turns, Turn.INTERLOCUTOR);
        int pairs = 0;
        double seconds = 0;
        Pair first = null;
        // Both sides sorted by start: a subject turn that ends before one interlocutor turn starts ends before every
        // later one starts too, so it is passed over for good.
        int from = 0;
        for (Turn other : interlocutor) {
            while (from < subject.size() && subject.get(from).endS() <= other.startS()) {
                from++;
            }
            for (int i = from; i < subject.size() && subject.get(i).startS() < other.endS(); i++) {
                Turn s = subject.get(i);
                double overlap = Math.min(s.endS(), other.endS()) - Math.max(s.startS(), other.startS());
                if (overlap > 0) {
                    pairs++;
                    seconds += overlap;
                    if (first == null || Math.max(s.startS(), other.startS())
                            < Math.max(first.subject().startS(), first.interlocutor().startS())) {
                        first = new Pair(s, other);
                    }
                }
            }
        }
        return new TurnOverlaps(pairs, seconds, first);
    }

    /** The turns of one speaker, by start. */
    private static List<Turn> side(List<Turn> turns, String speaker) {
        List<Turn> side = new ArrayList<>();
        for (Turn t : turns) {
            if (t.speaker().equals(speaker)) {
                side.add(t);
            }
        }
        side.sort(Comparator.comparingDouble(Turn::startS).thenComparingDouble(Turn::endS));
        return side;
    }
}
