package org.emospark.corpus.text;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;

/**
 * Reads word timings from a Kaldi/NIST CTM file: one word per line,
 * {@code recording channel start duration word [confidence]}, separated by spaces or tabs, times in
 * seconds; lines starting with {@code ;;} are comments; blank lines, {@code \r\n} and a byte order
 * mark are tolerated. The confidence, when present, must be a number and is otherwise ignored.
 *
 * <p>One CTM often holds many recordings (the first column). Pass the recording to read; lines of
 * other recordings are then only counted ({@link GivenWords#filteredOut()}), not checked. Without a
 * recording, a file naming more than one is refused as a whole, since mixing their words in one
 * time line would be wrong. Channels are merged unless one is asked for (a mono mix holds both
 * speakers, as the AVEC transcripts do).
 *
 * <p>Rejects, per line, the other lines still counting: {@link RejectReason#BAD_ENCODING} for bytes
 * that are not UTF-8 (such a line cannot be attributed to a recording, so it is reported whatever
 * the filter); {@link RejectReason#BAD_TRANSCRIPT_LINE} for a field count other than 5 or 6 or a
 * confidence that is not a number; {@link RejectReason#BAD_TRANSCRIPT_TIME} for a start or duration
 * that is not a number, not finite, or negative. Words are normalised by {@link TextNormalizer}; see
 * {@link GivenWords} for words that normalise to nothing (dropped) or to several tokens (split).
 */
public final class CtmParser {
    private static final String SHAPE = "recording channel start duration word [confidence]";

    private CtmParser() {
    }

    /** Reads a CTM of a single recording (all channels). */
    public static GivenWords parse(byte[] content, String sourceName) throws InputRejectedException {
        return parse(content, sourceName, null, null);
    }

    /** Reads the lines of {@code recordingFilterOrNull} (all recordings, which must then be one, when null). */
    public static GivenWords parse(byte[] content, String sourceName, String recordingFilterOrNull)
            throws InputRejectedException {
        return parse(content, sourceName, recordingFilterOrNull, null);
    }

    /**
     * Reads the lines of one recording and optionally one channel.
     *
     * @param recordingFilterOrNull the first column to keep, exactly as written; null for a CTM of one recording
     * @param channelFilterOrNull   the second column to keep (e.g. {@code 1} or {@code A}); null for all channels
     * @throws InputRejectedException when no recording is given and the file names several
     */
    public static GivenWords parse(byte[] content, String sourceName, String recordingFilterOrNull,
            String channelFilterOrNull) throws InputRejectedException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sourceName, "sourceName");
        GivenWordsCollector collector = new GivenWordsCollector();
        Set<String> recordings = new LinkedHashSet<>();
        for (TextLines.Line line : TextLines.split(content)) {
            if (line.isBlank()) {
                continue;
            }
            String where = TextLines.where(sourceName, line.number()) + ": ";
            if (line.hasEncodingProblem()) {
                collector.reject(new LineReject(line.number(), RejectReason.BAD_ENCODING, where + line.encodingProblem()));
                continue;
            }
            String text = line.text().strip();
            if (text.startsWith(";;")) {
                continue;
            }
            String[] fields = text.split("[ \\t]+");
            if (recordingFilterOrNull != null && !fields[0].equals(recordingFilterOrNull)
                    || channelFilterOrNull != null && (fields.length < 2 || !fields[1].equals(channelFilterOrNull))) {
                collector.filteredOut();
                continue;
            }
            recordings.add(fields[0]);
            if (fields.length < 5 || fields.length > 6) {
                collector.reject(new LineReject(line.number(), RejectReason.BAD_TRANSCRIPT_LINE, where + "expected 5 or 6 "
                        + "whitespace-separated fields (" + SHAPE + "), found " + fields.length));
                continue;
            }
            String problem = secondsProblem("start", fields[2]);
            if (problem == null) {
                problem = secondsProblem("duration", fields[3]);
            }
            if (problem != null) {
                collector.reject(new LineReject(line.number(), RejectReason.BAD_TRANSCRIPT_TIME, where + problem));
                continue;
            }
            if (fields.length == 6 && Decimals.parse(fields[5]) == null) {
                collector.reject(new LineReject(line.number(), RejectReason.BAD_TRANSCRIPT_LINE, where + "confidence '"
                        + fields[5] + "' is not a number (expected e.g. 0.93 after the word; " + SHAPE + ")"));
                continue;
            }
            double start = Decimals.parse(fields[2]);
            collector.add(start, start + Decimals.parse(fields[3]), fields[4]);
        }
        if (recordingFilterOrNull == null && recordings.size() > 1) {
            throw new InputRejectedException(RejectReason.BAD_TRANSCRIPT_LINE, sourceName + ": holds words of "
                    + recordings.size() + " recordings (" + String.join(", ", recordings.stream().limit(5).toList())
                    + (recordings.size() > 5 ? ", ..." : "") + "); expected one, or name the recording to read");
        }
        return collector.build();
    }

    private static String secondsProblem(String what, String field) {
        Double value = Decimals.parse(field);
        if (value == null) {
            return what + " " + Decimals.shown(field) + " is not a number (expected seconds, e.g. 12.34)";
        }
        if (!Double.isFinite(value)) {
            return what + " " + field + " is not finite";
        }
        if (value < 0) {
            return what + " " + field + " is negative (expected seconds >= 0)";
        }
        return null;
    }
}
