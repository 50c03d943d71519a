package org.emospark.lake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** How audio_chunks.pcm stores samples: float32 little-endian, mono. */
public final class PcmCodec {
    private PcmCodec() {
    }

    public static byte[] encode(float[] samples, int offset, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(samples, offset, length);
        return buf.array();
    }

    public static float[] decode(byte[] pcm) {
        if (pcm.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("pcm length " + pcm.length + " is not a multiple of 4 bytes");
        }
        float[] out = new float[pcm.length / Float.BYTES];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
