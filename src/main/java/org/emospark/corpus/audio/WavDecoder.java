package org.emospark.corpus.audio;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;

/**
 * Streams a RIFF/WAVE (or RF64) file as mono floats: integer PCM of 8 (unsigned), 16, 24 and 32 bits,
 * IEEE float of 32 and 64 bits, plain or as WAVE_FORMAT_EXTENSIBLE, any channel count (averaged).
 * Chunks other than {@code fmt }, {@code ds64} and {@code data} are skipped; nothing after the data
 * chunk is read.
 *
 * <p>A data size of 0 or 0xFFFFFFFF, as streaming writers leave it, means "read to the end of the
 * file" (a chunk after such a data chunk would be read as samples; streaming writers write none).
 * Otherwise a file that ends early is refused as TRUNCATED_AUDIO, on the read that finds out.
 */
public final class WavDecoder implements MonoAudioStream {
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BUFFER_BYTES = 1 << 16;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT differ only in their first two bytes, the format code. */
    private static final byte[] SUBFORMAT_GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
            (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private enum Coding {
        U8("pcm_u8"), S16("pcm_s16le"), S24("pcm_s24le"), S32("pcm_s32le"), F32("pcm_f32le"), F64("pcm_f64le");

        final String name;

        Coding(String name) {
            this.name = name;
        }
    }

    /** The parts of the fmt chunk that decoding needs. */
    private record Format(Coding coding, int channels, int sampleRate, int blockAlign, int validBits) {
    }

    private final InputStream in;
    private final String source;
    private final AudioDescription description;
    private final Coding coding;
    private final int channels;
    private final int blockAlign;
    private final long declaredFrames;
    private final byte[] raw;
    private int rawPos;
    private int rawLen;
    private long bytesLeft;
    private long framesDelivered;
    private boolean ended;

    private WavDecoder(InputStream in, String source, Format format, long dataBytes) {
        this.in = in;
        this.source = source;
        this.coding = format.coding();
        this.channels = format.channels();
        this.blockAlign = format.blockAlign();
        this.declaredFrames = dataBytes < 0 ? -1 : dataBytes / blockAlign;
        this.bytesLeft = dataBytes < 0 ? Long.MAX_VALUE : dataBytes;
        this.raw = new byte[Math.max(1, BUFFER_BYTES / blockAlign) * blockAlign];
        this.description = new AudioDescription("wav", coding.name, format.sampleRate(), channels,
                format.validBits(), declaredFrames);
    }

    /**
     * Reads the header of a WAV file from {@code in} (positioned at its first byte) and returns a
     * stream positioned at the first sample. Refuses a file without samples as EMPTY_AUDIO here
     * rather than on the first read.
     */
    public static WavDecoder open(InputStream in, String source) throws IOException {
        byte[] h = new byte[12];
        int n = StreamBytes.readUpTo(in, h, 0, h.length);
        if (n < h.length) {
            throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: the file ends after " + n
                    + " bytes, inside its 12-byte RIFF header");
        }
        String riff = ascii(h, 0);
        boolean rf64 = riff.equals("RF64");
        if (!(riff.equals("RIFF") || rf64) || !ascii(h, 8).equals("WAVE")) {
            throw reject(RejectReason.NOT_AUDIO, source, "not a WAV file: expected 'RIFF....WAVE', found bytes "
                    + HexFormat.ofDelimiter(" ").formatHex(h));
        }
        long offset = h.length;
        Format format = null;
        long ds64DataBytes = -1;
        byte[] chunk = new byte[8];
        while (true) {
            n = StreamBytes.readUpTo(in, chunk, 0, chunk.length);
            if (n == 0) {
                throw reject(RejectReason.CORRUPT_AUDIO, source, "no " + (format == null ? "'fmt '" : "'data'")
                        + " chunk: the file ends after " + offset + " bytes without one");
            }
            if (n < chunk.length) {
                throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: the file ends inside the chunk header at byte offset "
                        + offset);
            }
            if (!isChunkId(chunk)) {
                throw reject(RejectReason.CORRUPT_AUDIO, source, "expected a chunk id (4 ASCII characters) at byte offset "
                        + offset + ", found bytes " + HexFormat.ofDelimiter(" ").formatHex(chunk, 0, 4));
            }
            String id = ascii(chunk, 0);
            long size = u32(chunk, 4);
            if (id.equals("data")) {
                if (format == null) {
                    throw reject(RejectReason.CORRUPT_AUDIO, source, "the 'data' chunk at byte offset " + offset
                            + " comes before any 'fmt ' chunk, so the sample format is unknown");
                }
                long dataBytes;
                if (rf64 && size == UNKNOWN_SIZE) {
                    if (ds64DataBytes < 0) {
                        throw reject(RejectReason.CORRUPT_AUDIO, source,
                                "RF64 file whose 'data' chunk size defers to a 'ds64' chunk, but there is none before it");
                    }
                    dataBytes = ds64DataBytes;
                } else if (size == UNKNOWN_SIZE || size == 0) {
                    dataBytes = -1;
                } else {
                    dataBytes = size;
                }
                WavDecoder d = new WavDecoder(in, source, format, dataBytes);
                if (!d.fill()) {
                    throw reject(RejectReason.EMPTY_AUDIO, source, "the WAV 'data' chunk holds no samples");
                }
                return d;
            }
            long consumed = 0;
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw reject(RejectReason.CORRUPT_AUDIO, source, "the 'fmt ' chunk at byte offset " + offset
                            + " has " + size + " bytes, expected at least 16");
                }
                byte[] f = readChunkBody(in, (int) Math.min(size, 40), id, offset, size, source);
                consumed = f.length;
                format = parseFormat(f, size, source);
            } else if (id.equals("ds64") && rf64) {
                if (size < 28) {
                    throw reject(RejectReason.CORRUPT_AUDIO, source, "the 'ds64' chunk has " + size
                            + " bytes, expected at least 28");
                }
                byte[] d = readChunkBody(in, 28, id, offset, size, source);
                consumed = d.length;
                ds64DataBytes = u32(d, 8) | (u32(d, 12) << 32);
                if (ds64DataBytes < 0) {
                    throw reject(RejectReason.CORRUPT_AUDIO, source, "the 'ds64' chunk declares a negative data size");
                }
            }
            long rest = size - consumed + (size & 1);
            if (StreamBytes.skipUpTo(in, rest) < rest) {
                throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: the file ends inside the '"
                        + AudioDecoders.printable(id) + "' chunk at byte offset " + offset + ", which declares " + size + " bytes");
            }
            offset += 8 + size + (size & 1);
        }
    }

    private static byte[] readChunkBody(InputStream in, int n, String id, long offset, long size, String source)
            throws IOException {
        byte[] b = new byte[n];
        if (StreamBytes.readUpTo(in, b, 0, n) < n) {
            throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: the file ends inside the '" + id
                    + "' chunk at byte offset " + offset + ", which declares " + size + " bytes");
        }
        return b;
    }

    private static Format parseFormat(byte[] f, long size, String source) throws InputRejectedException {
        int tag = u16(f, 0);
        int channels = u16(f, 2);
        long rate = u32(f, 4);
        int blockAlign = u16(f, 12);
        int bits = u16(f, 14);
        int code = tag;
        int validBits = bits;
        if (tag == FORMAT_EXTENSIBLE) {
            if (size < 40) {
                throw reject(RejectReason.CORRUPT_AUDIO, source, "the WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk has " + size
                        + " bytes, expected 40");
            }
            if (!java.util.Arrays.equals(f, 26, 40, SUBFORMAT_GUID_TAIL, 0, SUBFORMAT_GUID_TAIL.length)) {
                throw reject(RejectReason.UNSUPPORTED_AUDIO, source, "WAVE_FORMAT_EXTENSIBLE sub-format GUID "
                        + HexFormat.of().formatHex(f, 24, 40) + " is not supported; expected PCM or IEEE float");
            }
            code = u16(f, 24);
            // Some writers leave wValidBitsPerSample at 0, meaning "all of the container".
            validBits = u16(f, 18) == 0 ? bits : u16(f, 18);
        }
        if (code != FORMAT_PCM && code != FORMAT_FLOAT) {
            throw reject(RejectReason.UNSUPPORTED_AUDIO, source, String.format(Locale.ROOT,
                    "WAV format code %d (0x%04X, %s)%s is not supported; expected PCM (1) or IEEE float (3), plain or as "
                            + "WAVE_FORMAT_EXTENSIBLE", code, code, formatName(code),
                    tag == FORMAT_EXTENSIBLE ? " inside WAVE_FORMAT_EXTENSIBLE" : ""));
        }
        if (channels == 0) {
            throw reject(RejectReason.CORRUPT_AUDIO, source, "the 'fmt ' chunk declares 0 channels");
        }
        if (rate == 0 || rate > Integer.MAX_VALUE) {
            throw reject(RejectReason.CORRUPT_AUDIO, source, "the 'fmt ' chunk declares a sample rate of " + rate + " Hz");
        }
        if (bits == 0) {
            throw reject(RejectReason.CORRUPT_AUDIO, source, "the 'fmt ' chunk declares 0 bits per sample");
        }
        Coding coding;
        if (code == FORMAT_PCM) {
            coding = switch ((bits + 7) / 8) {
                case 1 -> Coding.U8;
                case 2 -> Coding.S16;
                case 3 -> Coding.S24;
                case 4 -> Coding.S32;
                default -> throw reject(RejectReason.UNSUPPORTED_AUDIO, source, bits
                        + "-bit integer PCM is not supported; expected 8, 16, 24 or 32 bits");
            };
        } else {
            coding = switch (bits) {
                case 32 -> Coding.F32;
                case 64 -> Coding.F64;
                default -> throw reject(RejectReason.UNSUPPORTED_AUDIO, source, bits
                        + "-bit IEEE float is not supported; expected 32 or 64 bits");
            };
        }
        int bytesPerSample = (bits + 7) / 8;
        if (blockAlign != channels * bytesPerSample) {
            throw reject(RejectReason.CORRUPT_AUDIO, source, "block align " + blockAlign + " does not match "
                    + channels + " channel(s) of " + bytesPerSample + "-byte samples (expected " + channels * bytesPerSample + ")");
        }
        if (validBits > bits) {
            throw reject(RejectReason.CORRUPT_AUDIO, source, "valid bits per sample " + validBits
                    + " exceed the container's " + bits + " bits");
        }
        return new Format(coding, channels, (int) rate, blockAlign, validBits);
    }

    private static String formatName(int code) {
        return switch (code) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MPEG layer 3";
            case 0x0092 -> "Dolby AC-3";
            case 0x0000 -> "unknown";
            default -> "not a PCM or float code";
        };
    }

    @Override
    public int sampleRate() {
        return description.sampleRate();
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
        if (rawLen - rawPos < blockAlign && !fill()) {
            return -1;
        }
        int frames = Math.min(len, (rawLen - rawPos) / blockAlign);
        switch (coding) {
            case U8 -> u8(buf, off, frames);
            case S16 -> s16(buf, off, frames);
            case S24 -> s24(buf, off, frames);
            case S32 -> s32(buf, off, frames);
            case F32 -> f32(buf, off, frames);
            case F64 -> f64(buf, off, frames);
            default -> throw new IllegalStateException(coding.name());
        }
        rawPos += frames * blockAlign;
        framesDelivered += frames;
        return frames;
    }

    /** Refills the byte buffer, keeping a partial frame; false once no whole frame is left. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int keep = rawLen - rawPos;
        System.arraycopy(raw, rawPos, raw, 0, keep);
        rawPos = 0;
        rawLen = keep;
        boolean eof = false;
        while (rawLen < raw.length && bytesLeft > 0) {
            int r = in.read(raw, rawLen, (int) Math.min(raw.length - rawLen, bytesLeft));
            if (r < 0) {
                eof = true;
                break;
            }
            rawLen += r;
            bytesLeft -= r;
        }
        int frames = rawLen / blockAlign;
        if (eof && declaredFrames >= 0 && framesDelivered + frames < declaredFrames) {
            throw reject(RejectReason.TRUNCATED_AUDIO, source, "truncated: header declares " + declaredFrames
                    + " sample frames, stream ends after " + (framesDelivered + frames));
        }
        if (frames == 0) {
            ended = true;
        }
        return frames > 0;
    }

    // One loop per coding, so the per-sample work has no dispatch in it.

    private void u8(float[] out, int off, int frames) {
        byte[] b = raw;
        int p = rawPos;
        float scale = 1f / (128f * channels);
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += (b[p++] & 0xFF) - 128;
            }
            out[off + i] = sum * scale;
        }
    }

    private void s16(float[] out, int off, int frames) {
        byte[] b = raw;
        int p = rawPos;
        if (channels == 1) {
            for (int i = 0; i < frames; i++, p += 2) {
                out[off + i] = (short) SHORT_LE.get(b, p) * (1f / 32768f);
            }
            return;
        }
        float scale = 1f / (32768f * channels);
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++, p += 2) {
                sum += (short) SHORT_LE.get(b, p);
            }
            out[off + i] = sum * scale;
        }
    }

    private void s24(float[] out, int off, int frames) {
        byte[] b = raw;
        int p = rawPos;
        double scale = 1.0 / (8388608.0 * channels);
        for (int i = 0; i < frames; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++, p += 3) {
                sum += (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16);
            }
            out[off + i] = (float) (sum * scale);
        }
    }

    private void s32(float[] out, int off, int frames) {
        byte[] b = raw;
        int p = rawPos;
        double scale = 1.0 / (2147483648.0 * channels);
        for (int i = 0; i < frames; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++, p += 4) {
                sum += (int) INT_LE.get(b, p);
            }
            out[off + i] = (float) (sum * scale);
        }
    }

    // Float WAV may exceed full scale (mixes keep headroom that way); clip rather than refuse, but
    // NaN and infinity are damage, not headroom.

    private void f32(float[] out, int off, int frames) throws InputRejectedException {
        byte[] b = raw;
        int p = rawPos;
        float scale = 1f / channels;
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += 4) {
                sum += (float) FLOAT_LE.get(b, p);
            }
            out[off + i] = clip(sum * scale, i);
        }
    }

    private void f64(float[] out, int off, int frames) throws InputRejectedException {
        byte[] b = raw;
        int p = rawPos;
        double scale = 1.0 / channels;
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++, p += 8) {
                sum += (double) DOUBLE_LE.get(b, p);
            }
            out[off + i] = clip((float) (sum * scale), i);
        }
    }

    private float clip(float v, int frameInBlock) throws InputRejectedException {
        if (v >= -1f && v <= 1f) {
            return v;
        }
        if (Float.isNaN(v) || Double.isInfinite(v)) {
            throw reject(RejectReason.CORRUPT_AUDIO, source, "sample frame " + (framesDelivered + frameInBlock)
                    + " holds a non-finite float (" + v + ")");
        }
        return v > 0 ? 1f : -1f;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        in.close();
    }

    private static boolean isChunkId(byte[] b) {
        for (int i = 0; i < 4; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | ((b[off + 1] & 0xFFL) << 8) | ((b[off + 2] & 0xFFL) << 16) | ((b[off + 3] & 0xFFL) << 24);
    }

    private static InputRejectedException reject(RejectReason reason, String source, String what) {
        return new InputRejectedException(reason, source + ": " + what);
    }
}
