package org.emospark.corpus.text;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Number fields of the corpus text files: plain decimals with a dot ({@code 1.5}, {@code -0.25},
 * {@code .5}, {@code 1e-3}); also the spellings of non-finite values that tools write
 * ({@code nan}, {@code NaN}, {@code inf}, {@code -Infinity}, case-insensitive), so that callers can
 * tell "not finite" from "not a number". Anything else ({@code 1,5}, {@code 0x10}, {@code 1.5f}) is
 * not a number. Surrounding whitespace is ignored.
 */
final class Decimals {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NAN = Pattern.compile("(?i)[+-]?nan");
    private static final Pattern INFINITY = Pattern.compile("(?i)([+-]?)inf(?:inity)?");

    private Decimals() {
    }

    /** The value, or {@code null} when the text is not a number (non-finite spellings are numbers). */
    static Double parse(String field) {
        String s = field.trim();
        if (DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        if (NAN.matcher(s).matches()) {
            return Double.NaN;
        }
        var inf = INFINITY.matcher(s);
        if (inf.matches()) {
            return "-".equals(inf.group(1)) ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    /** A header cell rather than data: starts with a letter and is not a number ({@code time}, {@code start_s}). */
    static boolean isHeaderWord(String field) {
        String s = field.trim();
        return !s.isEmpty() && Character.isLetter(s.codePointAt(0)) && parse(s) == null;
    }

    /** Tenths as text without binary noise: 16 -> "1.6", 0 -> "0.0". */
    static String tenths(long tenths) {
        return BigDecimal.valueOf(tenths, 1).toPlainString();
    }

    /** A found field for a message: trimmed, quoted when it is empty. */
    static String shown(String field) {
        String s = field.trim();
        return s.isEmpty() ? "''" : s;
    }
}
