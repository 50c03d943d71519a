package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;

/**
 * Reads a turns file ({@code turns/NAME.csv}): UTF-8, {@code ;}-separated {@code start_s;end_s},
 * optionally a third field {@code subject} or {@code interlocutor} (case-insensitive; absent or
 * blank means {@code subject}, as in AVEC where the file lists the subject's turns).
 *
 * <p>Tolerated: blank lines, {@code \r\n}, a byte order mark, whitespace around fields, and one
 * header line (the first non-blank line when its first two fields are words, e.g.
 * {@code start;end}). Each bad line becomes a {@link LineReject} and the other lines still count:
 * {@link RejectReason#BAD_ENCODING} for bytes that are not UTF-8,
 * {@link RejectReason#BAD_TURN_LINE} for a wrong field count, a time that is not a number, not
 * finite or negative, an end before its start, or an unknown speaker. Turns are returned in file
 * order; overlaps and order are not checked. An empty file gives no turns and no rejects.
 */
public final class TurnsFileParser {
    private static final String SHAPE = "start_s;end_s[;subject|interlocutor]";

    private TurnsFileParser() {
    }

    public static ParsedLines<Turn> parse(byte[] content, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        List<Turn> turns = new ArrayList<>();
        List<LineReject> rejects = new ArrayList<>();
        boolean headerAllowed = true;
        for (TextLines.Line line : TextLines.split(content)) {
            if (line.isBlank()) {
                continue;
            }
            String where = TextLines.where(sourceName, line.number()) + ": ";
            if (line.hasEncodingProblem()) {
                rejects.add(new LineReject(line.number(), RejectReason.BAD_ENCODING, where + line.encodingProblem()));
                headerAllowed = false;
                continue;
            }
            String[] fields = line.text().split(";", -1);
            if (headerAllowed && fields.length >= 2 && Decimals.isHeaderWord(fields[0])
                    && Decimals.isHeaderWord(fields[1])) {
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            String problem = problem(fields);
            if (problem != null) {
                rejects.add(new LineReject(line.number(), RejectReason.BAD_TURN_LINE, where + problem));
                continue;
            }
            String speaker = fields.length == 3 && !fields[2].isBlank()
                    ? fields[2].trim().toLowerCase(Locale.ROOT) : Turn.SUBJECT;
            turns.add(new Turn(Decimals.parse(fields[0]), Decimals.parse(fields[1]), speaker));
        }
        return new ParsedLines<>(turns, rejects);
    }

    /** What is wrong with the fields of one line, or {@code null}. */
    private static String problem(String[] fields) {
        if (fields.length < 2 || fields.length > 3) {
            return "expected " + SHAPE + ", found " + fields.length + " ';'-separated field(s)";
        }
        String timeProblem = TimeSpans.problem(fields[0], fields[1]);
        if (timeProblem != null) {
            return timeProblem;
        }
        if (fields.length == 3 && !fields[2].isBlank()) {
            String speaker = fields[2].trim().toLowerCase(Locale.ROOT);
            if (!speaker.equals(Turn.SUBJECT) && !speaker.equals(Turn.INTERLOCUTOR)) {
                return "speaker '" + fields[2].trim() + "' is neither " + Turn.SUBJECT + " nor " + Turn.INTERLOCUTOR;
            }
        }
        return null;
    }
}
