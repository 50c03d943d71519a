package org.emospark.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.SpeakingRate;
import org.emospark.frames.TurnSpan;
import org.emospark.frames.UtteranceTiming;
import org.emospark.lake.PcmChunk;
import org.emospark.lake.PcmCodec;
import org.emospark.model.ModelConfig;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.emospark.reject.UncheckedInputRejectedException;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.Test;

class LakeRecordingTest {
    /** 1 kHz, frames of 100 samples, 4-d word vectors. */
    private static final ModelConfig CONFIG = TinyLake.CONFIG;

    private static float[] ramp(int from, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (from + i) / 1000f;
        }
        return s;
    }

    /** A recording at 1 kHz said to have {@code numSamples}, with chunks of ramp samples {start, rate, n}. */
    private static LakeRecording withChunks(long numSamples, int[]... chunks) {
        LakeRecording r = recording(numSamples, List.of(), Map.of());
        for (int[] c : chunks) {
            r.addChunk(c[0], c[1], PcmCodec.encode(ramp(c[0], c[2]), 0, c[2]));
        }
        return r;
    }

    private static LakeRecording recording(long numSamples, List<TurnSpan> turns, Map<Integer, float[]> words) {
        return new LakeRecording("Rec_01", "unlabeled", "file:/corpus/Rec_01.wav", 1000, numSamples, turns, words);
    }

    /** 250 samples in two chunks of 150 and 100, of a recording said to have {@code numSamples}. */
    private static LakeRecording twoChunks(long numSamples, List<TurnSpan> turns, Map<Integer, float[]> words) {
        LakeRecording r = recording(numSamples, turns, words);
        r.addChunk(0, 1000, PcmCodec.encode(ramp(0, 150), 0, 150));
        r.addChunk(150, 1000, PcmCodec.encode(ramp(150, 100), 0, 100));
        return r;
    }

    private static InputRejectedException rejected(LakeRecording r, RejectReason reason) {
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> r.toExample(CONFIG));
        assertEquals(reason, e.reason(), e.detail());
        assertTrue(e.detail().contains("Rec_01"), e.detail());
        return e;
    }

    @Test
    void framesCoverAllTheAudioWithTheSubjectMaskAndWordVectorsOfTheLake() throws InputRejectedException {
        LakeRecording r = twoChunks(250, List.of(new TurnSpan(0.1, 0.1)), Map.of(1, new float[] {1, 2, 3, 4},
                7, new float[] {9, 9, 9, 9}));

        RecordingExample e = r.toExample(CONFIG);

        assertEquals("Rec_01", e.recordingId());
        assertEquals(3, e.numFrames(), "250 samples at 100 per frame: 3 frames, the last zero-padded");
        assertNull(e.labels());
        assertArrayEquals(new boolean[] {false, true, false}, e.subject());
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0}, e.semantic(), "frame 7 lies past the audio");
        float[] pcm = new float[260];
        e.pcm().read(0, pcm, 0, 260);
        assertArrayEquals(Arrays.copyOf(ramp(0, 250), 260), pcm, "both chunks in order, zeros after the end");
        assertTrue(r.hasTranscript());
        assertEquals("file:/corpus/Rec_01.wav", r.sourceUri());
    }

    @Test
    void theWordFramesRatesAndPausesAreTheExamplesUtteranceTiming() throws InputRejectedException {
        LakeRecording r = twoChunks(250, null, Map.of(0, new float[] {1, 2, 3, 4}, 1, new float[] {5, 6, 7, 8}))
                .speakingRates(Map.of(0, 24f, 1, 12f)).pauses(Map.of(0, 0.5f));

        UtteranceTiming t = r.toExample(CONFIG).timing();

        assertArrayEquals(new float[] {24, 12, Float.NaN}, t.charsPerSecond());
        assertArrayEquals(new float[] {0.5f, Float.NaN, Float.NaN}, t.pauseSeconds());
        assertTrue(t.timed(0));
        assertFalse(t.timed(1), "frame 1 has no pause, frame 2 no word");
    }

    @Test
    void aModelReadingTheSpeakingRateGetsItAfterEachWordVector() throws InputRejectedException {
        LakeRecording r = twoChunks(250, null, Map.of(0, new float[] {1, 2, 3, 4}, 1, new float[] {5, 6, 7, 8}))
                .speakingRates(Map.of(0, 24f));

        RecordingExample e = r.toExample(CONFIG.toBuilder().speakingRate(true).build());

        assertEquals(5, e.semanticDims());
        float twice = SpeakingRate.input(24f);
        assertEquals((float) (Math.log(2) / SpeakingRate.TYPICAL_SPREAD), twice, 1e-5f);
        assertArrayEquals(new float[] {1, 2, 3, 4, twice, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0}, e.semantic(),
                "frame 1 has no rate (the reference, 0), frame 2 no word");
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0}, r.toExample(CONFIG).semantic(),
                "a model without the rate gets the word vectors alone");
    }

    @Test
    void withoutTurnsEveryFrameIsTheSubjectsAndWithoutWordsEveryVectorIsZero() throws InputRejectedException {
        LakeRecording r = twoChunks(250, null, Map.of());

        RecordingExample e = r.toExample(CONFIG);

        assertArrayEquals(new boolean[] {true, true, true}, e.subject());
        assertArrayEquals(new float[12], e.semantic());
        assertFalse(r.hasTranscript());
    }

    @Test
    void aRecordingWithoutChunksIsRejected() {
        rejected(recording(250, List.of(), Map.of()), RejectReason.NO_AUDIO_CHUNKS);
    }

    @Test
    void chunksWithAGapOrAnOverlapAreRejectedNamingTheChunk() {
        LakeRecording gap = withChunks(250, new int[] {0, 1000, 150}, new int[] {160, 1000, 90});
        assertTrue(rejected(gap, RejectReason.BROKEN_AUDIO_CHUNKS).detail().contains("Chunk 1 starts at sample 160"));
        rejected(withChunks(250, new int[] {0, 1000, 150}, new int[] {100, 1000, 150}), RejectReason.BROKEN_AUDIO_CHUNKS);
    }

    @Test
    void chunksHoldingFewerSamplesThanTheRecordingAreRejected() {
        InputRejectedException e = rejected(twoChunks(400, List.of(), Map.of()), RejectReason.BROKEN_AUDIO_CHUNKS);
        assertTrue(e.detail().contains("400") && e.detail().contains("250"), e.detail());
    }

    @Test
    void audioAtAnotherRateThanTheModelsIsRejectedNamingBothRates() {
        LakeRecording r = new LakeRecording("Rec_01", "Test", "file:/x.wav", 16000, 250, List.of(), Map.of());
        r.addChunk(0, 16000, PcmCodec.encode(ramp(0, 250), 0, 250));
        InputRejectedException e = rejected(r, RejectReason.SAMPLE_RATE_MISMATCH);
        assertTrue(e.detail().contains("16000 Hz") && e.detail().contains("1000 Hz"), e.detail());
        rejected(withChunks(250, new int[] {0, 1000, 150}, new int[] {150, 8000, 100}), RejectReason.SAMPLE_RATE_MISMATCH);
    }

    @Test
    void wordVectorsOfAnotherSizeAreRejected() {
        InputRejectedException e = rejected(twoChunks(250, List.of(), Map.of(0, new float[] {1, 2, 3})),
                RejectReason.BAD_SEMANTIC_FRAMES);
        assertTrue(e.detail().contains("3-d") && e.detail().contains("4-d"), e.detail());
    }

    @Test
    void aRecordingWithoutSamplesIsRejectedAsEmpty() {
        rejected(withChunks(0, new int[] {0, 1000, 0}), RejectReason.EMPTY_AUDIO);
    }

    @Test
    void knownLabelRowsExtendTheFramesPastTheAudioButNeverShortenThem() throws InputRejectedException {
        // 250 samples: 3 frames of 100 samples, the last one half padding.
        LakeRecording labelledLonger = new LakeRecording("Rec_01", "Train", "file:/corpus/Rec_01.wav", 1000, 250,
                List.of(), Map.of(), 5);
        labelledLonger.addChunk(0, 1000, PcmCodec.encode(ramp(0, 250), 0, 250));
        RecordingExample longer = labelledLonger.toExample(CONFIG);
        assertEquals(5, longer.numFrames());
        float[] frame4 = new float[100];
        longer.pcm().read(400, frame4, 0, 100);
        assertArrayEquals(new float[100], frame4, 0f, "past the audio: zeros");

        LakeRecording labelledShorter = new LakeRecording("Rec_01", "Train", "file:/corpus/Rec_01.wav", 1000, 250,
                List.of(), Map.of(), 2);
        labelledShorter.addChunk(0, 1000, PcmCodec.encode(ramp(0, 250), 0, 250));
        assertEquals(3, labelledShorter.toExample(CONFIG).numFrames());
    }

    @Test
    void streamedChunksFrameAsChunksGivenOneByOneAndFaultsSurfaceAsTheyAreRead() throws InputRejectedException {
        LakeRecording given = twoChunks(250, List.of(), Map.of());
        LakeRecording streamed = recording(250, List.of(), Map.of());
        streamed.streamChunks(List.of(new PcmChunk(0, 1000, PcmCodec.encode(ramp(0, 150), 0, 150)),
                new PcmChunk(150, 1000, PcmCodec.encode(ramp(150, 100), 0, 100))).iterator());
        RecordingExample a = given.toExample(CONFIG);
        RecordingExample b = streamed.toExample(CONFIG);
        assertEquals(a.numFrames(), b.numFrames());
        for (int f = 0; f < a.numFrames(); f++) {
            float[] x = new float[100];
            float[] y = new float[100];
            a.pcm().read(f * 100L, x, 0, 100);
            b.pcm().read(f * 100L, y, 0, 100);
            assertArrayEquals(x, y, 0f, "frame " + f);
        }
        streamed.checkAllAudioRead();

        LakeRecording none = recording(250, List.of(), Map.of());
        none.streamChunks(List.<PcmChunk>of().iterator());
        rejected(none, RejectReason.NO_AUDIO_CHUNKS);

        LakeRecording gap = recording(250, List.of(), Map.of());
        gap.streamChunks(List.of(new PcmChunk(0, 1000, PcmCodec.encode(ramp(0, 150), 0, 150)),
                new PcmChunk(160, 1000, PcmCodec.encode(ramp(160, 90), 0, 90))).iterator());
        RecordingExample broken = gap.toExample(CONFIG);
        UncheckedInputRejectedException e = assertThrows(UncheckedInputRejectedException.class,
                () -> broken.pcm().read(100, new float[100], 0, 100));
        assertEquals(RejectReason.BROKEN_AUDIO_CHUNKS, e.getCause().reason());
        assertThrows(IllegalStateException.class, () -> gap.addChunk(0, 1000, new byte[4]));
    }
}
