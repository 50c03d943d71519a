package org.emospark.corpus.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian bit reader over a FLAC stream with a bounded buffer. Reads take a 64-bit window at
 * the current byte, so most reads, and whole Rice codes, cost one load. It keeps the CRC-16 of the
 * bytes consumed since {@link #beginFrame()}, folded in as the buffer moves on, so frames are
 * checked without a second pass or a copy.
 */
final class FlacBitReader {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int CAPACITY = 1 << 16;
    /** A 64-bit window starting at the current byte has at least this many bits that belong to it. */
    private static final int WINDOW_BITS = 57;
    /** Far beyond any valid Rice quotient or wasted-bits count, and short of int overflow. */
    private static final int MAX_UNARY = 1 << 30;
    /**
     * CRC-16 (polynomial 0x8005) tables for slicing by 8: {@code CRC16[k][v]} is the CRC of byte
     * {@code v} followed by {@code k} zero bytes, so eight bytes fold in with eight lookups.
     */
    private static final int[][] CRC16 = new int[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x8005 : c << 1;
            }
            CRC16[0][i] = c & 0xFFFF;
        }
        for (int k = 1; k < 8; k++) {
            for (int i = 0; i < 256; i++) {
                int prev = CRC16[k - 1][i];
                CRC16[k][i] = ((prev << 8) & 0xFFFF) ^ CRC16[0][prev >>> 8];
            }
        }
    }

    /** Thrown when the stream ends inside something the reader was asked for. */
    static final class EndOfInput extends EOFException {
        EndOfInput() {
            super("FLAC stream ended");
        }
    }

    /** Thrown for bits that cannot be a valid code; the decoder turns it into a corrupt-frame reject. */
    static final class BadCode extends IOException {
        BadCode(String what) {
            super(what);
        }
    }

    private final InputStream in;
    /** Extra 8 bytes so a window load at any byte below CAPACITY stays inside the array. */
    private final byte[] buf = new byte[CAPACITY + 8];
    private int limit;
    private int bitPos;
    private long bufOffset;
    private boolean eof;
    private int crcFrom;
    private int crc16;

    FlacBitReader(InputStream in) {
        this.in = in;
    }

    /** Stream offset of the next unread byte (rounded down when inside a byte). */
    long byteOffset() {
        return bufOffset + (bitPos >>> 3);
    }

    /** True when no byte is left; only meaningful at a byte boundary. */
    boolean atEnd() throws IOException {
        if ((bitPos >>> 3) < limit) {
            return false;
        }
        refill();
        return (bitPos >>> 3) >= limit;
    }

    int readBits(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (bitPos + n > limit << 3) {
            need(n);
        }
        long w = (long) LONG_BE.get(buf, bitPos >>> 3) << (bitPos & 7);
        bitPos += n;
        return (int) (w >>> (64 - n));
    }

    int readSigned(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        int v = readBits(n);
        return (v << (32 - n)) >> (32 - n);
    }

    /** Counts zero bits up to and including the next one bit. */
    int readUnary() throws IOException {
        int q = 0;
        while (true) {
            if ((bitPos >>> 3) + 8 > limit) {
                refill();
                if ((bitPos >>> 3) + 8 > limit) {
                    // Near the end of the stream: go bit by bit rather than look past it.
                    if (readBits(1) == 1) {
                        return q;
                    }
                    q++;
                    continue;
                }
            }
            long w = (long) LONG_BE.get(buf, bitPos >>> 3) << (bitPos & 7);
            int zeros = Long.numberOfLeadingZeros(w);
            if (zeros < WINDOW_BITS) {
                bitPos += zeros + 1;
                return q + zeros;
            }
            bitPos += WINDOW_BITS - 1;
            q += WINDOW_BITS - 1;
            if (q > MAX_UNARY) {
                throw new BadCode("a unary code longer than " + MAX_UNARY + " bits");
            }
        }
    }

    /** Decodes Rice codes with parameter {@code k} (0..30), zigzag-folded, into {@code dst[from..to)}. */
    void readRice(int[] dst, int from, int to, int k) throws IOException {
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            int pos = bitPos;
            if ((pos >>> 3) + 8 <= limit) {
                long w = (long) LONG_BE.get(b, pos >>> 3) << (pos & 7);
                int zeros = Long.numberOfLeadingZeros(w);
                int used = zeros + 1 + k;
                if (used <= WINDOW_BITS) {
                    // The double shift makes k = 0 yield 0 (a single >>> 64 would be a no-op).
                    int low = (int) ((w << (zeros + 1)) >>> 1 >>> (63 - k));
                    int u = (zeros << k) | low;
                    bitPos = pos + used;
                    dst[i] = (u >>> 1) ^ -(u & 1);
                    continue;
                }
            }
            int u = (readUnary() << k) | readBits(k);
            dst[i] = (u >>> 1) ^ -(u & 1);
        }
    }

    void alignToByte() {
        bitPos = (bitPos + 7) & ~7;
    }

    void skipBytes(long n) throws IOException {
        while (n > 0) {
            int avail = limit - (bitPos >>> 3);
            if (avail == 0) {
                need(8);
                continue;
            }
            int step = (int) Math.min(avail, n);
            bitPos += step << 3;
            n -= step;
        }
    }

    /** Starts the CRC-16 of a frame at the current (byte-aligned) position. */
    void beginFrame() {
        crcFrom = bitPos >>> 3;
        crc16 = 0;
    }

    /** CRC-16 of the bytes from {@link #beginFrame()} up to the current (byte-aligned) position. */
    int frameCrc16() {
        foldCrc(bitPos >>> 3);
        return crc16;
    }

    private void foldCrc(int upTo) {
        int c = crc16;
        byte[] b = buf;
        int[] t0 = CRC16[0];
        int i = crcFrom;
        if (upTo - i >= 8) {
            int[] t1 = CRC16[1];
            int[] t2 = CRC16[2];
            int[] t3 = CRC16[3];
            int[] t4 = CRC16[4];
            int[] t5 = CRC16[5];
            int[] t6 = CRC16[6];
            int[] t7 = CRC16[7];
            for (; i + 8 <= upTo; i += 8) {
                // The 16-bit register lines up with the first two of the eight bytes.
                long w = (long) LONG_BE.get(b, i);
                c = t7[(int) (w >>> 56) ^ (c >>> 8)] ^ t6[(int) (w >>> 48) & 0xFF ^ (c & 0xFF)]
                        ^ t5[(int) (w >>> 40) & 0xFF] ^ t4[(int) (w >>> 32) & 0xFF]
                        ^ t3[(int) (w >>> 24) & 0xFF] ^ t2[(int) (w >>> 16) & 0xFF]
                        ^ t1[(int) (w >>> 8) & 0xFF] ^ t0[(int) w & 0xFF];
            }
        }
        for (; i < upTo; i++) {
            c = ((c << 8) & 0xFFFF) ^ t0[(c >>> 8) ^ (b[i] & 0xFF)];
        }
        crc16 = c;
        crcFrom = upTo;
    }

    private void need(int nbits) throws IOException {
        refill();
        if (bitPos + nbits > limit << 3) {
            throw new EndOfInput();
        }
    }

    /** Moves unread bytes to the front and reads until the buffer is full or the stream ends. */
    private void refill() throws IOException {
        if (eof) {
            return;
        }
        int keep = bitPos >>> 3;
        foldCrc(keep);
        System.arraycopy(buf, keep, buf, 0, limit - keep);
        limit -= keep;
        bitPos -= keep << 3;
        bufOffset += keep;
        crcFrom = 0;
        while (limit < CAPACITY) {
            int r = in.read(buf, limit, CAPACITY - limit);
            if (r < 0) {
                eof = true;
                break;
            }
            limit += r;
        }
    }

    void close() throws IOException {
        in.close();
    }
}
