package org.emospark.corpus.audio;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;

/**
 * A self-contained FLAC decoder (RFC 9639) that streams frames as mono floats. Supports fixed and
 * variable block sizes; CONSTANT, VERBATIM, FIXED (orders 0-4) and LPC (orders 1-32) subframes with
 * wasted bits; Rice and Rice2 residuals with partitions and escape codes; independent, left-side,
 * right-side and mid-side channels; 4 to 24 bits per sample.
 *
 * <p>It is strict, because a damaged frame means misaligned or wrong audio downstream: every frame
 * header CRC-8 and frame CRC-16 is checked, frame and sample numbers must follow on without gaps,
 * the stream must hold as many samples as STREAMINFO declares, and the MD5 of the decoded audio
 * must match STREAMINFO's (when it is not zero) once the last frame has been read. Memory is one
 * frame (at most 65536 samples per channel) plus a 64 KiB read buffer.
 */
public final class FlacDecoder implements MonoAudioStream {
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_SUPPORTED_BITS = 24;
    private static final int[] SAMPLE_RATES = {0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100,
            48000, 96000};
    private static final int[] SAMPLE_SIZES = {0, 8, 12, -1, 16, 20, 24, 32};
    private static final int[] CRC8 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80) != 0 ? (c << 1) ^ 0x07 : c << 1;
            }
            CRC8[i] = c & 0xFF;
        }
    }

    private static final int INDEPENDENT_MAX = 7;
    private static final int LEFT_SIDE = 8;
    private static final int SIDE_RIGHT = 9;
    private static final int MID_SIDE = 10;

    private final FlacBitReader r;
    private final String source;
    private final AudioDescription description;
    private final int sampleRate;
    private final int channels;
    private final int bitsPerSample;
    private final long totalSamples;
    private final byte[] expectedMd5;
    private final MessageDigest md5;
    private final float scale;
    private final int[] header = new int[16];
    private final int[] coefs = new int[32];
    private int[][] samples;
    private byte[] md5Bytes = new byte[0];
    private int blockLen;
    private int blockPos;
    private long frameIndex;
    private long samplesDecoded;
    private int blockingStrategy = -1;
    private boolean finished;

    private FlacDecoder(FlacBitReader r, String source, int sampleRate, int channels, int bitsPerSample,
                        long totalSamples, byte[] md5Sum) {
        this.r = r;
        this.source = source;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.bitsPerSample = bitsPerSample;
        this.totalSamples = totalSamples;
        boolean checkMd5 = false;
        for (byte b : md5Sum) {
            checkMd5 |= b != 0;
        }
        this.expectedMd5 = checkMd5 ? md5Sum : null;
        this.md5 = checkMd5 ? newMd5() : null;
        this.scale = (float) (1.0 / ((double) (1L << (bitsPerSample - 1)) * channels));
        this.samples = new int[channels][0];
        this.description = new AudioDescription("flac", "flac", sampleRate, channels, bitsPerSample,
                totalSamples == 0 ? -1 : totalSamples);
    }

    /**
     * Reads the {@code fLaC} marker and the metadata blocks from {@code in}, then decodes the first
     * frame, so that a stream without audio is refused here (EMPTY_AUDIO, or TRUNCATED_AUDIO when
     * STREAMINFO declares samples).
     */
    public static FlacDecoder open(InputStream in, String source) throws IOException {
        FlacBitReader r = new FlacBitReader(in);
        try {
            if (r.readBits(32) != 0x664C6143) {
                throw reject(RejectReason.NOT_AUDIO, source, "not a FLAC file: it does not start with 'fLaC'");
            }
            boolean last;
            boolean first = true;
            int rate = 0;
            int ch = 0;
            int bps = 0;
            long total = 0;
            byte[] md5Sum = new byte[16];
            do {
                long offset = r.byteOffset();
                last = r.readBits(1) == 1;
                int type = r.readBits(7);
                int length = r.readBits(24);
                if (first != (type == 0)) {
                    throw reject(RejectReason.CORRUPT_AUDIO, source, first
                            ? "the first metadata block (at byte offset " + offset + ") is of type " + type + ", expected STREAMINFO (0)"
                            : "a second STREAMINFO block at byte offset " + offset);
                }
                if (type == 127) {
                    throw reject(RejectReason.CORRUPT_AUDIO, source, "invalid metadata block type 127 at byte offset " + offset);
                }
                if (type == 0) {
                    if (length < 34) {
                        throw reject(RejectReason.CORRUPT_AUDIO, source, "STREAMINFO has " + length + " bytes, expected 34");
                    }
                    r.readBits(16);
                    r.readBits(16);
                    r.readBits(24);
                    r.readBits(24);
                    rate = r.readBits(20);
                    ch = r.readBits(3) + 1;
                    bps = r.readBits(5) + 1;
                    total = ((long) r.readBits(4) << 32) | (r.readBits(32) & 0xFFFFFFFFL);
                    for (int i = 0; i < 16; i++) {
                        md5Sum[i] = (byte) r.readBits(8);
                    }
                    r.skipBytes(length - 34L);
                } else {
                    r.skipBytes(length);
                }
                first = false;
            } while (!last);
            if (rate == 0) {
                throw reject(RejectReason.CORRUPT_AUDIO, source, "STREAMINFO declares a sample rate of 0 Hz");
            }
            if (bps < 4) {
                throw reject(RejectReason.CORRUPT_AUDIO, source, "STREAMINFO declares " + bps
                        + " bits per sample; FLAC allows 4 to 32");
            }
            if (bps > MAX_SUPPORTED_BITS) {
                throw reject(RejectReason.UNSUPPORTED_AUDIO, source, bps + "-bit FLAC is not supported; at most "
                        + MAX_SUPPORTED_BITS + " bits per sample");
            }
            FlacDecoder d = new FlacDecoder(r, source, rate, ch, bps, total, md5Sum);
            if (!d.nextFrame()) {
                throw reject(RejectReason.EMPTY_AUDIO, source, "the FLAC stream holds no audio frames");
            }
            return d;
        } catch (FlacBitReader.EndOfInput e) {
            throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: the file ends inside its FLAC metadata, at byte offset "
                    + r.byteOffset());
        }
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public AudioDescription description() {
        return description;
    }

    @Override
    public int read(float[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return 0;
        }
        if (blockPos >= blockLen && !nextFrame()) {
            return -1;
        }
        int n = Math.min(len, blockLen - blockPos);
        int p = blockPos;
        float s = scale;
        if (channels == 1) {
            int[] a = samples[0];
            for (int i = 0; i < n; i++) {
                buf[off + i] = a[p + i] * s;
            }
        } else if (channels == 2) {
            int[] a = samples[0];
            int[] b = samples[1];
            for (int i = 0; i < n; i++) {
                buf[off + i] = (a[p + i] + b[p + i]) * s;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += samples[c][p + i];
                }
                buf[off + i] = sum * s;
            }
        }
        blockPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        r.close();
    }

    /** Decodes the next frame into {@link #samples}; false at the (verified) end of the stream. */
    private boolean nextFrame() throws IOException {
        if (finished) {
            return false;
        }
        // Bytes after the declared last sample (an ID3v1 tag, padding) are not audio: stop there.
        if ((totalSamples > 0 && samplesDecoded >= totalSamples) || r.atEnd()) {
            finish();
            return false;
        }
        long offset = r.byteOffset();
        try {
            decodeFrame(offset);
        } catch (FlacBitReader.BadCode e) {
            throw corrupt(offset, e.getMessage());
        } catch (FlacBitReader.EndOfInput e) {
            throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: stream ends inside frame " + frameIndex
                    + " (which starts at byte offset " + offset + ")" + (totalSamples > 0
                    ? "; header declares " + totalSamples + " sample frames, " + samplesDecoded + " decoded before it"
                    : ""));
        }
        if (totalSamples > 0 && samplesDecoded + blockLen > totalSamples) {
            throw corrupt(offset, "the frames hold more than the " + totalSamples + " sample frames STREAMINFO declares");
        }
        if (md5 != null) {
            updateMd5();
        }
        samplesDecoded += blockLen;
        frameIndex++;
        blockPos = 0;
        return true;
    }

    private void finish() throws InputRejectedException {
        finished = true;
        blockLen = 0;
        blockPos = 0;
        if (totalSamples > 0 && samplesDecoded < totalSamples) {
            throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: header declares " + totalSamples
                    + " sample frames, stream ends after " + samplesDecoded);
        }
        // With no audio at all, "empty" is the finding that matters, not the checksum.
        if (md5 != null && samplesDecoded > 0) {
            byte[] actual = md5.digest();
            if (!Arrays.equals(actual, expectedMd5)) {
                throw reject(RejectReason.CORRUPT_AUDIO, source, "MD5 of the decoded audio is "
                        + HexFormat.of().formatHex(actual) + " but STREAMINFO says " + HexFormat.of().formatHex(expectedMd5));
            }
        }
    }

    private void decodeFrame(long offset) throws IOException {
        r.beginFrame();
        int n = 0;
        int b0 = r.readBits(8);
        int b1 = r.readBits(8);
        if (b0 != 0xFF || (b1 & 0xFE) != 0xF8) {
            throw corrupt(offset, String.format("expected a frame sync code (ff f8 or ff f9), found %02x %02x", b0, b1));
        }
        header[n++] = b0;
        header[n++] = b1;
        int strategy = b1 & 1;
        if (blockingStrategy >= 0 && strategy != blockingStrategy) {
            throw corrupt(offset, "the blocking strategy changes from " + (blockingStrategy == 0 ? "fixed" : "variable")
                    + " to " + (strategy == 0 ? "fixed" : "variable") + " mid-stream");
        }
        blockingStrategy = strategy;
        int b2 = r.readBits(8);
        int b3 = r.readBits(8);
        header[n++] = b2;
        header[n++] = b3;
        int blockCode = b2 >>> 4;
        int rateCode = b2 & 15;
        int assignment = b3 >>> 4;
        int sizeCode = (b3 >>> 1) & 7;
        if ((b3 & 1) != 0) {
            throw corrupt(offset, "the frame header's reserved bit is set");
        }
        // The coded frame number (fixed blocking) or first sample number (variable): UTF-8-like.
        int lead = r.readBits(8);
        header[n++] = lead;
        int extra = Integer.numberOfLeadingZeros(~lead << 24);
        if (extra == 1 || extra > 7) {
            throw corrupt(offset, String.format("invalid coded frame/sample number (first byte %02x)", lead));
        }
        long number = extra == 0 ? lead : lead & (0x7F >>> extra);
        for (int i = 1; i < extra; i++) {
            int c = r.readBits(8);
            header[n++] = c;
            if ((c & 0xC0) != 0x80) {
                throw corrupt(offset, String.format("invalid coded frame/sample number (continuation byte %02x)", c));
            }
            number = (number << 6) | (c & 0x3F);
        }
        int blockSize = switch (blockCode) {
            case 0 -> throw corrupt(offset, "reserved block size code 0");
            case 1 -> 192;
            case 2, 3, 4, 5 -> 576 << (blockCode - 2);
            case 6 -> (header[n++] = r.readBits(8)) + 1;
            case 7 -> {
                int hi = header[n++] = r.readBits(8);
                int lo = header[n++] = r.readBits(8);
                yield ((hi << 8) | lo) + 1;
            }
            default -> 256 << (blockCode - 8);
        };
        int rate;
        if (rateCode == 0) {
            rate = sampleRate;
        } else if (rateCode < 12) {
            rate = SAMPLE_RATES[rateCode];
        } else if (rateCode == 12) {
            rate = (header[n++] = r.readBits(8)) * 1000;
        } else if (rateCode == 15) {
            throw corrupt(offset, "invalid sample rate code 15");
        } else {
            int hi = header[n++] = r.readBits(8);
            int lo = header[n++] = r.readBits(8);
            rate = ((hi << 8) | lo) * (rateCode == 13 ? 1 : 10);
        }
        int crc = 0;
        for (int i = 0; i < n; i++) {
            crc = CRC8[crc ^ header[i]];
        }
        int stored = r.readBits(8);
        if (crc != stored) {
            throw corrupt(offset, String.format("frame header CRC-8 mismatch: header says %02x, computed %02x", stored, crc));
        }
        // Only now, with the header known to be intact, are its values worth comparing.
        long expected = strategy == 0 ? frameIndex : samplesDecoded;
        if (number != expected) {
            throw corrupt(offset, "frame header says " + (strategy == 0 ? "frame " : "first sample ") + number
                    + ", expected " + expected + " (frames missing or out of order)");
        }
        if (rate != sampleRate) {
            throw corrupt(offset, "frame sample rate " + rate + " Hz differs from STREAMINFO's " + sampleRate + " Hz");
        }
        int frameChannels = assignment <= INDEPENDENT_MAX ? assignment + 1 : 2;
        if (assignment > MID_SIDE) {
            throw corrupt(offset, "reserved channel assignment " + assignment);
        }
        if (frameChannels != channels) {
            throw corrupt(offset, "frame has " + frameChannels + " channel(s), STREAMINFO declares " + channels);
        }
        int bps = SAMPLE_SIZES[sizeCode];
        if (sizeCode == 0) {
            bps = bitsPerSample;
        } else if (bps < 0) {
            throw corrupt(offset, "reserved sample size code 3");
        }
        if (bps != bitsPerSample) {
            throw corrupt(offset, "frame has " + bps + " bits per sample, STREAMINFO declares " + bitsPerSample);
        }
        if (samples[0].length < blockSize) {
            samples = new int[channels][Math.max(blockSize, 4096)];
        }
        for (int c = 0; c < channels; c++) {
            boolean side = (c == 1 && (assignment == LEFT_SIDE || assignment == MID_SIDE))
                    || (c == 0 && assignment == SIDE_RIGHT);
            decodeSubframe(samples[c], blockSize, side ? bps + 1 : bps, offset, c);
        }
        r.alignToByte();
        int computed = r.frameCrc16();
        int storedCrc = r.readBits(16);
        if (computed != storedCrc) {
            throw corrupt(offset, String.format("frame CRC-16 mismatch: frame says %04x, computed %04x", storedCrc, computed));
        }
        decorrelate(assignment, blockSize);
        blockLen = blockSize;
    }

    private void decodeSubframe(int[] s, int n, int bps, long offset, int channel) throws IOException {
        if (r.readBits(1) != 0) {
            throw corrupt(offset, "subframe " + channel + " has its padding bit set");
        }
        int type = r.readBits(6);
        int wasted = 0;
        if (r.readBits(1) == 1) {
            wasted = r.readUnary() + 1;
            if (wasted >= bps) {
                throw corrupt(offset, "subframe " + channel + " declares " + wasted + " wasted bits of " + bps);
            }
            bps -= wasted;
        }
        if (type == 0) {
            Arrays.fill(s, 0, n, r.readSigned(bps));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                s[i] = r.readSigned(bps);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            warmUp(s, n, order, bps, offset, channel);
            residual(s, n, order, offset, channel);
            fixedPredict(s, n, order);
        } else if (type >= 32) {
            int order = type - 31;
            warmUp(s, n, order, bps, offset, channel);
            int precision = r.readBits(4) + 1;
            if (precision == 16) {
                throw corrupt(offset, "subframe " + channel + " has the invalid LPC precision code 15");
            }
            int shift = r.readSigned(5);
            if (shift < 0) {
                throw corrupt(offset, "subframe " + channel + " has a negative LPC shift " + shift);
            }
            for (int j = 0; j < order; j++) {
                coefs[j] = r.readSigned(precision);
            }
            residual(s, n, order, offset, channel);
            lpcPredict(s, n, order, shift);
        } else {
            throw corrupt(offset, "subframe " + channel + " has the reserved type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                s[i] <<= wasted;
            }
        }
    }

    private void warmUp(int[] s, int n, int order, int bps, long offset, int channel) throws IOException {
        if (order > n) {
            throw corrupt(offset, "subframe " + channel + " has predictor order " + order + " for a block of " + n);
        }
        for (int i = 0; i < order; i++) {
            s[i] = r.readSigned(bps);
        }
    }

    private void residual(int[] s, int n, int order, long offset, int channel) throws IOException {
        int method = r.readBits(2);
        if (method > 1) {
            throw corrupt(offset, "subframe " + channel + " uses the reserved residual coding method " + method);
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = (1 << paramBits) - 1;
        int partitionOrder = r.readBits(4);
        int partitionSize = n >> partitionOrder;
        if ((partitionSize << partitionOrder) != n || partitionSize < order) {
            throw corrupt(offset, "subframe " + channel + " has partition order " + partitionOrder
                    + ", which does not fit a block of " + n + " with predictor order " + order);
        }
        int i = order;
        for (int p = 0, end = partitionSize; p < (1 << partitionOrder); p++, end += partitionSize) {
            int k = r.readBits(paramBits);
            if (k == escape) {
                int bits = r.readBits(5);
                for (; i < end; i++) {
                    s[i] = r.readSigned(bits);
                }
            } else {
                r.readRice(s, i, end, k);
                i = end;
            }
        }
    }

    // Prediction runs in place: s[i] holds the residual until the prediction is added to it.

    private static void fixedPredict(int[] s, int n, int order) {
        switch (order) {
            case 1 -> {
                for (int i = 1; i < n; i++) {
                    s[i] += s[i - 1];
                }
            }
            case 2 -> {
                for (int i = 2; i < n; i++) {
                    s[i] += 2 * s[i - 1] - s[i - 2];
                }
            }
            case 3 -> {
                for (int i = 3; i < n; i++) {
                    s[i] += 3 * (s[i - 1] - s[i - 2]) + s[i - 3];
                }
            }
            case 4 -> {
                for (int i = 4; i < n; i++) {
                    s[i] += 4 * (s[i - 1] + s[i - 3]) - 6 * s[i - 2] - s[i - 4];
                }
            }
            default -> {
                // order 0: the residual is the signal
            }
        }
    }

    private void lpcPredict(int[] s, int n, int order, int shift) {
        int[] c = coefs;
        if (order > 12) {
            for (int i = order; i < n; i++) {
                long sum = 0;
                for (int j = 0; j < order; j++) {
                    sum += (long) c[j] * s[i - 1 - j];
                }
                s[i] += (int) (sum >> shift);
            }
            return;
        }
        // Encoders rarely go above order 12; unrolled with the coefficients in locals this loop is
        // several times faster than the general one, and it is where FLAC decoding spends its time.
        long c0 = c[0];
        long c1 = c[1];
        long c2 = c[2];
        long c3 = c[3];
        long c4 = c[4];
        long c5 = c[5];
        long c6 = c[6];
        long c7 = c[7];
        long c8 = c[8];
        long c9 = c[9];
        long c10 = c[10];
        long c11 = c[11];
        for (int i = order; i < n; i++) {
            long sum = 0;
            switch (order) {
                case 12:
                    sum += c11 * s[i - 12];
                    // fall through
                case 11:
                    sum += c10 * s[i - 11];
                    // fall through
                case 10:
                    sum += c9 * s[i - 10];
                    // fall through
                case 9:
                    sum += c8 * s[i - 9];
                    // fall through
                case 8:
                    sum += c7 * s[i - 8];
                    // fall through
                case 7:
                    sum += c6 * s[i - 7];
                    // fall through
                case 6:
                    sum += c5 * s[i - 6];
                    // fall through
                case 5:
                    sum += c4 * s[i - 5];
                    // fall through
                case 4:
                    sum += c3 * s[i - 4];
                    // fall through
                case 3:
                    sum += c2 * s[i - 3];
                    // fall through
                case 2:
                    sum += c1 * s[i - 2];
                    // fall through
                default:
                    sum += c0 * s[i - 1];
            }
            s[i] += (int) (sum >> shift);
        }
    }

    private void decorrelate(int assignment, int n) {
        if (assignment <= INDEPENDENT_MAX) {
            return;
        }
        int[] a = samples[0];
        int[] b = samples[1];
        switch (assignment) {
            case LEFT_SIDE -> {
                for (int i = 0; i < n; i++) {
                    b[i] = a[i] - b[i];
                }
            }
            case SIDE_RIGHT -> {
                for (int i = 0; i < n; i++) {
                    a[i] += b[i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    int side = b[i];
                    int mid = (a[i] << 1) | (side & 1);
                    a[i] = (mid + side) >> 1;
                    b[i] = (mid - side) >> 1;
                }
            }
        }
    }

    /** Feeds the frame to the MD5 as FLAC defines it: interleaved, little-endian, whole bytes per sample. */
    private void updateMd5() {
        int bytes = (bitsPerSample + 7) / 8;
        int size = blockLen * channels * bytes;
        if (md5Bytes.length < size) {
            md5Bytes = new byte[size];
        }
        byte[] m = md5Bytes;
        int p = 0;
        if (bytes == 2) {
            // The common case (16-bit) without a per-byte loop.
            for (int i = 0; i < blockLen; i++) {
                for (int c = 0; c < channels; c++, p += 2) {
                    SHORT_LE.set(m, p, (short) samples[c][i]);
                }
            }
        } else {
            for (int i = 0; i < blockLen; i++) {
                for (int c = 0; c < channels; c++) {
                    int v = samples[c][i];
                    for (int k = 0; k < bytes; k++) {
                        m[p++] = (byte) (v >>> (8 * k));
                    }
                }
            }
        }
        md5.update(m, 0, size);
    }

    private InputRejectedException corrupt(long offset, String what) {
        return reject(RejectReason.CORRUPT_AUDIO, source, "frame " + frameIndex + " (byte offset " + offset
                + ", sample " + samplesDecoded + "): " + what);
    }

    private static InputRejectedException reject(RejectReason reason, String source, String what) {
        return new InputRejectedException(reason, source + ": " + what);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no MD5", e);
        }
    }
}
