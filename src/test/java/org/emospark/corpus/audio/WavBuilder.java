package org.emospark.corpus.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, including the malformed ones real files sometimes are. */
final class WavBuilder {
    private int formatTag = 1;
    private int channels = 1;
    private int sampleRate = 16000;
    private int bits = 16;
    private Integer blockAlign;
    private Integer extensibleSubFormat;
    private int validBits;
    private Long dataSizeOverride;
    private boolean rf64;
    private boolean fmtChunk = true;
    private boolean dataChunk = true;
    private boolean dataBeforeFmt;
    private final ByteArrayOutputStream chunksBeforeData = new ByteArrayOutputStream();
    private byte[] data = new byte[0];

    WavBuilder format(int tag, int channels, int rate, int bits) {
        this.formatTag = tag;
        this.channels = channels;
        this.sampleRate = rate;
        this.bits = bits;
        return this;
    }

    WavBuilder extensible(int subFormat, int validBits) {
        this.extensibleSubFormat = subFormat;
        this.validBits = validBits;
        return this;
    }

    WavBuilder blockAlign(int align) {
        this.blockAlign = align;
        return this;
    }

    WavBuilder dataSize(long declared) {
        this.dataSizeOverride = declared;
        return this;
    }

    WavBuilder rf64() {
        this.rf64 = true;
        return this;
    }

    WavBuilder withoutFmt() {
        this.fmtChunk = false;
        return this;
    }

    WavBuilder withoutData() {
        this.dataChunk = false;
        return this;
    }

    WavBuilder dataBeforeFmt() {
        this.dataBeforeFmt = true;
        return this;
    }

    /** Adds a chunk before 'data', with its pad byte when the size is odd. */
    WavBuilder chunk(String id, byte[] body) {
        writeChunk(chunksBeforeData, id, body.length, body);
        return this;
    }

    WavBuilder data(byte[] bytes) {
        this.data = bytes;
        return this;
    }

    WavBuilder pcm16(int... interleaved) {
        ByteBuffer b = le(interleaved.length * 2);
        for (int v : interleaved) {
            b.putShort((short) v);
        }
        return data(b.array());
    }

    WavBuilder pcm24(int... interleaved) {
        byte[] d = new byte[interleaved.length * 3];
        for (int i = 0; i < interleaved.length; i++) {
            d[3 * i] = (byte) interleaved[i];
            d[3 * i + 1] = (byte) (interleaved[i] >> 8);
            d[3 * i + 2] = (byte) (interleaved[i] >> 16);
        }
        return data(d);
    }

    WavBuilder pcm32(int... interleaved) {
        ByteBuffer b = le(interleaved.length * 4);
        for (int v : interleaved) {
            b.putInt(v);
        }
        return data(b.array());
    }

    WavBuilder float32(float... interleaved) {
        ByteBuffer b = le(interleaved.length * 4);
        for (float v : interleaved) {
            b.putFloat(v);
        }
        return data(b.array());
    }

    WavBuilder float64(double... interleaved) {
        ByteBuffer b = le(interleaved.length * 8);
        for (double v : interleaved) {
            b.putDouble(v);
        }
        return data(b.array());
    }

    byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        if (rf64) {
            ByteBuffer ds64 = le(28);
            ds64.putLong(0).putLong(data.length).putLong(0).putInt(0);
            writeChunk(body, "ds64", 28, ds64.array());
        }
        byte[] fmt = fmt();
        if (fmtChunk && !dataBeforeFmt) {
            writeChunk(body, "fmt ", fmt.length, fmt);
        }
        body.writeBytes(chunksBeforeData.toByteArray());
        if (dataChunk) {
            long size = dataSizeOverride != null ? dataSizeOverride : (rf64 ? 0xFFFFFFFFL : data.length);
            writeChunk(body, "data", size, data);
        }
        if (fmtChunk && dataBeforeFmt) {
            writeChunk(body, "fmt ", fmt.length, fmt);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((rf64 ? "RF64" : "RIFF").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4).putInt(rf64 ? -1 : body.size()).array());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private byte[] fmt() {
        int bytes = (bits + 7) / 8;
        int align = blockAlign != null ? blockAlign : channels * bytes;
        boolean ext = extensibleSubFormat != null;
        ByteBuffer f = le(ext ? 40 : 16);
        f.putShort((short) (ext ? 0xFFFE : formatTag)).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * align).putShort((short) align).putShort((short) bits);
        if (ext) {
            f.putShort((short) 22).putShort((short) validBits).putInt(0)
                    .putShort((short) (int) extensibleSubFormat)
                    .put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
                            0x38, (byte) 0x9B, 0x71});
        }
        return f.array();
    }

    private static void writeChunk(ByteArrayOutputStream out, String id, long declaredSize, byte[] body) {
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(4).putInt((int) declaredSize).array());
        out.writeBytes(body);
        if ((body.length & 1) == 1) {
            out.write(0);
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
