package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;

/**
 * Reads an AVEC 2017 transcription ({@code transcriptions/NAME.csv}): one utterance per line,
 * {@code start_s;end_s;'utterance text'}, {@code ;}-separated with quote character {@code |}, so
 * {@code 1.2;3.4;|'ja; genau'|} holds a {@code ;} in its text ({@code ||} inside such a field is
 * one {@code |}). The single quotes around the text are removed when present and tolerated when
 * missing. Blank lines, {@code \r\n}, a byte order mark and one header line (the first non-blank
 * line when its first two fields are words, e.g. {@code start;end;text}) are tolerated.
 *
 * <p>UTF-8 is decoded line by line, strictly, so a line with broken bytes is one
 * {@link RejectReason#BAD_ENCODING} reject and the others survive. Other rejects:
 * {@link RejectReason#BAD_TRANSCRIPT_LINE} when a line is not three fields (an unquoted {@code ;}
 * in the text makes four) or a {@code |} quote is not closed;
 * {@link RejectReason#BAD_TRANSCRIPT_TIME} when start or end is not a number, not finite, negative,
 * or the end lies before the start. Rows whose tokens ({@link TextNormalizer}) are empty or only
 * {@code <filler>} give no words (the paper's skip rule): {@link TranscriptParse#wordless()}.
 */
public final class TranscriptParser {
    public static final char DELIMITER = ';';
    public static final char QUOTE = '|';
    private static final String SHAPE = "start_s;end_s;'text'";

    private TranscriptParser() {
    }

    public static TranscriptParse parse(byte[] content, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        List<Utterance> rows = new ArrayList<>();
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
            List<String> fields;
            try {
                fields = DelimitedLine.split(line.text(), DELIMITER, QUOTE);
            } catch (DelimitedLine.MalformedLineException e) {
                rejects.add(new LineReject(line.number(), RejectReason.BAD_TRANSCRIPT_LINE, where + e.getMessage()
                        + " (expected " + SHAPE + ")"));
                headerAllowed = false;
                continue;
            }
            if (headerAllowed && fields.size() >= 2 && Decimals.isHeaderWord(fields.get(0))
                    && Decimals.isHeaderWord(fields.get(1))) {
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            if (fields.size() != 3) {
                rejects.add(new LineReject(line.number(), RejectReason.BAD_TRANSCRIPT_LINE, where + "expected 3 fields "
                        + SHAPE + " (wrap text containing ';' in |...|), found " + fields.size()));
                continue;
            }
            String timeProblem = TimeSpans.problem(fields.get(0), fields.get(1));
            if (timeProblem != null) {
                rejects.add(new LineReject(line.number(), RejectReason.BAD_TRANSCRIPT_TIME, where + timeProblem));
                continue;
            }
            String text = unquote(fields.get(2).strip());
            List<String> tokens = TextNormalizer.normalize(text);
            rows.add(new Utterance(line.number(), Decimals.parse(fields.get(0)), Decimals.parse(fields.get(1)), text,
                    tokens));
        }
        return new TranscriptParse(rows, rejects);
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
