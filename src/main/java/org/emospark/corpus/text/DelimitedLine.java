package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into fields at a delimiter, honouring a quote character the way Python's csv
 * module does with {@code doublequote=True}: a field that starts with the quote runs to the next
 * single quote, a doubled quote inside it stands for one, and the delimiter inside it is text. A
 * quote in the middle of an unquoted field is text. Only whitespace may follow a closing quote.
 * Quoted fields do not span lines.
 */
final class DelimitedLine {

    /** The line is not well formed; the message says what was found where. */
    static final class MalformedLineException extends Exception {
        MalformedLineException(String message) {
            super(message);
        }
    }

    private DelimitedLine() {
    }

    static List<String> split(String line, char delimiter, char quote) throws MalformedLineException {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            while (i < n && Character.isWhitespace(line.charAt(i)) && line.charAt(i) != delimiter) {
                i++;
            }
            if (i < n && line.charAt(i) == quote) {
                StringBuilder value = new StringBuilder();
                int fieldNumber = fields.size() + 1;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedLineException("field " + fieldNumber + " opens a " + quote
                                + " quote that is not closed before the end of the line");
                    }
                    char c = line.charAt(i);
                    if (c == quote) {
                        if (i + 1 < n && line.charAt(i + 1) == quote) {
                            value.append(quote);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(c);
                    i++;
                }
                while (i < n && line.charAt(i) != delimiter) {
                    if (!Character.isWhitespace(line.charAt(i))) {
                        throw new MalformedLineException("field " + fieldNumber + " has text '"
                                + line.substring(i, Math.min(n, i + 20)) + "' after its closing " + quote
                                + " (expected '" + delimiter + "' or the end of the line)");
                    }
                    i++;
                }
                fields.add(value.toString());
            } else {
                i = start;
                while (i < n && line.charAt(i) != delimiter) {
                    i++;
                }
                fields.add(line.substring(start, i));
            }
            if (i >= n) {
                return fields;
            }
            i++; // the delimiter
        }
    }
}
