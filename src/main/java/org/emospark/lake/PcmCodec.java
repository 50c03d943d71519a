package org.emospark.lake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * How the lake stores float vectors: in binary columns as float32 little-endian, in {@code array<float>} columns as
 * Spark hands them over. {@code audio_chunks.pcm} (mono samples)
 * and {@code paralinguistic_frames.vector} (a frame's CNN output) use it.
 */
public final class PcmCodec {
    private PcmCodec() {
    }

    public static byte[] encode(float[] samples, int offset, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(samples, offset, length);
        return buf.array();
    }

    public static float[] decode(byte[] pcm) {
        float[] out = new float[checkedLength(pcm)];
        decodeInto(pcm, out, 0);
        return out;
    }

    /** Decodes all of {@code pcm} into {@code dst} from {@code offset}. */
    public static void decodeInto(byte[] pcm, float[] dst, int offset) {
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, offset, checkedLength(pcm));
    }

    /** A Spark {@code array<float>} value (as a Java list) as a float array. */
    public static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static int checkedLength(byte[] pcm) {
        if (pcm.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("pcm length " + pcm.length + " is not a multiple of 4 bytes");
        }
        return pcm.length / Float.BYTES;
    }
}
