package org.emospark.lake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link PcmSource} over the {@code pcm} chunks of one recording in {@code audio_chunks} (float32
 * little-endian mono, see {@link PcmCodec}), in {@code chunk_index} order. Reads copy straight from the
 * chunk bytes across chunk boundaries; nothing is decoded up front, so a window costs only its own
 * samples. Chunks may differ in size (typically only the last is shorter). Finding the first chunk of a
 * read is a binary search over the chunk start samples.
 */
public final class ChunkedPcmSource implements PcmSource {
    private final FloatBuffer[] chunks;
    /** starts[k] is the first sample of chunk k; starts[chunks.length] is the total length. */
    private final long[] starts;

    /** Chunks in order, contiguous from sample 0. */
    public ChunkedPcmSource(List<byte[]> pcmChunks) {
        this(pcmChunks, null);
    }

    /**
     * Chunks in order with their {@code start_sample} column, checked to be contiguous from sample 0
     * (no gap, no overlap), so a missing or duplicated chunk fails here rather than shifting the audio.
     *
     * @param startSamples the start sample of each chunk, or {@code null} to trust the order
     */
    public ChunkedPcmSource(List<byte[]> pcmChunks, long[] startSamples) {
        Objects.requireNonNull(pcmChunks, "pcmChunks");
        if (startSamples != null && startSamples.length != pcmChunks.size()) {
            throw new IllegalArgumentException("Expected one start sample per chunk: " + pcmChunks.size()
                    + " chunks, " + startSamples.length + " start samples");
        }
        chunks = new FloatBuffer[pcmChunks.size()];
        starts = new long[pcmChunks.size() + 1];
        for (int k = 0; k < chunks.length; k++) {
            byte[] pcm = Objects.requireNonNull(pcmChunks.get(k), "pcm chunk " + k);
            if (pcm.length % Float.BYTES != 0) {
                throw new IllegalArgumentException("Chunk " + k + ": pcm length " + pcm.length
                        + " is not a multiple of 4 bytes (float32 little-endian expected)");
            }
            if (startSamples != null && startSamples[k] != starts[k]) {
                throw new IllegalArgumentException("Chunk " + k + " starts at sample " + startSamples[k]
                        + " but the chunks before it end at sample " + starts[k] + " (missing, duplicate or unordered chunk)");
            }
            chunks[k] = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            starts[k + 1] = starts[k] + pcm.length / Float.BYTES;
        }
    }

    @Override
    public long length() {
        return starts[chunks.length];
    }

    @Override
    public void read(long startSample, float[] dst, int off, int len) {
        ArrayPcmSource.checkRead(startSample, dst, off, len);
        int done = 0;
        long pos = startSample;
        if (pos < length()) {
            int k = Arrays.binarySearch(starts, 0, chunks.length, pos);
            if (k < 0) {
                k = -k - 2; // the chunk whose start is the greatest start below pos
            }
            // Walk forward across chunk boundaries; empty chunks contribute nothing.
            while (done < len && k < chunks.length) {
                int inChunk = (int) (pos - starts[k]);
                int n = (int) Math.min(len - done, starts[k + 1] - pos);
                if (n > 0) {
                    chunks[k].get(inChunk, dst, off + done, n);
                    done += n;
                    pos += n;
                }
                k++;
            }
        }
        Arrays.fill(dst, off + done, off + len, 0f);
    }
}
