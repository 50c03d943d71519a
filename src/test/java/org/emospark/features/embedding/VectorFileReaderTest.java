package org.emospark.features.embedding;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorFileReaderTest {

    private static LoadedVectors read(String text, String name) throws IOException {
        return new VectorFileReader().read(new ByteArrayInputStream(text.getBytes(UTF_8)), name);
    }

    private static LoadedVectors read(byte[] bytes, String name, VectorFileReader reader) throws IOException {
        return reader.read(new ByteArrayInputStream(bytes), name);
    }

    private static String failure(String text, String name) {
        return failure(text.getBytes(UTF_8), name, new VectorFileReader());
    }

    private static String failure(byte[] bytes, String name, VectorFileReader reader) {
        VectorFileException e = assertThrows(VectorFileException.class, () -> read(bytes, name, reader));
        assertEquals(name, e.sourceName());
        return e.getMessage();
    }

    /** A word2vec binary file as the C tool writes it: header, then word, space, float32 LE, and optionally a newline. */
    private static byte[] binary(String header, boolean newlineAfterVectors, Object... wordsAndVectors) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header.getBytes(UTF_8));
        for (int i = 0; i < wordsAndVectors.length; i += 2) {
            Object word = wordsAndVectors[i];
            b.put(word instanceof byte[] raw ? raw : ((String) word).getBytes(UTF_8));
            b.put((byte) ' ');
            for (float v : (float[]) wordsAndVectors[i + 1]) {
                b.putFloat(v);
            }
            if (newlineAfterVectors) {
                b.put((byte) '\n');
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void word2vecTextIsReadWithExactValuesAndDetected() throws IOException {
        LoadedVectors loaded = read("3 2\nhallo 0.5 -1.25 \nwelt 1e-3 2\nschön .5 -.25\n", "de.txt");
        assertEquals(VectorFormat.WORD2VEC_TEXT, loaded.format());
        WordVectors v = loaded.vectors();
        assertEquals(2, v.dims());
        assertEquals(3, v.size());
        assertEquals(List.of("hallo", "welt", "schön"), List.copyOf(v.words()));
        assertArrayEquals(new float[] {0.5f, -1.25f}, v.get("hallo"));
        assertArrayEquals(new float[] {0.001f, 2f}, v.get("welt"));
        assertArrayEquals(new float[] {0.5f, -0.25f}, v.get("schön"));
        assertNull(v.get("Hallo"));
        assertEquals(3, loaded.entries());
        assertEquals(0, loaded.duplicates());
        assertFalse(loaded.limitReached());
    }

    @Test
    void valuesAreTheNearestFloat32OfTheirDecimals() throws IOException {
        WordVectors v = read("1 3\nx 0.1 -0.3333333333 3.4028235e38\n", "x.txt").vectors();
        assertArrayEquals(new float[] {0.1f, -0.33333334f, Float.MAX_VALUE}, v.get("x"));
    }

    @Test
    void fastTextVecIsTheSameTextLayoutReportedByItsName() throws IOException {
        LoadedVectors loaded = read("2 3\n</s> 0.1 0.2 0.3 \nund -1 0 1 \n", "wiki.de.vec");
        assertEquals(VectorFormat.FASTTEXT_VEC, loaded.format());
        assertArrayEquals(new float[] {-1f, 0f, 1f}, loaded.vectors().get("und"));
    }

    @Test
    void gloveTextWithoutHeaderTakesDimsFromTheFirstLine() throws IOException {
        LoadedVectors loaded = read("der 0.1 0.2 0.3 0.4\ndie -0.1 0 1 2\n", "glove.txt");
        assertEquals(VectorFormat.GLOVE_TEXT, loaded.format());
        assertEquals(4, loaded.vectors().dims());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, loaded.vectors().get("der"));
        assertArrayEquals(new float[] {-0.1f, 0f, 1f, 2f}, loaded.vectors().get("die"));
    }

    @Test
    void tabsCrLfBlankLinesAndAByteOrderMarkAreTolerated() throws IOException {
        LoadedVectors loaded = read("\uFEFF2 2\r\nein\t1\t2\r\n\r\nzwei  3   4\r\n", "tabs.txt");
        assertEquals(VectorFormat.WORD2VEC_TEXT, loaded.format());
        assertArrayEquals(new float[] {1f, 2f}, loaded.vectors().get("ein"));
        assertArrayEquals(new float[] {3f, 4f}, loaded.vectors().get("zwei"));
    }

    @Test
    void word2vecBinaryIsReadWithExactValuesWithAndWithoutNewlines() throws IOException {
        float[] a = {0.1f, -3.5f, Float.MIN_VALUE};
        float[] b = {1e30f, -0f, 0.25f};
        for (boolean newline : new boolean[] {true, false}) {
            byte[] file = binary("2 3\n", newline, "schön", a, "</s>", b);
            LoadedVectors loaded = read(file, "vectors.bin", new VectorFileReader());
            assertEquals(VectorFormat.WORD2VEC_BINARY, loaded.format());
            assertArrayEquals(a, loaded.vectors().get("schön"));
            assertArrayEquals(b, loaded.vectors().get("</s>"));
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(loaded.vectors().get("</s>")[1]));
        }
    }

    @Test
    void binaryWithWholeNumberLikeFirstBytesIsStillDetectedAsBinary() throws IOException {
        // Small positive floats (exponent byte 0x3c) and zeros: nothing like decimal text.
        byte[] file = binary("1 1\n", true, "a", new float[] {0.01f});
        assertEquals(VectorFormat.WORD2VEC_BINARY, read(file, "v.bin", new VectorFileReader()).format());
        byte[] zeros = binary("1 4\n", true, "z", new float[4]);
        assertEquals(VectorFormat.WORD2VEC_BINARY, read(zeros, "v.bin", new VectorFileReader()).format());
    }

    @Test
    void explicitFormatOverridesDetection() throws IOException {
        // A one-dimensional GloVe file whose first line is two whole numbers looks like a header.
        byte[] glove = "7 3\n8 4\n".getBytes(UTF_8);
        assertTrue(failure(glove, "ones.txt", new VectorFileReader()).startsWith("ones.txt "));
        LoadedVectors loaded = VectorFileReader.read(new ByteArrayInputStream(glove), "ones.txt", VectorFormat.GLOVE_TEXT);
        assertEquals(VectorFormat.GLOVE_TEXT, loaded.format());
        assertArrayEquals(new float[] {3f}, loaded.vectors().get("7"));
        assertArrayEquals(new float[] {4f}, loaded.vectors().get("8"));
    }

    @Test
    void gzipInputIsDecompressedOnTheFly(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("1 2\nhaus 0.5 0.75\n".getBytes(UTF_8));
        }
        Path file = dir.resolve("cc.de.vec.gz");
        Files.write(file, bytes.toByteArray());
        LoadedVectors loaded = new VectorFileReader().read(file);
        assertEquals("cc.de.vec.gz", loaded.sourceName());
        assertEquals(VectorFormat.FASTTEXT_VEC, loaded.format());
        assertArrayEquals(new float[] {0.5f, 0.75f}, loaded.vectors().get("haus"));
    }

    @Test
    void streamIsReadInSmallPiecesWithoutNeedingItAllAtOnce() throws IOException {
        StringBuilder text = new StringBuilder("5000 3\n");
        for (int i = 0; i < 5000; i++) {
            text.append("w").append(i).append(' ').append(i).append(" 0.5 -").append(i).append('\n');
        }
        byte[] content = text.toString().getBytes(UTF_8);
        // A stream that returns at most 7 bytes per read, so lines straddle every buffer refill.
        InputStream trickle = new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
        WordVectors v = new VectorFileReader().read(trickle, "big.txt").vectors();
        assertEquals(5000, v.size());
        assertArrayEquals(new float[] {4999f, 0.5f, -4999f}, v.get("w4999"));
    }

    @Test
    void maxWordsStopsEarlyAndSaysWhetherMoreWereLeft() throws IOException {
        String text = "3 1\na 1\nb 2\nc 3\n";
        LoadedVectors two = read(text.getBytes(UTF_8), "v.txt", new VectorFileReader().maxWords(2));
        assertEquals(List.of("a", "b"), List.copyOf(two.vectors().words()));
        assertTrue(two.limitReached());
        LoadedVectors three = read(text.getBytes(UTF_8), "v.txt", new VectorFileReader().maxWords(3));
        assertFalse(three.limitReached());
        byte[] bin = binary("3 1\n", true, "a", new float[] {1}, "b", new float[] {2}, "c", new float[] {3});
        LoadedVectors binTwo = read(bin, "v.bin", new VectorFileReader().maxWords(2));
        assertEquals(2, binTwo.vectors().size());
        assertTrue(binTwo.limitReached());
    }

    @Test
    void duplicateWordKeepsTheFirstByDefaultAndIsCounted() throws IOException {
        String text = "3 1\nder 1\ndie 2\nder 3\n";
        LoadedVectors first = read(text, "dup.txt");
        assertArrayEquals(new float[] {1f}, first.vectors().get("der"));
        assertEquals(2, first.vectors().size());
        assertEquals(3, first.entries());
        assertEquals(1, first.duplicates());
        assertEquals(List.of("dup.txt line 4: 'der'"), first.duplicateExamples());
    }

    @Test
    void duplicateWordCanKeepTheLastAtTheFirstPositionOrFail() throws IOException {
        byte[] text = "3 1\nder 1\ndie 2\nder 3\n".getBytes(UTF_8);
        LoadedVectors last = read(text, "dup.txt", new VectorFileReader().duplicates(DuplicateWords.KEEP_LAST));
        assertArrayEquals(new float[] {3f}, last.vectors().get("der"));
        assertEquals(List.of("der", "die"), List.copyOf(last.vectors().words()));
        assertEquals("dup.txt line 4: duplicate word 'der' (an earlier entry has it; expected each word once, as "
                + "DuplicateWords.FAIL demands)", failure(text, "dup.txt", new VectorFileReader().duplicates(DuplicateWords.FAIL)));
        byte[] bin = binary("2 1\n", true, "der", new float[] {1}, "der", new float[] {2});
        assertTrue(failure(bin, "dup.bin", new VectorFileReader().duplicates(DuplicateWords.FAIL))
                .startsWith("dup.bin byte offset 13: duplicate word 'der'"));
    }

    @Test
    void gloveWordWithSpacesIsKeptWhenItsExtraFieldsAreNotNumbers() throws IOException {
        WordVectors v = read("a 1 2\n. . . 3 4\n", "glove.840B.txt").vectors();
        assertArrayEquals(new float[] {3f, 4f}, v.get(". . ."));
        assertEquals("glove.txt line 2: expected 2 values after the word, found 3", failure("a 1 2\nb 1 2 3\n", "glove.txt"));
    }

    @Test
    void lineWithTooFewValuesNamesFileLineAndCounts() {
        assertEquals("glove.txt line 3: expected 3 values after the word, found 2",
                failure("der 1 2 3\ndie 4 5 6\ndas 7 8\n", "glove.txt"));
        assertEquals("w2v.txt line 2: expected 3 values after the word, found 0", failure("1 3\nwort\n", "w2v.txt"));
    }

    @Test
    void nonNumericAndNonFiniteValuesAreRefused() {
        assertEquals("v.txt line 3: value 2 of 'die' is 'abc', not a number",
                failure("2 3\nder 1 2 3\ndie 4 abc 6\n", "v.txt"));
        assertEquals("v.txt line 2: value 1 of 'der' is 'nan', not a finite number", failure("1 2\nder nan 2\n", "v.txt"));
        assertEquals("v.txt line 2: value 2 of 'der' is '1e39', which overflows float32 (not a finite number)",
                failure("1 2\nder 1 1e39\n", "v.txt"));
        assertEquals("v.txt line 2: value 1 of 'der' is '1,5', not a number", failure("1 2\nder 1,5 2\n", "v.txt"));
    }

    @Test
    void headerCountMismatchIsRefusedBothWays() {
        StringBuilder nine = new StringBuilder("10 2\n");
        for (int i = 1; i <= 9; i++) {
            nine.append("w").append(i).append(" 1 2\n");
        }
        assertEquals("vectors.txt: the file ends after 9 words (line 10), the header says 10", failure(nine.toString(), "vectors.txt"));
        assertEquals("vectors.txt line 4: the header says 2 words, found more (expected the file to end after line 3)",
                failure("2 1\na 1\nb 2\nc 3\n", "vectors.txt"));
    }

    @Test
    void missingOrMalformedHeaderIsRefusedWhenTheFormatNeedsOne() {
        assertEquals("w2v.txt line 1: expected the header 'count dims' (two whole numbers) of word2vec text, found 'der 1 2'",
                failure("der 1 2\n".getBytes(UTF_8), "w2v.txt", new VectorFileReader().format(VectorFormat.WORD2VEC_TEXT)));
        assertEquals("w2v.bin line 1: the header gives 0 dimensions (expected 1 to 1048576)",
                failure("3 0\n".getBytes(UTF_8), "w2v.bin", new VectorFileReader().format(VectorFormat.WORD2VEC_BINARY)));
    }

    @Test
    void emptyFileIsRefused() {
        assertEquals("empty.txt: the file is empty (expected word vectors)", failure("", "empty.txt"));
        assertEquals("empty.txt: the file holds no vectors (expected lines 'word v1 ... vD' of GloVe text)",
                failure(new byte[0], "empty.txt", new VectorFileReader().format(VectorFormat.GLOVE_TEXT)));
    }

    @Test
    void invalidUtf8InATextWordNamesTheLineAndBytes() {
        byte[] content = {'1', ' ', '1', '\n', 'g', 'r', (byte) 0xfc, 'n', ' ', '1', '\n'};
        assertEquals("latin1.txt line 2: bytes fc 6e 20 31 (at byte 3 of the line) are not valid UTF-8",
                failure(content, "latin1.txt", new VectorFileReader()));
    }

    @Test
    void invalidUtf8InABinaryWordNamesTheByteOffset() {
        byte[] file = binary("2 1\n", true, "ok", new float[] {1}, new byte[] {'g', 'r', (byte) 0xfc, 'n'}, new float[] {2});
        // "2 1\n" (4) + "ok " (3) + 4 bytes + "\n" (1) = offset 12 for the second word.
        assertEquals("bad.bin byte offset 12: word 2 of 2 is not valid UTF-8: bytes fc 6e at byte 3 of the word",
                failure(file, "bad.bin", new VectorFileReader()));
    }

    @Test
    void binaryCutShortInsideAVectorNamesOffsetAndByteCounts() {
        byte[] whole = binary("2 2\n", false, "a", new float[] {1, 2}, "b", new float[] {3, 4});
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
        // "2 2\n" (4) + "a " (2) + 8 + "b " (2): the second vector starts at byte 16 and has 3 of its 8 bytes.
        assertEquals("cut.bin byte offset 16: the file ends inside the vector of 'b' (word 2 of 2): expected 8 bytes, found 3",
                failure(cut, "cut.bin", new VectorFileReader()));
    }

    @Test
    void binaryHeaderCountMismatchIsRefusedBothWays() {
        byte[] short1 = binary("2 1\n", true, "a", new float[] {1});
        assertEquals("s.bin byte offset 11: the file ends after 1 word, the header says 2",
                failure(short1, "s.bin", new VectorFileReader().format(VectorFormat.WORD2VEC_BINARY)));
        byte[] longer = binary("1 1\n", true, "a", new float[] {1}, "b", new float[] {2});
        assertEquals("l.bin byte offset 11: the header says 1 word, but data goes on after the last of them",
                failure(longer, "l.bin", new VectorFileReader().format(VectorFormat.WORD2VEC_BINARY)));
    }

    @Test
    void binaryNonFiniteValueIsRefused() {
        byte[] file = binary("1 2\n", true, "a", new float[] {1, Float.NaN});
        assertEquals("nan.bin byte offset 10: value 2 of 'a' is NaN, not a finite number",
                failure(file, "nan.bin", new VectorFileReader()));
    }

    @Test
    void textFileReadAsBinaryFailsWithAUsefulMessage() {
        String message = failure("1 3\nwort 0.5 0.25 0.125\n".getBytes(UTF_8), "text.txt",
                new VectorFileReader().format(VectorFormat.WORD2VEC_BINARY));
        assertTrue(message.startsWith("text.txt byte offset "), message);
    }
}
