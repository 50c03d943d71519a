package org.emospark.corpus.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;

/**
 * Opens an audio file by its content, not its name: the first bytes decide between
 * {@link WavDecoder} (RIFF/RF64 ... WAVE) and {@link FlacDecoder} ({@code fLaC}, optionally behind
 * an ID3v2 tag). Decoding streams; memory stays bounded whatever the file's length.
 */
public final class AudioDecoders {
    private static final int SNIFF_BYTES = 12;
    private static final int HEX_BYTES_SHOWN = 8;

    private AudioDecoders() {
    }

    /**
     * Sniffs {@code in} and returns a mono stream over it. The returned stream takes over {@code in}
     * (closing it closes {@code in}); if this method throws, {@code in} is left for the caller to close.
     *
     * @param sourceName names the file in error messages, e.g. its URI
     * @throws InputRejectedException NOT_AUDIO for anything that is neither WAV nor FLAC, EMPTY_AUDIO for
     *                                a zero-byte file or one without samples, and the decoders' own reasons
     */
    public static MonoAudioStream open(InputStream in, String sourceName) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n = StreamBytes.readUpTo(in, head, 0, head.length);
        if (n == 0) {
            throw new InputRejectedException(RejectReason.EMPTY_AUDIO, sourceName + ": file is empty (0 bytes)");
        }
        if (startsWith(head, n, "ID3")) {
            return afterId3(in, head, n, sourceName);
        }
        if (startsWith(head, n, "fLaC")) {
            return FlacDecoder.open(prefixed(head, n, in), sourceName);
        }
        if (startsWith(head, n, "RIFF") || startsWith(head, n, "RF64")) {
            if (n < SNIFF_BYTES) {
                throw new InputRejectedException(RejectReason.TRUNCATED_AUDIO, sourceName
                        + ": truncated: the file ends after " + n + " bytes, inside its 12-byte RIFF header");
            }
            String form = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
            if (!form.equals("WAVE")) {
                throw new InputRejectedException(RejectReason.NOT_AUDIO, sourceName
                        + ": a RIFF file of form '" + printable(form) + "', not a WAV file (form 'WAVE')");
            }
            return WavDecoder.open(prefixed(head, n, in), sourceName);
        }
        if (startsWith(head, n, "RIFX")) {
            throw new InputRejectedException(RejectReason.UNSUPPORTED_AUDIO, sourceName
                    + ": big-endian WAV (RIFX) is not supported; convert it to little-endian WAV or FLAC");
        }
        throw notAudio(sourceName, head, n, hint(head, n));
    }

    /** An ID3v2 tag sometimes precedes FLAC data; skip it and look again. */
    private static MonoAudioStream afterId3(InputStream in, byte[] head, int n, String sourceName) throws IOException {
        if (n < 10) {
            throw notAudio(sourceName, head, n, " (an ID3 tag of only " + n + " bytes)");
        }
        int flags = head[5] & 0xFF;
        long size = 0;
        for (int i = 6; i < 10; i++) {
            if ((head[i] & 0x80) != 0) {
                throw notAudio(sourceName, head, n, " (an ID3 tag with a malformed size)");
            }
            size = (size << 7) | head[i];
        }
        long tagEnd = 10 + size + ((flags & 0x10) != 0 ? 10 : 0);
        byte[] next = new byte[SNIFF_BYTES];
        int m = 0;
        if (tagEnd < n) {
            // A tiny tag: part of what follows it is already in head.
            m = n - (int) tagEnd;
            System.arraycopy(head, (int) tagEnd, next, 0, m);
        } else if (StreamBytes.skipUpTo(in, tagEnd - n) < tagEnd - n) {
            throw notAudio(sourceName, head, n, " (an ID3 tag and nothing after it)");
        }
        m += StreamBytes.readUpTo(in, next, m, next.length - m);
        if (!startsWith(next, m, "fLaC")) {
            throw notAudio(sourceName, head, n, " (ID3-tagged data that is not FLAC; MP3 is not supported)");
        }
        return FlacDecoder.open(prefixed(next, m, in), sourceName);
    }

    private static InputStream prefixed(byte[] head, int n, InputStream rest) {
        return new PrefixedStream(head, n, rest);
    }

    /**
     * The sniffed bytes, then the rest of the input. Unlike {@link java.io.SequenceInputStream} it does not close
     * the input when a decoder reads to its end (a FLAC decoder does): the caller may still read what follows, as
     * ingest does to hash the whole file. Closing it closes the input.
     */
    private static final class PrefixedStream extends InputStream {
        private final byte[] head;
        private final int n;
        private final InputStream rest;
        private int pos;

        PrefixedStream(byte[] head, int n, InputStream rest) {
            this.head = head;
            this.n = n;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return pos < n ? head[pos++] & 0xFF : rest.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (pos < n) {
                int k = Math.min(len, n - pos);
                System.arraycopy(head, pos, b, off, k);
                pos += k;
                return k;
            }
            return rest.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return pos < n ? n - pos : rest.available();
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }

    private static boolean startsWith(byte[] b, int n, String magic) {
        if (n < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String hint(byte[] b, int n) {
        if (startsWith(b, n, "OggS")) {
            return " (an Ogg stream; Ogg FLAC, Vorbis and Opus are not supported)";
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) {
            return " (looks like MPEG audio, e.g. MP3, which is not supported)";
        }
        if (n >= 8 && startsWith(new byte[] {b[4], b[5], b[6], b[7]}, 4, "ftyp")) {
            return " (an MP4/M4A container, which is not supported)";
        }
        return "";
    }

    private static InputRejectedException notAudio(String sourceName, byte[] head, int n, String hint) {
        int shown = Math.min(n, HEX_BYTES_SHOWN);
        String hex = HexFormat.ofDelimiter(" ").formatHex(head, 0, shown) + (n > shown ? " ..." : "");
        return new InputRejectedException(RejectReason.NOT_AUDIO, sourceName
                + ": not a WAV or FLAC file (starts with bytes " + hex + ")" + hint);
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }
}
