package org.emospark.corpus.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits file content into numbered lines and decodes each one as strict UTF-8 on its own, so one
 * broken line does not take its neighbours down. Lines end at {@code \n}; one trailing {@code \r}
 * is dropped ({@code \r\n} files); a final newline does not open an extra line; a UTF-8 byte order
 * mark at the start of the file is dropped. Line numbers start at 1 and count physical lines.
 */
final class TextLines {

    /** One physical line: its text, or (when {@code encodingProblem != null}) why it is not UTF-8. */
    record Line(int number, String text, String encodingProblem) {
        boolean isBlank() {
            return encodingProblem == null && text.isBlank();
        }

        boolean hasEncodingProblem() {
            return encodingProblem != null;
        }
    }

    private TextLines() {
    }

    static List<Line> split(byte[] content) {
        Objects.requireNonNull(content, "content");
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<Line> lines = new ArrayList<>();
        int from = hasBom(content) ? 3 : 0;
        int number = 1;
        while (from < content.length) {
            int newline = indexOf(content, (byte) '\n', from);
            int end = newline < 0 ? content.length : newline;
            int contentEnd = end > from && content[end - 1] == '\r' ? end - 1 : end;
            lines.add(decode(decoder, content, from, contentEnd, number));
            number++;
            from = end + 1;
        }
        return lines;
    }

    /** A message part such as {@code line 12: bytes c3 28 are not valid UTF-8}, for a LineReject detail. */
    static String where(String sourceName, int lineNumber) {
        return sourceName + " line " + lineNumber;
    }

    private static Line decode(CharsetDecoder decoder, byte[] content, int from, int to, int number) {
        ByteBuffer in = ByteBuffer.wrap(content, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            return new Line(number, null, "bytes " + hex(content, at, sequenceEnd(content, at, to))
                    + " (at byte " + (at - from + 1) + " of the line) are not valid UTF-8");
        }
        out.flip();
        return new Line(number, out.toString(), null);
    }

    /** The bytes the lead byte at {@code at} announces (at least one), so the message shows the broken sequence. */
    private static int sequenceEnd(byte[] content, int at, int limit) {
        int lead = content[at] & 0xff;
        int length = lead >= 0xf0 && lead <= 0xf7 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc0 && lead <= 0xdf ? 2 : 1;
        return Math.min(at + length, limit);
    }

    private static String hex(byte[] content, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", content[i] & 0xff));
        }
        return sb.toString();
    }

    private static boolean hasBom(byte[] c) {
        return c.length >= 3 && (c[0] & 0xff) == 0xef && (c[1] & 0xff) == 0xbb && (c[2] & 0xff) == 0xbf;
    }

    private static int indexOf(byte[] content, byte b, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
