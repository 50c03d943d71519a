package org.emospark.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.emospark.reject.UncheckedInputRejectedException;
import org.junit.jupiter.api.Test;

class ForwardPcmSourceTest {
    private static final int RATE = 1000;

    private static float[] noise(int n) {
        SplittableRandom r = new SplittableRandom(7);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** Chunks of {@code pcm} of the given sizes, in order, with their start samples. */
    private static List<PcmChunk> chunks(float[] pcm, int... sizes) {
        List<PcmChunk> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(new PcmChunk(at, RATE, PcmCodec.encode(pcm, at, s)));
            at += s;
        }
        return out;
    }

    /** Counts the chunks the source has pulled. */
    private static final class Counting implements Iterator<PcmChunk> {
        private final Iterator<PcmChunk> chunks;
        int pulled;

        Counting(List<PcmChunk> chunks) {
            this.chunks = chunks.iterator();
        }

        @Override
        public boolean hasNext() {
            return chunks.hasNext();
        }

        @Override
        public PcmChunk next() {
            pulled++;
            return chunks.next();
        }
    }

    private static InputRejectedException rejected(RejectReason reason, Runnable reads) {
        UncheckedInputRejectedException e = assertThrows(UncheckedInputRejectedException.class, reads::run);
        assertEquals(reason, e.getCause().reason(), e.getMessage());
        assertTrue(e.getMessage().contains("Rec_01"), e.getMessage());
        return e.getCause();
    }

    @Test
    void forwardReadsEqualTheWholeArrayAcrossChunkBoundariesAndPadPastTheEndWithZeros() {
        float[] pcm = noise(1000);
        ForwardPcmSource source = new ForwardPcmSource("Rec_01", 1000, RATE,
                chunks(pcm, 300, 0, 250, 1, 449).iterator());
        PcmSource whole = PcmSource.of(pcm);
        int[][] reads = {{0, 10}, {5, 400}, {299, 3}, {549, 2}, {550, 100}, {900, 300}, {1100, 50}};
        for (int[] r : reads) {
            float[] got = new float[r[1] + 4];
            float[] want = new float[r[1] + 4];
            source.read(r[0], got, 2, r[1]);
            whole.read(r[0], want, 2, r[1]);
            assertArrayEquals(want, got, "read of " + r[1] + " samples from " + r[0]);
        }
        source.checkFullyRead();
    }

    @Test
    void holdsOnlyTheChunksUnderTheCurrentReadAndPullsEachWhenFirstReached() {
        float[] pcm = noise(2000);
        int[] sizes = new int[100];
        Arrays.fill(sizes, 20);
        Counting stream = new Counting(chunks(pcm, sizes));
        ForwardPcmSource source = new ForwardPcmSource("Rec_01", 2000, RATE, stream);
        float[] frame = new float[30];
        for (int start = 0; start < 2000; start += 30) {
            source.read(start, frame, 0, 30);
            int end = Math.min(2000, start + 30);
            assertEquals((end + 19) / 20, stream.pulled, "chunks pulled once a read reaches sample " + (end - 1));
            assertTrue(source.heldChunks() <= 2, source.heldChunks() + " chunks held after a read from " + start);
        }
        source.checkFullyRead();
        assertEquals(0, source.heldChunks());
    }

    @Test
    void readingBackwardsIsRefused() {
        float[] pcm = noise(100);
        ForwardPcmSource source = new ForwardPcmSource("Rec_01", 100, RATE, chunks(pcm, 50, 50).iterator());
        source.read(60, new float[10], 0, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.read(10, new float[10], 0, 10));
        assertTrue(e.getMessage().contains("forward only"), e.getMessage());
    }

    @Test
    void aLookBehindServesOverlappingWindowsReadFrameByFrameAndStillBoundsTheChunksHeld() {
        // Windows of 100 samples every 50, each read in frames of 10: every window starts 40 samples before the
        // last frame read, within a look-behind of one window.
        float[] pcm = noise(2000);
        int[] sizes = new int[100];
        Arrays.fill(sizes, 20);
        Counting stream = new Counting(chunks(pcm, sizes));
        ForwardPcmSource source = new ForwardPcmSource("Rec_01", 2000, RATE, stream, 100);
        PcmSource whole = PcmSource.of(pcm);
        for (int window = 0; window + 100 <= 2000; window += 50) {
            for (int frame = window; frame < window + 100; frame += 10) {
                float[] got = new float[10];
                float[] want = new float[10];
                source.read(frame, got, 0, 10);
                whole.read(frame, want, 0, 10);
                assertArrayEquals(want, got, "frame from " + frame + " of the window from " + window);
                assertTrue(source.heldChunks() <= 7, source.heldChunks() + " chunks held at sample " + frame);
            }
        }
        source.checkFullyRead();
        ForwardPcmSource again = new ForwardPcmSource("Rec_01", 2000, RATE, chunks(pcm, sizes).iterator(), 100);
        again.read(500, new float[10], 0, 10);
        again.read(400, new float[10], 0, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> again.read(399, new float[10], 0, 10));
        assertTrue(e.getMessage().contains("look-behind 100 samples"), e.getMessage());
    }

    @Test
    void aGapOrOverlapIsABrokenRecordingNamingTheChunk() {
        float[] pcm = noise(250);
        List<PcmChunk> gap = List.of(new PcmChunk(0, RATE, PcmCodec.encode(pcm, 0, 150)),
                new PcmChunk(160, RATE, PcmCodec.encode(pcm, 160, 90)));
        ForwardPcmSource source = new ForwardPcmSource("Rec_01", 250, RATE, gap.iterator());
        source.read(0, new float[100], 0, 100);
        InputRejectedException e = rejected(RejectReason.BROKEN_AUDIO_CHUNKS, () -> source.read(100, new float[100], 0, 100));
        assertTrue(e.detail().contains("Chunk 1 starts at sample 160"), e.detail());
    }

    @Test
    void chunksAtAnotherRateAreASampleRateMismatch() {
        float[] pcm = noise(250);
        List<PcmChunk> mixed = List.of(new PcmChunk(0, RATE, PcmCodec.encode(pcm, 0, 150)),
                new PcmChunk(150, 8000, PcmCodec.encode(pcm, 150, 100)));
        ForwardPcmSource source = new ForwardPcmSource("Rec_01", 250, RATE, mixed.iterator());
        InputRejectedException e = rejected(RejectReason.SAMPLE_RATE_MISMATCH, () -> source.read(0, new float[250], 0, 250));
        assertTrue(e.detail().contains("8000 Hz") && e.detail().contains("1000 Hz"), e.detail());
    }

    @Test
    void pcmThatIsNotWholeFloatsIsBroken() {
        List<PcmChunk> ragged = List.of(new PcmChunk(0, RATE, new byte[7]));
        ForwardPcmSource source = new ForwardPcmSource("Rec_01", 2, RATE, ragged.iterator());
        rejected(RejectReason.BROKEN_AUDIO_CHUNKS, () -> source.read(0, new float[2], 0, 2));
    }

    @Test
    void chunksHoldingFewerOrMoreSamplesThanTheRecordingAreBroken() {
        float[] pcm = noise(400);
        ForwardPcmSource shorter = new ForwardPcmSource("Rec_01", 400, RATE, chunks(pcm, 150, 100).iterator());
        InputRejectedException e = rejected(RejectReason.BROKEN_AUDIO_CHUNKS, () -> shorter.read(200, new float[100], 0, 100));
        assertTrue(e.detail().contains("400") && e.detail().contains("250"), e.detail());

        ForwardPcmSource shortUnread = new ForwardPcmSource("Rec_01", 400, RATE, chunks(pcm, 150, 100).iterator());
        shortUnread.read(0, new float[100], 0, 100);
        rejected(RejectReason.BROKEN_AUDIO_CHUNKS, shortUnread::checkFullyRead);

        ForwardPcmSource longer = new ForwardPcmSource("Rec_01", 250, RATE, chunks(pcm, 150, 100, 150).iterator());
        longer.read(0, new float[300], 0, 300);
        e = rejected(RejectReason.BROKEN_AUDIO_CHUNKS, longer::checkFullyRead);
        assertTrue(e.detail().contains("more than its 250 samples"), e.detail());
    }
}
