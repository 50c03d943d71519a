package org.emospark.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emospark.frames.FrameInputBuilder;
import org.emospark.frames.TimePrecision;
import org.emospark.frames.TurnSpan;
import org.junit.jupiter.api.Test;

class PcmSourceTest {

    private static float[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** Chunks of the given sizes, in order, encoded as audio_chunks.pcm. */
    private static List<byte[]> chunks(float[] pcm, int... sizes) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(PcmCodec.encode(pcm, at, s));
            at += s;
        }
        assertEquals(pcm.length, at);
        return out;
    }

    @Test
    void chunkBackedReadsEqualArrayBackedAcrossChunkBoundaries() {
        float[] pcm = noise(10_000, 1);
        PcmSource array = PcmSource.of(pcm);
        PcmSource chunked = new ChunkedPcmSource(chunks(pcm, 3000, 1, 0, 2999, 4000));
        assertEquals(10_000, chunked.length());
        SplittableRandom r = new SplittableRandom(2);
        for (int trial = 0; trial < 500; trial++) {
            long start = r.nextInt(10_500);
            int len = r.nextInt(7000);
            float[] a = new float[len + 3];
            float[] c = new float[len + 3];
            java.util.Arrays.fill(c, 9f);
            array.read(start, a, 3, len);
            chunked.read(start, c, 3, len);
            assertArrayEquals(java.util.Arrays.copyOfRange(a, 3, len + 3), java.util.Arrays.copyOfRange(c, 3, len + 3),
                    "read " + len + " from " + start);
        }
        // exact boundaries: a read ending at, starting at and straddling sample 3000 / 3001
        for (long start : new long[] {2990, 3000, 3001, 5999, 6000, 9999, 10_000}) {
            float[] a = new float[20];
            float[] c = new float[20];
            array.read(start, a, 0, 20);
            chunked.read(start, c, 0, 20);
            assertArrayEquals(a, c, "from " + start);
        }
    }

    @Test
    void readsPastTheEndAreZeros() {
        PcmSource s = PcmSource.of(new float[] {1, 2, 3});
        float[] dst = {9, 9, 9, 9, 9};
        s.read(1, dst, 0, 5);
        assertArrayEquals(new float[] {2, 3, 0, 0, 0}, dst);
        s.read(100, dst, 1, 2);
        assertArrayEquals(new float[] {2, 0, 0, 0, 0}, dst);
        PcmSource empty = new ChunkedPcmSource(List.of());
        float[] z = {5, 5};
        empty.read(0, z, 0, 2);
        assertArrayEquals(new float[2], z);
    }

    @Test
    void framesFromChunksEqualFramesFromTheArray() {
        FrameInputBuilder b = new FrameInputBuilder(22050, 0.1, TimePrecision.FLOAT32);
        float[] pcm = noise(20 * 2205 - 1234, 3);
        boolean[] subject = b.subjectFrames(List.of(new TurnSpan(0.25, 0.35), new TurnSpan(1.2, 1.6)), 20);
        float[] viaChunks = new float[10 * 4410];
        b.fill(new ChunkedPcmSource(chunks(pcm, 5000, 5000, 5000, pcm.length - 15000)), subject, 10, 20, viaChunks, 0);
        float[] whole = b.build(pcm, 20, List.of(new TurnSpan(0.25, 0.35), new TurnSpan(1.2, 1.6)));
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 10 * 4410, 20 * 4410), viaChunks);
    }

    @Test
    void startSamplesMustBeContiguous() {
        float[] pcm = noise(30, 4);
        List<byte[]> c = chunks(pcm, 10, 10, 10);
        assertEquals(30, new ChunkedPcmSource(c, new long[] {0, 10, 20}).length());
        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class,
                () -> new ChunkedPcmSource(c, new long[] {0, 10, 21}));
        assertEquals("Chunk 2 starts at sample 21 but the chunks before it end at sample 20"
                + " (missing, duplicate or unordered chunk)", gap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChunkedPcmSource(List.of(new byte[5])));
        assertThrows(IllegalArgumentException.class, () -> PcmSource.of(pcm).read(-1, new float[1], 0, 1));
    }
}
