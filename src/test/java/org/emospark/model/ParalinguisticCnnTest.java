package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emospark.corpus.audio.AudioDecoders;
import org.emospark.corpus.audio.AudioReading;
import org.emospark.corpus.audio.Resampling;
import org.emospark.corpus.text.TurnsFileParser;
import org.emospark.frames.FrameInputBuilder;
import org.emospark.frames.TurnSpan;
import org.emospark.frames.Window;
import org.emospark.lake.PcmSource;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;

class ParalinguisticCnnTest {

    /**
     * The tiny CNN's layers: 1 kHz, 2 ms frames (frameInput 4, turn halves of 2 samples); 2 filters k4 pool 2, then 4
     * filters k2 pool 4: P = 8, F = 4*4/8 = 2, so a frame holds half a pooled position (frames start mid-position).
     */
    private static final ModelConfig TINY = new ModelConfig(1000, 0.002, List.of(2, 4), List.of(4, 2), List.of(2, 4),
            0.0, 8, 4, 2, 100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH,
            ModelConfig.LossWeights.EQUAL, 3, 4);
    private static final float[] W1 = Blocks.ramp(2 * 1 * 4, -0.7f, 0.23f);
    private static final float[] B1 = {0.1f, -0.2f};
    private static final float[] W2 = Blocks.ramp(4 * 2 * 2, 0.9f, -0.13f);
    private static final float[] B2 = {0.05f, 0.0f, -0.05f, 0.3f};

    @Test
    void timeMajorReshapeRunsOverChannelsOfAPositionFirstAndMayStartMidPosition() {
        // conv[b, c, l] = 100 b + 10 c + l: C = 4 channels, L' = 3 positions, cut into T = 2 frames of F = 6.
        float[] values = new float[2 * 4 * 3];
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 4; c++) {
                for (int l = 0; l < 3; l++) {
                    values[(b * 4 + c) * 3 + l] = 100 * b + 10 * c + l;
                }
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray frames = ParalinguisticCnn.toFrames(manager.create(values, new Shape(2, 4, 3)), 2);
            assertEquals(new Shape(2, 2, 6), frames.getShape());
            // Frame 0: position 0 channels 0..3, then position 1 channels 0..1; frame 1 starts at position 1 channel 2.
            assertArrayEquals(new float[] {0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32,
                    100, 110, 120, 130, 101, 111, 121, 131, 102, 112, 122, 132}, frames.toFloatArray());
            assertThrows(IllegalArgumentException.class,
                    () -> ParalinguisticCnn.toFrames(manager.create(values, new Shape(2, 4, 3)), 5));
        }
    }

    @Test
    void tinyCnnMatchesPlainJavaConvolutionPoolingAndReshape() {
        ModelConfig config = TINY;
        assertEquals(2, config.paralinguisticFeatures());
        assertEquals(2, config.windowFrameMultiple());
        int frames = 4;
        int length = frames * config.frameInput();
        float[] audio = new float[2 * length];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) Math.sin(0.7 * i) * (i % 3 == 0 ? 2 : 1);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ParalinguisticCnn cnn = tinyCnn(manager, length);
            NDArray out = Blocks.infer(manager, cnn, manager.create(audio, new Shape(2, length)));
            assertEquals(new Shape(2, frames, 2), out.getShape());
            // The first layer a pool at a time (the smallest span) gives the same values.
            cnn.spanBytes(1);
            float[] inSpans = Blocks.infer(manager, cnn, manager.create(audio, new Shape(2, length))).toFloatArray();
            float[] got = out.toFloatArray();
            assertArrayEquals(got, inSpans, 1e-6f);
            assertTinyReference(audio, got, frames);
        }
    }

    private static ParalinguisticCnn tinyCnn(NDManager manager, int length) {
        ParalinguisticCnn cnn = new ParalinguisticCnn(TINY);
        Blocks.preset(cnn, "01conv1_01conv_weight", W1);
        Blocks.preset(cnn, "01conv1_01conv_bias", B1);
        Blocks.preset(cnn, "02conv2_01conv_weight", W2);
        Blocks.preset(cnn, "02conv2_01conv_bias", B2);
        Blocks.init(manager, cnn, new Shape(2, length));
        return cnn;
    }

    /** The tiny CNN's features of two windows against the plain convolution in doubles, to 1e-5. */
    private static void assertTinyReference(float[] audio, float[] got, int frames) {
        int length = audio.length / 2;
        for (int b = 0; b < 2; b++) {
            double[][] x = {ConvReference.doubles(java.util.Arrays.copyOfRange(audio, b * length, (b + 1) * length))};
            x = ConvReference.reluMaxPool(ConvReference.sameConv(x, ConvReference.weights(W1, 2, 1, 4),
                    ConvReference.doubles(B1)), 2);
            x = ConvReference.reluMaxPool(ConvReference.sameConv(x, ConvReference.weights(W2, 4, 2, 2),
                    ConvReference.doubles(B2)), 4);
            double[][] expected = ConvReference.timeMajor(x, frames);
            for (int t = 0; t < frames; t++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(expected[t][j], got[(b * frames + t) * 2 + j], 1e-5, "b=" + b + " t=" + t + " j=" + j);
                }
            }
        }
    }

    @Test
    void skippingSilenceGivesTheSameFeaturesAsTheReferenceOnSparseSound() {
        ModelConfig config = TINY;
        int frames = 100;
        int length = frames * config.frameInput();
        float[] audio = new float[2 * length];
        java.util.Random r = new java.util.Random(5);
        int[] soundingBlocks = {0, 37, 38, 120, 199, 200 + 60, 200 + 61, 200 + 150, 200 + 151, 200 + 152};
        for (int block : soundingBlocks) {
            for (int i = 2 * block; i < 2 * block + 2; i++) {
                audio[i] = (float) r.nextGaussian();
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ParalinguisticCnn cnn = tinyCnn(manager, length);
            boolean[] sounding = new boolean[2 * length / 2];
            for (int block : soundingBlocks) {
                sounding[block] = true;
            }
            ReceptiveField field = ReceptiveField.of(config.cnnKernels(), config.pools());
            assertTrue(SilenceSkipPlan.of(field, 2, 2, length, sounding).isPresent(), "this input is skipped");
            float[] skipping = Blocks.infer(manager, cnn.skipSilence(true), manager.create(audio, new Shape(2, length)))
                    .toFloatArray();
            float[] every = Blocks.infer(manager, cnn.skipSilence(false), manager.create(audio, new Shape(2, length)))
                    .toFloatArray();
            assertTrue(maxDiff(skipping, every) <= 1e-5, "max |skipping - every position| = " + maxDiff(skipping, every));
            assertTinyReference(audio, skipping, frames);
            audio[2 * 120 + 1] = Float.NaN;
            skipping = Blocks.infer(manager, cnn.skipSilence(true), manager.create(audio, new Shape(2, length)))
                    .toFloatArray();
            every = Blocks.infer(manager, cnn.skipSilence(false), manager.create(audio, new Shape(2, length)))
                    .toFloatArray();
            int spoiled = 0;
            for (int i = 0; i < every.length; i++) {
                assertEquals(Float.isNaN(every[i]), Float.isNaN(skipping[i]), "NaN at " + i);
                spoiled += Float.isNaN(every[i]) ? 1 : 0;
            }
            assertTrue(spoiled > 0 && spoiled < every.length / 10, "the NaN spoils its neighbourhood: " + spoiled);
        }
    }

    @Test
    void faithfulCnnTurnsTwentyFiveFramesIntoTwentyFiveVectorsOf4410() {
        ModelConfig config = ModelConfig.faithful();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParalinguisticCnn cnn = new ParalinguisticCnn(config);
            Shape in = new Shape(1, 25 * 4410);
            Blocks.init(manager, cnn, in);
            assertEquals(new Shape(1, 25, 4410), cnn.getOutputShapes(new Shape[] {in})[0]);
            NDArray out = Blocks.infer(manager, cnn, manager.randomNormal(in));
            assertEquals(new Shape(1, 25, 4410), out.getShape());
            assertEquals(450 + 37_625 + 187_750, SpeechEmotionNet.parameterCount(cnn));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Blocks.infer(manager, cnn, manager.zeros(new Shape(1, 30 * 4410))));
            assertEquals(true, e.getMessage().contains("multiple of 25"), e.getMessage());
        }
    }

    /**
     * The paper's CNN on a real recording of the sample corpus (resampled to 22.05 kHz, frames by its turns): the first
     * layer in cache-sized spans, and skipping silence, each give the whole computation's features to 1e-5, in three
     * windows: the recording's start, one across turn changes (both halves in use; where an interlocutor frame is
     * followed by a subject frame, the sound of two halves meets), and its zero-padded end; and skipping did skip (the
     * plan computes a fraction of the positions).
     */
    @Test
    void spansAndSkippingSilenceGiveTheWholeComputationsFeaturesOnARealRecording() throws Exception {
        assertSpansAndSkippingAreExact("sewa-synth", "Train_01", "Train_01.wav");
    }

    /**
     * The same on a recording of the harder corpus: 48 kHz stereo FLAC, a noise floor and mains hum under both
     * speakers, a new voice and an interlocutor who talks 41 % of the time, so that no half of a frame with a turn
     * in it is quiet, only the half the frame builder leaves empty.
     */
    @Test
    void spansAndSkippingSilenceGiveTheWholeComputationsFeaturesOnANoisyDyadicRecording() throws Exception {
        assertSpansAndSkippingAreExact("dyadic-synth", "Train_01", "Train_01.flac");
    }

    private static void assertSpansAndSkippingAreExact(String corpusName, String recording, String audioFile)
            throws Exception {
        ModelConfig config = ModelConfig.faithful();
        RealWindows real = realWindows(config, corpusName, recording, audioFile);
        Engine.getInstance().setRandomSeed(2021);
        try (NDManager manager = NDManager.newBaseManager()) {
            ParalinguisticCnn cnn = new ParalinguisticCnn(config);
            cnn.initialize(manager, DataType.FLOAT32, new Shape(real.windows(), real.length()));
            NDArray input = manager.create(real.audio(), new Shape(real.windows(), real.length()));
            float[] skipping = Blocks.infer(manager, cnn, input).toFloatArray();
            float[] spans = Blocks.infer(manager, cnn.skipSilence(false), input).toFloatArray();
            float[] whole = Blocks.infer(manager, cnn.spanBytes(Long.MAX_VALUE), input).toFloatArray();
            assertTrue(maxAbs(whole) > 0.01, "the features are not all zero: " + maxAbs(whole));
            assertTrue(maxDiff(spans, whole) <= 1e-5, "max |spans - whole| = " + maxDiff(spans, whole));
            assertTrue(maxDiff(skipping, whole) <= 1e-5, "max |skipping - whole| = " + maxDiff(skipping, whole));
            SilenceSkipPlan plan = SilenceSkipPlan.of(ReceptiveField.of(config.cnnKernels(), config.pools()),
                    config.frameSamples(), real.windows(), real.length(), real.sounding(config.frameSamples())).orElseThrow();
            long computed = (plan.crops() + 1L) * plan.cropPositions();
            long all = (long) real.windows() * real.length() / 250;
            assertTrue(computed < 0.85 * all, "computed " + computed + " of " + all + " positions");
        }
    }

    /** Three windows of a sample corpus's recording framed as the network sees them (see the tests above). */
    private record RealWindows(int windows, int length, float[] audio) {
        boolean[] sounding(int block) {
            boolean[] out = new boolean[audio.length / block];
            for (int i = 0; i < audio.length; i++) {
                out[i / block] |= audio[i] != 0;
            }
            return out;
        }
    }

    private static RealWindows realWindows(ModelConfig config, String corpusName, String recording, String audioFile)
            throws Exception {
        Path corpus = TestSpark.repoRoot().resolve("sample-data").resolve(corpusName);
        float[] pcm;
        try (InputStream in = Files.newInputStream(corpus.resolve("audio").resolve(audioFile))) {
            pcm = AudioReading.readAll(Resampling.to(AudioDecoders.open(in, audioFile), config.sampleRate()));
        }
        List<TurnSpan> turns = TurnSpan.subjectTurns(TurnsFileParser.parse(
                Files.readAllBytes(corpus.resolve("turns").resolve(recording + ".csv")), recording + ".csv").records());
        FrameInputBuilder builder = FrameInputBuilder.faithful();
        int frames = builder.framesFor(pcm.length);
        boolean[] subject = builder.subjectFrames(turns, frames);
        // an interlocutor frame followed by a subject frame: sound in the one's second half meets the other's first half
        int change = 1;
        while (!(subject[change] && !subject[change - 1])) {
            change++;
        }
        int t = config.windowFrames();
        int last = frames - frames % t;
        List<Window> windows = List.of(new Window(recording, 0, t, t),
                new Window(recording, Math.max(0, change - t / 2), t, t),
                new Window(recording, last, t, frames - last));
        int length = t * config.frameInput();
        float[] audio = new float[windows.size() * length];
        List<Boolean> halves = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            builder.fill(PcmSource.of(pcm), subject, windows.get(w), audio, w * length);
        }
        for (int f = windows.get(1).startFrame(); f < windows.get(1).startFrame() + t; f++) {
            halves.add(subject[f]);
        }
        assertTrue(halves.contains(true) && halves.contains(false), "the middle window crosses turn changes");
        assertTrue(frames % t != 0, "the last window is zero-padded");
        return new RealWindows(windows.size(), length, audio);
    }

    private static double maxAbs(float[] values) {
        double out = 0;
        for (float v : values) {
            out = Math.max(out, Math.abs(v));
        }
        return out;
    }

    private static double maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double out = 0;
        for (int i = 0; i < a.length; i++) {
            out = Math.max(out, Math.abs(a[i] - b[i]));
        }
        return out;
    }
}
