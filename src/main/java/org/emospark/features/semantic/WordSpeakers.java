package org.emospark.features.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emospark.corpus.text.TimedWord;
import org.emospark.frames.TurnSpan;

/**
 * Whose words fill the semantic frames. Labels follow the subject (as in SEWA), so by default only the subject's
 * words do: in a dyadic recording the interlocutor's words carry the interlocutor's mood, not the subject's. A word
 * is the subject's when its midpoint lies in a subject turn, widened by {@link #SLACK_S} on each side because turns
 * files are written to the millisecond while word times come from an aligner. A recording without turns is all
 * the subject's (the paper: "without a turns file, treat all speech as the subject's").
 */
public enum WordSpeakers {
    /** Only the subject's words; the interlocutor's frames stay zero, like silence. */
    SUBJECT,
    /** Every word, whoever said it: the paper's setting. */
    ALL;

    /** Tolerance around a subject turn when placing a word's midpoint in it. */
    public static final double SLACK_S = 0.05;

    public static WordSpeakers parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Word speakers must be subject or all, cannot be: " + value);
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The words that fill frames; {@code subjectTurns} empty or null means the recording has no turns. */
    public List<TimedWord> select(List<TimedWord> words, List<TurnSpan> subjectTurns) {
        return switch (this) {
            case ALL -> words;
            case SUBJECT -> subjectTurns == null || subjectTurns.isEmpty() ? words : inTurns(words, subjectTurns);
        };
    }

    private static List<TimedWord> inTurns(List<TimedWord> words, List<TurnSpan> turns) {
        List<TimedWord> out = new ArrayList<>();
        for (TimedWord w : words) {
            double mid = (w.startS() + w.endS()) / 2;
            for (TurnSpan t : turns) {
                if (mid >= t.startS() - SLACK_S && mid <= t.endS() + SLACK_S) {
                    out.add(w);
                    break;
                }
            }
        }
        return out;
    }
}
