package org.emospark.corpus.text;

/** The start/end check shared by turns and transcripts: both numbers, finite, {@code 0 <= start <= end}. */
final class TimeSpans {
    private TimeSpans() {
    }

    /** What is wrong with a start/end pair of fields, or {@code null} when they form a valid span. */
    static String problem(String startField, String endField) {
        Double start = Decimals.parse(startField);
        Double end = Decimals.parse(endField);
        if (start == null) {
            return "start " + Decimals.shown(startField) + " is not a number (expected seconds, e.g. 12.34)";
        }
        if (end == null) {
            return "end " + Decimals.shown(endField) + " is not a number (expected seconds, e.g. 12.34)";
        }
        if (!Double.isFinite(start)) {
            return "start " + startField.trim() + " is not finite";
        }
        if (!Double.isFinite(end)) {
            return "end " + endField.trim() + " is not finite";
        }
        if (start < 0) {
            return "start " + startField.trim() + " is negative (expected seconds >= 0)";
        }
        if (end < start) {
            return "end " + endField.trim() + " is before start " + startField.trim();
        }
        return null;
    }
}
