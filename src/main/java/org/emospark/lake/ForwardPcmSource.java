package org.emospark.lake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.emospark.reject.UncheckedInputRejectedException;

/**
 * A {@link PcmSource} over a recording's chunks as they stream in, in {@code chunk_index} order, for readers that
 * only go forward (scoring and CNN features read window after window, frame after frame). It pulls a chunk when a
 * read first reaches it and lets it go once reads start past its end, so it holds the chunks under one read
 * (one or two), whatever the recording's length: an hour of audio costs no more memory than a minute. A look-behind
 * lets a read start up to that many samples before the latest read's start (overlapping windows, each read frame by
 * frame, step back by half a window); the chunks it spans are kept too.
 *
 * <p>The chunks are checked as they arrive, as {@link ChunkedPcmSource} checks them all at once: contiguous from
 * sample 0, at the recording's rate, whole float32 samples. A fault becomes an {@link UncheckedInputRejectedException}
 * (reason {@code broken_audio_chunks} or {@code sample_rate_mismatch}) from the read that meets it, and
 * {@link #checkFullyRead} after the last read tells whether the chunks held exactly {@link #length()} samples.
 */
public final class ForwardPcmSource implements PcmSource {
    private final String recordingId;
    private final long length;
    private final int sampleRate;
    private final Iterator<PcmChunk> chunks;
    private final ArrayDeque<FloatBuffer> held = new ArrayDeque<>();
    /** First sample of the first held chunk. */
    private long heldStart;
    /** The sample after the last chunk pulled so far. */
    private long pulledEnd;
    private int pulled;
    private long lastReadStart;
    private final long lookBehind;

    /**
     * @param length the recording's samples, as its {@code recordings} row says
     * @param sampleRate the recording's rate, which every chunk must have
     */
    public ForwardPcmSource(String recordingId, long length, int sampleRate, Iterator<PcmChunk> chunks) {
        this(recordingId, length, sampleRate, chunks, 0);
    }

    /** As above, reads allowed to start up to {@code lookBehind} samples before the latest read's start. */
    public ForwardPcmSource(String recordingId, long length, int sampleRate, Iterator<PcmChunk> chunks, long lookBehind) {
        this.recordingId = Objects.requireNonNull(recordingId, "recordingId");
        this.length = length;
        this.sampleRate = sampleRate;
        this.chunks = Objects.requireNonNull(chunks, "chunks");
        if (lookBehind < 0) {
            throw new IllegalArgumentException("Look-behind must be at least 0 samples, cannot be: " + lookBehind);
        }
        this.lookBehind = lookBehind;
    }

    @Override
    public long length() {
        return length;
    }

    /** Chunks held now, for tests of the memory bound. */
    int heldChunks() {
        return held.size();
    }

    @Override
    public void read(long startSample, float[] dst, int off, int len) {
        ArrayPcmSource.checkRead(startSample, dst, off, len);
        if (startSample < lastReadStart - lookBehind) {
            throw new IllegalStateException("Recording " + recordingId + " is read forward only: a read from sample "
                    + startSample + " after one from sample " + lastReadStart
                    + (lookBehind > 0 ? " (look-behind " + lookBehind + " samples)" : ""));
        }
        lastReadStart = Math.max(lastReadStart, startSample);
        long end = Math.min(startSample + len, length);
        while (pulledEnd < end) {
            pull(end);
        }
        dropBefore(lastReadStart - lookBehind);
        int done = 0;
        long chunkStart = heldStart;
        for (FloatBuffer chunk : held) {
            long pos = startSample + done;
            if (pos >= end) {
                break;
            }
            long chunkEnd = chunkStart + chunk.capacity();
            if (pos < chunkEnd) {
                int n = (int) (Math.min(end, chunkEnd) - pos);
                chunk.get((int) (pos - chunkStart), dst, off + done, n);
                done += n;
            }
            chunkStart = chunkEnd;
        }
        Arrays.fill(dst, off + done, off + len, 0f);
    }

    /**
     * Throws unless the chunks held exactly {@link #length()} samples; call it once the last read is done. Chunks
     * no read reached are pulled (and checked) here.
     */
    public void checkFullyRead() {
        while (pulledEnd < length) {
            pull(length);
        }
        while (chunks.hasNext()) {
            PcmChunk extra = chunks.next();
            if (extra.pcm().length > 0) {
                throw broken("its audio chunks hold more than its " + length + " samples: chunk " + pulled
                        + " starts at sample " + extra.startSample());
            }
            pulled++;
        }
        held.clear();
    }

    private void pull(long needed) {
        if (!chunks.hasNext()) {
            throw broken("it has " + length + " samples but its audio chunks hold " + pulledEnd
                    + " (a read needed sample " + (needed - 1) + ")");
        }
        PcmChunk chunk = chunks.next();
        if (chunk.sampleRate() != sampleRate) {
            throw new UncheckedInputRejectedException(new InputRejectedException(RejectReason.SAMPLE_RATE_MISMATCH,
                    "chunk " + pulled + " of recording " + recordingId + " is at " + chunk.sampleRate()
                            + " Hz, the recording at " + sampleRate + " Hz"));
        }
        if (chunk.pcm().length % Float.BYTES != 0) {
            throw broken("chunk " + pulled + " has " + chunk.pcm().length
                    + " bytes of pcm, not a multiple of 4 (float32 little-endian expected)");
        }
        if (chunk.startSample() != pulledEnd) {
            throw broken("Chunk " + pulled + " starts at sample " + chunk.startSample() + " but the chunks before it "
                    + "end at sample " + pulledEnd + " (missing, duplicate or unordered chunk)");
        }
        if (held.isEmpty()) {
            heldStart = pulledEnd;
        }
        FloatBuffer samples = ByteBuffer.wrap(chunk.pcm()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        held.addLast(samples);
        pulledEnd += samples.capacity();
        pulled++;
    }

    /** Lets go of the chunks that end at or before {@code sample}: no later read can reach them. */
    private void dropBefore(long sample) {
        while (!held.isEmpty() && heldStart + held.peekFirst().capacity() <= sample) {
            heldStart += held.removeFirst().capacity();
        }
    }

    private UncheckedInputRejectedException broken(String what) {
        return new UncheckedInputRejectedException(new InputRejectedException(RejectReason.BROKEN_AUDIO_CHUNKS,
                "recording " + recordingId + ": " + what));
    }
}
