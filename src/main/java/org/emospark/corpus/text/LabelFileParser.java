package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;

/**
 * Reads an AVEC 2017 label file ({@code labels/NAME.csv}): UTF-8, {@code ;}-separated, one row
 * every 0.1 s of the form {@code name;time_s;arousal;valence;liking}, e.g.
 * {@code Train_01;0.1;-0.0125;0.03;0.2}.
 *
 * <p>Tolerated: blank lines, {@code \r\n} line ends, a missing final newline, a UTF-8 byte order
 * mark, whitespace around fields, one pair of quotes ({@code '} or {@code "}) around the name, and
 * one header line (the first non-blank line, when it has five fields and its time field is a word
 * such as {@code time}).
 *
 * <p>The labels of a recording are only usable whole, so any problem rejects the whole file with
 * one {@link InputRejectedException} whose reason is that of the first bad line and whose detail
 * names that line, what was expected, what was found, and how many lines were bad in total:
 * <ul>
 *   <li>{@link RejectReason#BAD_LABEL_LINE}: not five fields, a field that is not a number, a name
 *       that differs from {@code expectedRecording} (or, without one, from the first row's name),
 *       or no label rows at all;</li>
 *   <li>{@link RejectReason#NON_FINITE_LABEL}: NaN or infinite time or value;</li>
 *   <li>{@link RejectReason#LABEL_OUT_OF_RANGE}: a value outside [-1, 1] (no tolerance);</li>
 *   <li>{@link RejectReason#LABELS_OFF_GRID}: times that are not {@code t0 + i * 0.1} with
 *       {@code t0 >= 0} on the grid, within 1 ms, strictly one row per step (gaps, repeats and
 *       rows out of order all count; after a wrong step the check continues from the row found, so
 *       one gap counts as one bad line);</li>
 *   <li>{@link RejectReason#BAD_ENCODING}: a line that is not valid UTF-8.</li>
 * </ul>
 * Each line counts at most once, with its first problem in the order above (shape, name, finite,
 * range, grid).
 */
public final class LabelFileParser {
    /** Seconds between two label rows. */
    public static final double STEP_S = 0.1;
    /** How far a time may lie from the 0.1 s grid. */
    public static final double GRID_TOLERANCE_S = 0.001;

    private static final String SHAPE = "name;time_s;arousal;valence;liking";
    private static final String[] VALUE_NAMES = {"arousal", "valence", "liking"};

    private LabelFileParser() {
    }

    /** Same as {@link #parse(byte[], String, String)} without an expected recording name. */
    public static List<LabelRow> parse(byte[] content, String sourceName) throws InputRejectedException {
        return parse(content, sourceName, null);
    }

    /**
     * @param content the file's bytes
     * @param sourceName the path, used in every message
     * @param expectedRecording the recording the file must belong to (compared exactly with the name
     *     column), or {@code null} to only require that all rows share one name
     * @return the rows in file order; never empty
     * @throws InputRejectedException on any problem, see the class comment
     */
    public static List<LabelRow> parse(byte[] content, String sourceName, String expectedRecording)
            throws InputRejectedException {
        Objects.requireNonNull(sourceName, "sourceName");
        List<LabelRow> rows = new ArrayList<>();
        Problems problems = new Problems(sourceName);
        String nameToMatch = expectedRecording;
        String nameSource = "the expected";
        long previousTenths = Long.MIN_VALUE;
        boolean headerAllowed = true;
        int dataLines = 0;
        for (TextLines.Line line : TextLines.split(content)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.hasEncodingProblem()) {
                problems.add(line.number(), RejectReason.BAD_ENCODING, line.encodingProblem());
                headerAllowed = false;
                dataLines++;
                previousTenths = advance(previousTenths);
                continue;
            }
            String[] fields = line.text().split(";", -1);
            if (headerAllowed && fields.length == 5 && Decimals.isHeaderWord(fields[1])) {
                headerAllowed = false;
                continue;
            }
            headerAllowed = false;
            dataLines++;
            if (fields.length != 5) {
                problems.add(line.number(), RejectReason.BAD_LABEL_LINE, "expected 5 ';'-separated fields "
                        + SHAPE + ", found " + fields.length);
                previousTenths = advance(previousTenths);
                continue;
            }
            double[] numbers = new double[4];
            String[] names = {"time", VALUE_NAMES[0], VALUE_NAMES[1], VALUE_NAMES[2]};
            String notNumber = null;
            for (int k = 0; k < 4 && notNumber == null; k++) {
                Double value = Decimals.parse(fields[k + 1]);
                if (value == null) {
                    notNumber = names[k] + " " + Decimals.shown(fields[k + 1]) + " is not a number (expected "
                            + SHAPE + " with decimal numbers, e.g. Train_01;0.1;-0.0125;0.03;0.2)";
                } else {
                    numbers[k] = value;
                }
            }
            if (notNumber != null) {
                problems.add(line.number(), RejectReason.BAD_LABEL_LINE, notNumber);
                previousTenths = advance(previousTenths);
                continue;
            }
            String name = unquote(fields[0].trim());
            if (nameToMatch == null) {
                nameToMatch = name;
                nameSource = "line " + line.number() + "'s";
            } else if (!nameToMatch.equals(name)) {
                problems.add(line.number(), RejectReason.BAD_LABEL_LINE, "recording name '" + name
                        + "' differs from " + nameSource + " name '" + nameToMatch + "'");
            }
            double time = numbers[0];
            if (!Double.isFinite(time)) {
                problems.add(line.number(), RejectReason.NON_FINITE_LABEL, "time " + fields[1].trim()
                        + " is not finite");
                previousTenths = advance(previousTenths);
                continue;
            }
            checkValues(problems, line.number(), fields, numbers);
            previousTenths = checkGrid(problems, line.number(), fields[1].trim(), time, previousTenths);
            rows.add(new LabelRow((int) Math.round(time * 10), time, numbers[1], numbers[2], numbers[3]));
        }
        if (dataLines == 0) {
            throw new InputRejectedException(RejectReason.BAD_LABEL_LINE, sourceName
                    + ": no label rows (expected lines " + SHAPE + ", one every 0.1 s)");
        }
        problems.throwIfAny(dataLines);
        return List.copyOf(rows);
    }

    private static void checkValues(Problems problems, int lineNumber, String[] fields, double[] numbers) {
        for (int k = 1; k < 4; k++) {
            if (!Double.isFinite(numbers[k])) {
                problems.add(lineNumber, RejectReason.NON_FINITE_LABEL, VALUE_NAMES[k - 1] + " "
                        + fields[k + 1].trim() + " is not finite (expected a number in [-1, 1])");
                return;
            }
        }
        for (int k = 1; k < 4; k++) {
            if (numbers[k] < -1 || numbers[k] > 1) {
                problems.add(lineNumber, RejectReason.LABEL_OUT_OF_RANGE, VALUE_NAMES[k - 1] + " "
                        + fields[k + 1].trim() + " is outside [-1, 1]");
                return;
            }
        }
    }

    /** Checks one finite time against the grid; returns the step index the next row must follow. */
    private static long checkGrid(Problems problems, int lineNumber, String shown, double time, long previousTenths) {
        long tenths = Math.round(time * 10);
        boolean first = previousTenths == Long.MIN_VALUE;
        String expected = first ? "a first time >= 0 on the 0.1 s grid" : Decimals.tenths(previousTenths + 1);
        if (tenths > Integer.MAX_VALUE) {
            problems.add(lineNumber, RejectReason.LABELS_OFF_GRID, "time " + shown + " is too large for a frame index"
                    + " (expected " + expected + ")");
            return advance(previousTenths);
        }
        if (Math.abs(time - tenths / 10.0) > GRID_TOLERANCE_S + 1e-9) {
            problems.add(lineNumber, RejectReason.LABELS_OFF_GRID, "time " + shown
                    + " is not on the 0.1 s grid (expected " + expected + ")");
            return advance(previousTenths);
        }
        if (first) {
            if (time < 0) {
                problems.add(lineNumber, RejectReason.LABELS_OFF_GRID, "time " + shown + " is negative (expected "
                        + expected + ")");
            }
            return tenths;
        }
        if (tenths != previousTenths + 1) {
            String what = tenths == previousTenths ? "repeats the previous row's time"
                    : tenths < previousTenths ? "goes back from " + Decimals.tenths(previousTenths)
                    : "skips " + (tenths - previousTenths - 1) + " row(s) after " + Decimals.tenths(previousTenths);
            problems.add(lineNumber, RejectReason.LABELS_OFF_GRID, "time " + shown + " " + what
                    + " (expected " + expected + ": one row every 0.1 s)");
        }
        return tenths;
    }

    /** The step a row without a usable time is taken to have filled. */
    private static long advance(long previousTenths) {
        return previousTenths == Long.MIN_VALUE ? Long.MIN_VALUE : previousTenths + 1;
    }

    private static String unquote(String name) {
        if (name.length() >= 2) {
            char first = name.charAt(0);
            if ((first == '\'' || first == '"') && name.charAt(name.length() - 1) == first) {
                return name.substring(1, name.length() - 1);
            }
        }
        return name;
    }

    /** The first problem of the file and how many lines had one. */
    private static final class Problems {
        private final String sourceName;
        private int firstLine = -1;
        private int lastLine = -1;
        private RejectReason firstReason;
        private String firstDetail;
        private int badLines;

        Problems(String sourceName) {
            this.sourceName = sourceName;
        }

        void add(int lineNumber, RejectReason reason, String detail) {
            if (lineNumber == lastLine) {
                return; // a line counts once, with its first problem
            }
            lastLine = lineNumber;
            badLines++;
            if (firstReason == null) {
                firstLine = lineNumber;
                firstReason = reason;
                firstDetail = detail;
            }
        }

        void throwIfAny(int dataLines) throws InputRejectedException {
            if (firstReason != null) {
                throw new InputRejectedException(firstReason, TextLines.where(sourceName, firstLine) + ": "
                        + firstDetail + "; " + badLines + " of " + dataLines + " label lines are bad");
            }
        }
    }
}
