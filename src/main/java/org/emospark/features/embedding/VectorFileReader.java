package org.emospark.features.embedding;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads pretrained word vectors of any dimension: word2vec text and binary, fastText {@code .vec}
 * and GloVe text (see {@link VectorFormat}). Options are set through the fluent methods; a reader
 * holds no state between reads and may be reused.
 *
 * <p><b>Streaming.</b> The input is read once, front to back, through a 64 KiB buffer; besides
 * the vocabulary being built, only one line (text) or one entry (binary) is in memory at a time, so
 * a file needs about the heap its {@link WordVectors} needs (one {@code float[]} per word), not twice
 * its size. Input that starts with the gzip magic bytes ({@code 1f 8b}) is decompressed on the fly;
 * byte offsets in messages then count decompressed bytes.
 *
 * <p><b>Format detection</b> ({@link VectorFormat#AUTO}, the default). A UTF-8 byte order mark is
 * skipped. When the first line is two whole numbers ({@code count dims}) the file is word2vec or
 * fastText: it is text when the rest of the first entry's line (after the word and a space) is
 * printable ASCII up to a line break, binary otherwise (float32 bytes of a vector practically
 * always include a byte outside printable ASCII: a negative value's sign bit, a round value's zero
 * bytes, random mantissa bytes), and text is
 * reported as {@link VectorFormat#FASTTEXT_VEC} when the source name ends in {@code .vec} or
 * {@code .vec.gz}. Any other first line makes it GloVe text. A GloVe file with one dimension whose
 * first line is a whole-number word and a whole-number value looks like a header: pass the format.
 *
 * <p><b>Checks</b> ({@link VectorFileException}, naming file and line, or byte offset for binary):
 * a missing or malformed header; an entry with the wrong number of values; a value that is not a
 * number or not finite ({@code nan}, {@code inf}); a file that ends before the header's word count
 * or goes on after it; bytes of a word that are not UTF-8; a binary entry cut short; a duplicate
 * word under {@link DuplicateWords#FAIL}. Blank text lines are skipped.
 *
 * <p><b>Words with spaces.</b> Some published GloVe files (840B) contain tokens such as
 * {@code . . .}. A text line with more fields than {@code dims + 1} is read as such a word when every
 * extra leading field after the first is not a number; otherwise it is an error. Our tokens never
 * contain spaces, so such words are never looked up; they are kept only so the file loads.
 *
 * <p>Words are kept exactly as written (no case folding, no Unicode normalisation): look them up
 * with tokens from the {@link org.emospark.corpus.text.TextNormalizer} the vectors were trained on,
 * or re-key a third-party vocabulary with {@link WordVectors#keyedByNormalizedTokens()}.
 */
public final class VectorFileReader {
    /** Longest text line accepted; longer means the file is not text (e.g. a binary file read as text). */
    static final int MAX_LINE_BYTES = 1 << 24;
    /** Longest binary word accepted; longer means the entry structure is lost. */
    static final int MAX_WORD_BYTES = 1 << 16;
    /** Most dimensions accepted from a header, so a garbage header cannot ask for gigabytes per word. */
    static final int MAX_DIMS = 1 << 20;

    private static final Pattern HEADER = Pattern.compile("[ \\t]*(\\d{1,18})[ \\t]+(\\d{1,9})[ \\t]*");

    private VectorFormat format = VectorFormat.AUTO;
    private DuplicateWords duplicates = DuplicateWords.KEEP_FIRST;
    private long maxWords = Long.MAX_VALUE;

    /** Reads {@link VectorFormat#AUTO}, keeps the first of duplicate words, reads all words. */
    public VectorFileReader() {
    }

    /** The format to read; {@link VectorFormat#AUTO} (the default) detects it. */
    public VectorFileReader format(VectorFormat format) {
        this.format = Objects.requireNonNull(format, "format");
        return this;
    }

    /** What to do with a word seen again; {@link DuplicateWords#KEEP_FIRST} by default. */
    public VectorFileReader duplicates(DuplicateWords duplicates) {
        this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
        return this;
    }

    /**
     * Stop after this many entries (duplicates included), as gensim's {@code limit} does: word2vec and
     * fastText files are sorted by frequency, so this keeps the most frequent words. The header's
     * count is then not checked against the rest of the file.
     */
    public VectorFileReader maxWords(int maxWords) {
        if (maxWords < 1) {
            throw new IllegalArgumentException("Maximum number of words must be at least 1, cannot be: " + maxWords);
        }
        this.maxWords = maxWords;
        return this;
    }

    /**
     * Shorthand for {@code new VectorFileReader().format(format).read(in, sourceName)}: all words,
     * the first of duplicate words kept.
     */
    public static LoadedVectors read(InputStream in, String sourceName, VectorFormat format) throws IOException {
        return new VectorFileReader().format(format).read(in, sourceName);
    }

    /** Reads a file; its file name is the source name in messages. */
    public LoadedVectors read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.getFileName() == null ? path.toString() : path.getFileName().toString());
        }
    }

    /**
     * Reads vectors from {@code in} (not closed) in the configured format.
     *
     * @param sourceName the file name to use in messages and for {@code .vec} detection
     * @throws VectorFileException when the content is malformed
     * @throws IOException         when reading the stream fails
     */
    public LoadedVectors read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        InputStream raw = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            raw = new GZIPInputStream(raw, 1 << 16);
        }
        ByteSource src = new ByteSource(raw);
        if (src.peek(0) == 0xef && src.peek(1) == 0xbb && src.peek(2) == 0xbf) {
            src.skip(3);
        }
        VectorFormat actual = format == VectorFormat.AUTO ? detect(src, sourceName) : format;
        return switch (actual) {
            case WORD2VEC_BINARY -> new Run(sourceName, actual, src).readBinary();
            case WORD2VEC_TEXT, FASTTEXT_VEC, GLOVE_TEXT -> new Run(sourceName, actual, src).readText();
            case AUTO -> throw new IllegalStateException("AUTO is resolved by detect");
        };
    }

    private static VectorFormat detect(ByteSource src, String sourceName) throws IOException {
        if (src.peek(0) < 0) {
            throw new VectorFileException(sourceName, sourceName + ": the file is empty (expected word vectors)");
        }
        int lineEnd = src.indexOf('\n', 0, 4096);
        int firstLength = lineEnd >= 0 ? lineEnd : Math.min(src.available(4096), 4096);
        String first = new String(src.peekBytes(0, firstLength), StandardCharsets.ISO_8859_1);
        if (first.endsWith("\r")) {
            first = first.substring(0, first.length() - 1);
        }
        Matcher header = HEADER.matcher(first);
        if (!header.matches()) {
            return VectorFormat.GLOVE_TEXT;
        }
        long dims = Long.parseLong(header.group(2));
        int p = lineEnd >= 0 ? lineEnd + 1 : firstLength;
        while (src.peek(p) == '\n') {
            p++;
        }
        int space = -1;
        for (int i = p; i < p + 4096; i++) {
            int b = src.peek(i);
            if (b < 0 || b == '\n') {
                break;
            }
            if (b == ' ') {
                space = i;
                break;
            }
        }
        boolean text = true;
        if (space >= 0) {
            // Text: the rest of the line is printable ASCII (values, even malformed ones, so the text reader can say
            // what is wrong), ending at a line break or the end of the file. Binary: float32 bytes, where the sign
            // bit of any negative value, the zero bytes of round values and random mantissa bytes fall outside it.
            // A text entry has at least one character per value; binary bytes hardly ever give that many printable ones.
            long limit = Math.min(32 * dims + 64, MAX_LINE_BYTES);
            int printable = 0;
            for (int i = 1; ; i++) {
                int b = i > limit ? 0 : src.peek(space + i);
                if (b < 0 || b == '\n') {
                    text = printable >= dims;
                    break;
                }
                if (!isPrintableAscii(b)) {
                    text = false;
                    break;
                }
                printable++;
            }
        }
        if (!text) {
            return VectorFormat.WORD2VEC_BINARY;
        }
        String lower = sourceName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".vec") || lower.endsWith(".vec.gz") ? VectorFormat.FASTTEXT_VEC : VectorFormat.WORD2VEC_TEXT;
    }

    private static boolean isPrintableAscii(int b) {
        return (b >= 0x20 && b < 0x7f) || b == '\t' || b == '\r';
    }

    /** The state of one read. */
    private final class Run {
        private final String name;
        private final VectorFormat fmt;
        private final ByteSource src;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private WordVectors.Builder builder;
        private long entries;
        private long duplicateCount;
        private final List<String> duplicateExamples = new ArrayList<>();
        private boolean limitReached;

        Run(String name, VectorFormat fmt, ByteSource src) {
            this.name = name;
            this.fmt = fmt;
            this.src = src;
        }

        LoadedVectors readText() throws IOException {
            long declared = -1;
            int dims = -1;
            long lineNo = 0;
            if (fmt != VectorFormat.GLOVE_TEXT) {
                byte[] headerLine = src.readLine(MAX_LINE_BYTES);
                lineNo = 1;
                if (headerLine == null) {
                    throw fail(name + ": the file is empty (expected the header 'count dims' of " + label() + ")");
                }
                long[] header = header(headerLine, name + " line 1");
                declared = header[0];
                dims = (int) header[1];
                builder = new WordVectors.Builder(dims, (int) Math.min(declared, Integer.MAX_VALUE));
            }
            int[] starts = new int[Math.max(dims, 16) + 2];
            int[] ends = new int[starts.length];
            while (true) {
                if (entries >= maxWords) {
                    limitReached = src.hasMoreData();
                    break;
                }
                byte[] bytes = src.readLine(MAX_LINE_BYTES);
                if (bytes == null) {
                    break;
                }
                lineNo++;
                String where = name + " line " + lineNo;
                if (bytes.length >= MAX_LINE_BYTES) {
                    throw fail(where + ": line is longer than " + MAX_LINE_BYTES + " bytes (expected one word and its "
                            + "values per line; is this a binary file? then read it as " + VectorFormat.WORD2VEC_BINARY + ")");
                }
                String line = decodeLine(bytes, where);
                int n = 0;
                int i = 0;
                while (i < line.length()) {
                    while (i < line.length() && isSeparator(line.charAt(i))) {
                        i++;
                    }
                    if (i == line.length()) {
                        break;
                    }
                    int s = i;
                    while (i < line.length() && !isSeparator(line.charAt(i))) {
                        i++;
                    }
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                        ends = Arrays.copyOf(ends, n * 2);
                    }
                    starts[n] = s;
                    ends[n] = i;
                    n++;
                }
                if (n == 0) {
                    continue;
                }
                if (declared >= 0 && entries == declared) {
                    throw fail(where + ": the header says " + words(declared)
                            + ", found more (expected the file to end after line " + (lineNo - 1) + ")");
                }
                if (dims < 0) {
                    if (n < 2) {
                        throw fail(where + ": expected a word followed by its values (" + label() + "), found '"
                                + shorten(line) + "'");
                    }
                    dims = n - 1;
                    builder = new WordVectors.Builder(dims, 1 << 16);
                }
                int wordFields = 1;
                if (n - 1 > dims && extraFieldsAreWordParts(line, starts, ends, n - dims)) {
                    wordFields = n - dims;
                } else if (n - 1 != dims) {
                    throw fail(where + ": expected " + dims + " values after the word, found " + (n - 1));
                }
                String word = line.substring(starts[0], ends[wordFields - 1]);
                float[] vector = new float[dims];
                for (int k = 0; k < dims; k++) {
                    int f = wordFields + k;
                    vector[k] = parseValue(line, starts[f], ends[f], where, k + 1, word);
                }
                add(word, vector, where);
            }
            if (builder == null) {
                throw fail(name + ": the file holds no vectors (expected lines 'word v1 ... vD' of " + label() + ")");
            }
            if (declared >= 0 && !limitReached && entries < declared) {
                throw fail(name + ": the file ends after " + words(entries) + " (line " + lineNo + "), the header says "
                        + declared);
            }
            return result();
        }

        LoadedVectors readBinary() throws IOException {
            byte[] headerLine = src.readLine(256);
            if (headerLine == null) {
                throw fail(name + ": the file is empty (expected the header 'count dims' of " + label() + ")");
            }
            long[] header = header(headerLine, name + " line 1");
            long declared = header[0];
            int dims = (int) header[1];
            builder = new WordVectors.Builder(dims, (int) Math.min(declared, Integer.MAX_VALUE));
            byte[] raw = new byte[4 * dims];
            ByteBuffer floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            byte[] wordBytes = new byte[64];
            while (entries < declared) {
                if (entries >= maxWords) {
                    limitReached = src.hasMoreData();
                    break;
                }
                while (src.peek(0) == '\n') {
                    src.skip(1);
                }
                long wordAt = src.position();
                String entry = "word " + (entries + 1) + " of " + declared;
                int length = 0;
                while (true) {
                    int b = src.read();
                    if (b < 0) {
                        if (length == 0) {
                            throw fail(name + " byte offset " + wordAt + ": the file ends after "
                                    + words(entries) + ", the header says " + declared);
                        }
                        throw fail(name + " byte offset " + src.position() + ": the file ends inside " + entry
                                + " (expected the word's bytes up to a space, then " + dims + " float32 values)");
                    }
                    if (b == ' ') {
                        break;
                    }
                    if (b == '\n') {
                        throw fail(name + " byte offset " + (src.position() - 1) + ": " + entry + " contains a line break"
                                + " (expected the word's bytes up to a space, then " + dims + " float32 values)");
                    }
                    if (length == MAX_WORD_BYTES) {
                        throw fail(name + " byte offset " + wordAt + ": " + entry + " runs over " + MAX_WORD_BYTES
                                + " bytes without a space (expected a word, a space, then " + dims
                                + " float32 values; is this really " + label() + "?)");
                    }
                    if (length == wordBytes.length) {
                        wordBytes = Arrays.copyOf(wordBytes, length * 2);
                    }
                    wordBytes[length++] = (byte) b;
                }
                String where = name + " byte offset " + wordAt;
                if (length == 0) {
                    throw fail(where + ": " + entry + " is empty (expected the word's bytes before the space)");
                }
                String word = decodeWord(wordBytes, length, where + ": " + entry);
                long vectorAt = src.position();
                int got = src.readFully(raw, raw.length);
                if (got < raw.length) {
                    throw fail(name + " byte offset " + vectorAt + ": the file ends inside the vector of '" + word + "' ("
                            + entry + "): expected " + raw.length + " bytes, found " + got);
                }
                float[] vector = new float[dims];
                floats.clear();
                floats.asFloatBuffer().get(vector);
                for (int k = 0; k < dims; k++) {
                    if (!Float.isFinite(vector[k])) {
                        throw fail(name + " byte offset " + (vectorAt + 4L * k) + ": value " + (k + 1) + " of '" + word
                                + "' is " + vector[k] + ", not a finite number");
                    }
                }
                add(word, vector, where);
            }
            if (!limitReached && src.hasMoreData()) {
                throw fail(name + " byte offset " + src.position() + ": the header says "
                        + words(declared) + ", but data goes on after the last of them");
            }
            return result();
        }

        private float parseValue(String line, int s, int e, String where, int position, String word) {
            if (!isDecimal(line, s, e)) {
                String field = line.substring(s, e);
                String what = isNonFinite(field) ? "not a finite number" : "not a number";
                throw fail(where + ": value " + position + " of '" + word + "' is '" + shorten(field) + "', " + what);
            }
            float v = Float.parseFloat(line.substring(s, e));
            if (!Float.isFinite(v)) {
                throw fail(where + ": value " + position + " of '" + word + "' is '" + shorten(line.substring(s, e))
                        + "', which overflows float32 (not a finite number)");
            }
            return v;
        }

        private void add(String word, float[] vector, String where) {
            entries++;
            if (builder.contains(word)) {
                duplicateCount++;
                switch (duplicates) {
                    case FAIL -> throw fail(where + ": duplicate word '" + word + "' (an earlier entry has it; "
                            + "expected each word once, as " + DuplicateWords.class.getSimpleName() + "." + DuplicateWords.FAIL
                            + " demands)");
                    case KEEP_LAST -> builder.putOwned(word, vector);
                    case KEEP_FIRST -> {
                    }
                }
                if (duplicateExamples.size() < LoadedVectors.MAX_DUPLICATE_EXAMPLES) {
                    duplicateExamples.add(where + ": '" + word + "'");
                }
                return;
            }
            builder.putOwned(word, vector);
        }

        private LoadedVectors result() {
            return new LoadedVectors(name, fmt, builder.build(), entries, duplicateCount, duplicateExamples, limitReached);
        }

        private long[] header(byte[] line, String where) {
            String text = new String(line, StandardCharsets.ISO_8859_1);
            Matcher m = HEADER.matcher(text);
            if (!m.matches()) {
                throw fail(where + ": expected the header 'count dims' (two whole numbers) of " + label() + ", found '"
                        + shorten(text) + "'");
            }
            long count = Long.parseLong(m.group(1));
            long dims = Long.parseLong(m.group(2));
            if (dims < 1 || dims > MAX_DIMS) {
                throw fail(where + ": the header gives " + dims + " dimensions (expected 1 to " + MAX_DIMS + ")");
            }
            return new long[] {count, dims};
        }

        private String decodeLine(byte[] bytes, String where) {
            try {
                return utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                int at = firstBadByte(bytes, bytes.length);
                throw fail(where + ": bytes " + hex(bytes, at, Math.min(at + 4, bytes.length)) + " (at byte " + (at + 1)
                        + " of the line) are not valid UTF-8");
            }
        }

        private String decodeWord(byte[] bytes, int length, String where) {
            try {
                return utf8.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            } catch (CharacterCodingException e) {
                int at = firstBadByte(bytes, length);
                throw fail(where + " is not valid UTF-8: bytes " + hex(bytes, at, Math.min(at + 4, length)) + " at byte "
                        + (at + 1) + " of the word");
            }
        }

        private int firstBadByte(byte[] bytes, int length) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
            CharBuffer out = CharBuffer.allocate(length + 1);
            utf8.reset();
            CoderResult r = utf8.decode(in, out, true);
            return r.isError() ? in.position() : 0;
        }

        private String label() {
            return switch (fmt) {
                case WORD2VEC_TEXT -> "word2vec text";
                case WORD2VEC_BINARY -> "word2vec binary";
                case FASTTEXT_VEC -> "fastText .vec";
                case GLOVE_TEXT -> "GloVe text";
                case AUTO -> "vectors";
            };
        }

        private VectorFileException fail(String message) {
            return new VectorFileException(name, message);
        }
    }

    private static String words(long n) {
        return n + (n == 1 ? " word" : " words");
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }

    /** Fields 1 .. wordFields-1 are all non-numbers, so they continue a word with spaces. */
    private static boolean extraFieldsAreWordParts(String line, int[] starts, int[] ends, int wordFields) {
        for (int f = 1; f < wordFields; f++) {
            if (isDecimal(line, starts[f], ends[f]) || isNonFinite(line.substring(starts[f], ends[f]))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}: what the tools write, nothing Java-specific. */
    static boolean isDecimal(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == to;
    }

    private static boolean isNonFinite(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        if (f.startsWith("+") || f.startsWith("-")) {
            f = f.substring(1);
        }
        return f.equals("nan") || f.equals("inf") || f.equals("infinity");
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String hex(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }

    /**
     * A buffered byte stream that can look ahead any distance (the buffer grows) and knows the
     * absolute offset of the next byte, which {@link java.io.BufferedInputStream} does not offer.
     */
    static final class ByteSource {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private long bufStart;
        private boolean eof;

        ByteSource(InputStream in) {
            this.in = in;
        }

        long position() {
            return bufStart + pos;
        }

        /** Buffers at least {@code n} bytes from the current position unless the stream ends; returns how many are buffered. */
        int available(int n) throws IOException {
            while (limit - pos < n && !eof) {
                if (buf.length - pos < n) {
                    if (pos > 0) {
                        System.arraycopy(buf, pos, buf, 0, limit - pos);
                        bufStart += pos;
                        limit -= pos;
                        pos = 0;
                    }
                    if (buf.length < n) {
                        buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
                    }
                }
                int r = in.read(buf, limit, buf.length - limit);
                if (r < 0) {
                    eof = true;
                } else {
                    limit += r;
                }
            }
            return limit - pos;
        }

        /** The byte {@code ahead} bytes after the current position, or -1 past the end. */
        int peek(int ahead) throws IOException {
            return available(ahead + 1) > ahead ? buf[pos + ahead] & 0xff : -1;
        }

        byte[] peekBytes(int from, int length) throws IOException {
            int have = available(from + length);
            return Arrays.copyOfRange(buf, pos + Math.min(from, have), pos + Math.min(from + length, have));
        }

        /** The distance to the first {@code b} within {@code max} bytes, or -1. */
        int indexOf(char b, int from, int max) throws IOException {
            int have = available(max);
            for (int i = from; i < Math.min(max, have); i++) {
                if (buf[pos + i] == b) {
                    return i;
                }
            }
            return -1;
        }

        int read() throws IOException {
            return available(1) > 0 ? buf[pos++] & 0xff : -1;
        }

        void skip(int n) throws IOException {
            pos += Math.min(n, available(n));
        }

        /** Reads up to {@code n} bytes into {@code dst}; fewer only at the end of the stream. */
        int readFully(byte[] dst, int n) throws IOException {
            int done = 0;
            while (done < n) {
                int have = available(Math.min(n - done, 1 << 16));
                if (have == 0) {
                    break;
                }
                int take = Math.min(have, n - done);
                System.arraycopy(buf, pos, dst, done, take);
                pos += take;
                done += take;
            }
            return done;
        }

        /**
         * The next line without its {@code \n} and one trailing {@code \r}, or {@code null} at the end.
         * A line of {@code max} bytes or more comes back as exactly {@code max} bytes (the caller
         * reports it) and the rest of it is not consumed.
         */
        byte[] readLine(int max) throws IOException {
            if (available(1) == 0) {
                return null;
            }
            int scanned = 0;
            while (true) {
                int have = available(Math.min(scanned + (1 << 16), max + 1));
                for (int i = scanned; i < have; i++) {
                    if (buf[pos + i] == '\n') {
                        int end = i > 0 && buf[pos + i - 1] == '\r' ? i - 1 : i;
                        byte[] line = Arrays.copyOfRange(buf, pos, pos + end);
                        pos += i + 1;
                        return line;
                    }
                    if (i + 1 >= max) {
                        return Arrays.copyOfRange(buf, pos, pos + max);
                    }
                }
                if (have == scanned) {
                    int end = have > 0 && buf[pos + have - 1] == '\r' ? have - 1 : have;
                    byte[] line = Arrays.copyOfRange(buf, pos, pos + end);
                    pos += have;
                    return line;
                }
                scanned = have;
            }
        }

        /** Skips spaces, tabs and line breaks and tells whether anything else follows. */
        boolean hasMoreData() throws IOException {
            while (true) {
                int b = peek(0);
                if (b < 0) {
                    return false;
                }
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return true;
                }
                pos++;
            }
        }
    }
}
