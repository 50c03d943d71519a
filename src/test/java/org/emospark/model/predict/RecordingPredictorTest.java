package org.emospark.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emospark.frames.FeatureExample;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.PcmSource;
import org.emospark.metrics.EmotionSeries;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.TrainSettings;
import org.emospark.model.data.NetworkInputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordingPredictorTest {
    /** 1 kHz, 2 ms frames (2 samples, frame input 4), windows of T = 4 frames, 3 semantic dimensions. */
    private static final ModelConfig CONFIG = new ModelConfig(1000, 0.002, List.of(2, 4), List.of(4, 2), List.of(2, 4),
            0.5, 8, 4, 3, 100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL,
            3, 4);
    private static final int FS = 2;
    private static final int FI = 4;
    private static final int DIMS = 3;

    private NDManager manager;
    private SpeechEmotionNet net;

    @BeforeEach
    void network() {
        Engine.getInstance().setRandomSeed(17);
        manager = NDManager.newBaseManager();
        net = new SpeechEmotionNet(CONFIG);
        net.initialize(manager, DataType.FLOAT32, NetworkInputs.shapes(CONFIG, 1));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /**
     * A recording of {@code frames} frames whose audio runs 6 samples past its last frame, so reading real audio
     * into a padding frame would show. Sample values and vectors differ per recording ({@code phase}).
     */
    private static RecordingExample recording(String id, int frames, double phase, boolean labelled) {
        float[] pcm = new float[frames * FS + 6];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (float) (0.8 * StrictMath.sin(0.9 * i + phase));
        }
        boolean[] subject = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            subject[f] = f % 3 != 1;
        }
        float[] semantic = new float[frames * DIMS];
        for (int i = 0; i < semantic.length; i++) {
            semantic[i] = (float) StrictMath.cos(0.4 * i + phase);
        }
        float[] labels = null;
        if (labelled) {
            labels = new float[frames * 3];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (float) (0.5 * StrictMath.sin(0.2 * i + phase));
            }
        }
        return new RecordingExample(id, "Devel", frames, PcmSource.of(pcm), subject, DIMS, semantic, labels);
    }

    /** The network's input for frames [start, start + valid) written out by hand, zero frames after them. */
    private static NDList window(NDManager m, RecordingExample r, int start, int valid, boolean realAudioInPadding) {
        float[] pcm = new float[(int) r.pcm().length()];
        r.pcm().read(0, pcm, 0, pcm.length);
        float[] audio = new float[4 * FI];
        float[] semantic = new float[4 * DIMS];
        for (int k = 0; k < 4; k++) {
            int f = start + k;
            boolean real = k < valid;
            if (!real && !realAudioInPadding) {
                continue;
            }
            boolean subject = real ? r.subject()[f] : true;
            for (int s = 0; s < FS; s++) {
                audio[k * FI + (subject ? 0 : FS) + s] = pcm[f * FS + s];
            }
            if (real) {
                System.arraycopy(r.semantic(), f * DIMS, semantic, k * DIMS, DIMS);
            }
        }
        return new NDList(m.create(audio, new Shape(1, 4 * FI)), m.create(semantic, new Shape(1, 4, DIMS)));
    }

    private float[][] forward(NDList inputs) {
        float[] flat = net.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow().toFloatArray();
        float[][] out = new float[4][3];
        for (int f = 0; f < 4; f++) {
            System.arraycopy(flat, f * 3, out[f], 0, 3);
        }
        return out;
    }

    @Test
    void everyFrameIsPredictedWindowByWindowWithAZeroPaddedTail() {
        RecordingExample seven = recording("Devel_07", 7, 0.0, true);
        RecordingExample four = recording("Devel_04", 4, 1.3, true);
        // Batches of 2 windows: the second batch mixes seven's padded tail with four's only window.
        Map<String, float[][]> predicted = new RecordingPredictor(net, CONFIG, 2).predict(manager, List.of(seven, four));

        assertEquals(List.of("Devel_07", "Devel_04"), List.copyOf(predicted.keySet()));
        assertEquals(7, predicted.get("Devel_07").length);
        assertEquals(4, predicted.get("Devel_04").length);

        float[][] head = forward(window(manager, seven, 0, 4, false));
        for (int f = 0; f < 4; f++) {
            assertArrayEquals(head[f], predicted.get("Devel_07")[f], 1e-6f, "frame " + f + " of the first window");
        }
        float[][] tail = forward(window(manager, seven, 4, 3, false));
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(tail[f], predicted.get("Devel_07")[4 + f], 1e-6f, "frame " + (4 + f) + " of the padded tail");
        }
        float[][] whole = forward(window(manager, four, 0, 4, false));
        for (int f = 0; f < 4; f++) {
            assertArrayEquals(whole[f], predicted.get("Devel_04")[f], 1e-6f, "frame " + f + " of Devel_04");
        }
        // The padding matters to the real frames (the CNN pools across frames): had the tail been filled with the
        // audio that follows in the file, the last real frame would be predicted differently.
        float[][] unpadded = forward(window(manager, seven, 4, 3, true));
        assertFalse(java.util.Arrays.equals(unpadded[2], tail[2]), "the check above could not tell padding from audio");
        for (float[] frame : predicted.get("Devel_07")) {
            for (float v : frame) {
                assertFalse(Float.isNaN(v));
            }
        }
    }

    @Test
    void overlappingWindowsCrossFadeTwoGridsHalfAWindowApart() {
        RecordingExample seven = recording("Devel_07", 7, 0.0, true);
        Map<String, float[][]> predicted = new RecordingPredictor(net, CONFIG, 3, WindowMode.OVERLAPPING)
                .predict(manager, List.of(seven, recording("Devel_04", 4, 1.3, true)));
        // T = 4: the faithful grid [0, 4) and [4, 7) padded, the second grid [2, 6) and [6, 7) padded. A frame at
        // position k of a window weighs min(k + 0.5, T - k - 0.5) there.
        int[][] windows = {{0, 4}, {4, 3}, {2, 4}, {6, 1}};
        float[][] sums = new float[7][3];
        float[] weights = new float[7];
        for (int[] w : windows) {
            float[][] y = forward(window(manager, seven, w[0], w[1], false));
            for (int k = 0; k < w[1]; k++) {
                float weight = Math.min(k + 0.5f, 4 - k - 0.5f);
                weights[w[0] + k] += weight;
                for (int v = 0; v < 3; v++) {
                    sums[w[0] + k][v] += weight * y[k][v];
                }
            }
        }
        float[][] faithful = new RecordingPredictor(net, CONFIG, 3).predict(manager, List.of(seven)).get("Devel_07");
        for (int f = 0; f < 7; f++) {
            for (int v = 0; v < 3; v++) {
                assertEquals(sums[f][v] / weights[f], predicted.get("Devel_07")[f][v], 1e-6f, "frame " + f + " value " + v);
            }
        }
        assertArrayEquals(faithful[1], predicted.get("Devel_07")[1], 1e-6f, "the first half window has one window only");
        assertFalse(java.util.Arrays.equals(faithful[3], predicted.get("Devel_07")[3]), "frame 3 blends two windows");
        assertArrayEquals(new RecordingPredictor(net, CONFIG, 3).predict(manager, List.of(recording("Devel_04", 4, 1.3, true)))
                .get("Devel_04")[1], predicted.get("Devel_04")[1], 1e-6f, "untouched by the other recording in its batches");
    }

    @Test
    void theBatchSizeDoesNotChangeThePredictions() {
        List<RecordingExample> recordings = List.of(recording("Devel_07", 7, 0.0, true), recording("Devel_04", 4, 1.3, true));
        Map<String, float[][]> one = new RecordingPredictor(net, CONFIG, 1).predict(manager, recordings);
        Map<String, float[][]> five = new RecordingPredictor(net, CONFIG, 5).predict(manager, recordings);
        for (String id : one.keySet()) {
            for (int f = 0; f < one.get(id).length; f++) {
                assertArrayEquals(one.get(id)[f], five.get(id)[f], 1e-6f, id + " frame " + f);
            }
        }
    }

    @Test
    void theFusionNetworkFedEachRecordingsCnnFeaturesPredictsWhatTheWholeNetworkPredictsFromAudio() {
        RecordingExample seven = recording("Devel_07", 7, 0.0, true);
        RecordingExample four = recording("Devel_04", 4, 1.3, true);
        // Batches of 2 windows: the second batch mixes seven's padded tail with four's only window.
        RecordingPredictor whole = new RecordingPredictor(net, CONFIG, 2);
        Map<String, float[][]> fromAudio = whole.predict(manager, List.of(seven, four));

        // The CNN's features of each recording alone, then the fusion network over them.
        List<FeatureExample> stored = storedFeatures(List.of(seven, four));
        RecordingPredictor fusion = new RecordingPredictor(net.fusionNet(), CONFIG, 2);
        Map<String, float[][]> fromFeatures = fusion.predict(manager, stored);
        for (String id : fromAudio.keySet()) {
            for (int f = 0; f < fromAudio.get(id).length; f++) {
                assertArrayEquals(fromAudio.get(id)[f], fromFeatures.get(id)[f], 1e-6f, id + " frame " + f);
            }
        }
        List<EmotionSeries> series = fusion.series(manager, stored);
        assertEquals(whole.series(manager, List.of(seven, four)).stream().map(s -> s.gold()[2][1]).toList(),
                series.stream().map(s -> s.gold()[2][1]).toList(), "the same gold labels");
        // Audio and features cannot share batches.
        assertThrows(IllegalArgumentException.class, () -> fusion.predict(manager, List.of(stored.get(0), seven)));
    }

    @Test
    void streamingTheFusionNetworkOverCnnFeaturesCarriesTheStateAsStreamingTheWholeNetworkDoes() {
        List<RecordingExample> recordings = List.of(recording("Devel_09", 9, 0.3, true), recording("Devel_06", 6, 1.7, true));
        Map<String, float[][]> fromAudio = new RecordingPredictor(net, CONFIG, 2, WindowMode.STREAMING)
                .predict(manager, recordings);
        Map<String, float[][]> fromFeatures = new RecordingPredictor(net.fusionNet(), CONFIG, 3, WindowMode.STREAMING)
                .predict(manager, storedFeatures(recordings));
        Map<String, float[][]> faithful = new RecordingPredictor(net.fusionNet(), CONFIG, 3)
                .predict(manager, storedFeatures(recordings));
        for (RecordingExample r : recordings) {
            String id = r.recordingId();
            for (int f = 0; f < r.numFrames(); f++) {
                assertArrayEquals(fromAudio.get(id)[f], fromFeatures.get(id)[f], 1e-6f, id + " frame " + f);
            }
            assertFalse(java.util.Arrays.equals(faithful.get(id)[4], fromFeatures.get(id)[4]), id + ": no state was carried");
        }
    }

    /**
     * Each recording's CNN features computed alone (as features --paralinguistic computes them, in batches other than
     * the whole network's) and passed through the lake's float32 encoding.
     */
    private List<FeatureExample> storedFeatures(List<RecordingExample> recordings) {
        RecordingPredictor cnn = RecordingPredictor.paralinguisticFeatures(net, 3);
        int width = CONFIG.paralinguisticFeatures();
        List<FeatureExample> stored = new ArrayList<>();
        for (RecordingExample r : recordings) {
            float[][] frames = cnn.predict(manager, List.of(r)).get(r.recordingId());
            assertEquals(r.numFrames(), frames.length);
            float[] flat = new float[r.numFrames() * width];
            for (int f = 0; f < frames.length; f++) {
                assertEquals(width, frames[f].length);
                byte[] row = PcmCodec.encode(frames[f], 0, width);
                PcmCodec.decodeInto(row, flat, f * width);
            }
            stored.add(new FeatureExample(r.recordingId(), r.split(), r.numFrames(), width, flat, r.subject(), DIMS, r.semantic(),
                    r.labels()));
        }
        return stored;
    }

    @Test
    void seriesPairsPredictionsWithGoldAndSkipsUnlabelledRecordings() {
        RecordingExample seven = recording("Devel_07", 7, 0.0, true);
        RecordingExample unlabelled = recording("Devel_05", 5, 0.7, false);
        RecordingExample four = recording("Devel_04", 4, 1.3, true);
        RecordingPredictor predictor = new RecordingPredictor(net, CONFIG, 3);
        Map<String, float[][]> predicted = predictor.predict(manager, List.of(seven, unlabelled, four));

        List<EmotionSeries> series = predictor.series(manager, List.of(seven, unlabelled, four));

        assertEquals(List.of("Devel_07", "Devel_04"), series.stream().map(EmotionSeries::recordingId).toList());
        for (EmotionSeries s : series) {
            RecordingExample r = s.recordingId().equals("Devel_07") ? seven : four;
            assertEquals(r.numFrames(), s.length());
            assertEquals(CONFIG.frameSeconds(), s.frameSeconds());
            for (int f = 0; f < s.length(); f++) {
                assertArrayEquals(predicted.get(s.recordingId())[f], s.predicted()[f], 1e-6f);
                assertArrayEquals(new float[] {r.labels()[f * 3], r.labels()[f * 3 + 1], r.labels()[f * 3 + 2]},
                        s.gold()[f], 0f, s.recordingId() + " gold frame " + f);
            }
        }
    }

    @Test
    void streamingRunsTheLstmThroughTheWholeRecordingAsOneSequence() {
        // Without the CNN every block but the LSTM works frame by frame, so streaming over windows of 4 must equal
        // one forward pass over all 11 frames at once (the padded frame 11 comes after every real one).
        ModelConfig semanticOnly = CONFIG.withStreams(ModelConfig.Streams.SEMANTIC);
        SpeechEmotionNet words = new SpeechEmotionNet(semanticOnly);
        words.initialize(manager, DataType.FLOAT32, NetworkInputs.shapes(semanticOnly, 1));
        RecordingExample eleven = recording("Devel_11", 11, 0.4, false);
        float[] flat = words.forward(new ParameterStore(manager, false),
                new NDList(manager.create(eleven.semantic(), new Shape(1, 11, DIMS))), false).singletonOrThrow().toFloatArray();

        for (int batch : new int[] {1, 2, 5}) {
            float[][] streamed = new RecordingPredictor(words, semanticOnly, batch, WindowMode.STREAMING)
                    .predict(manager, List.of(eleven)).get("Devel_11");
            assertEquals(11, streamed.length);
            for (int f = 0; f < 11; f++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(flat, f * 3, f * 3 + 3), streamed[f], 1e-5f,
                        "frame " + f + " in batches of " + batch);
            }
        }
        float[][] faithful = new RecordingPredictor(words, semanticOnly, 2).predict(manager, List.of(eleven)).get("Devel_11");
        assertFalse(java.util.Arrays.equals(faithful[4], java.util.Arrays.copyOfRange(flat, 12, 15)),
                "faithful windows restart the LSTM, so frame 4 must differ from the continuous run");
    }

    @Test
    void streamingStartsLikeFaithfulAndCarriesTheStateOnwardWithBothStreams() {
        List<RecordingExample> recordings = List.of(recording("Devel_07", 7, 0.0, false), recording("Devel_09", 9, 1.1, false));
        Map<String, float[][]> faithful = new RecordingPredictor(net, CONFIG, 2).predict(manager, recordings);
        Map<String, float[][]> one = new RecordingPredictor(net, CONFIG, 1, WindowMode.STREAMING).predict(manager, recordings);
        Map<String, float[][]> three = new RecordingPredictor(net, CONFIG, 3, WindowMode.STREAMING).predict(manager, recordings);
        for (String id : faithful.keySet()) {
            for (int f = 0; f < faithful.get(id).length; f++) {
                assertArrayEquals(one.get(id)[f], three.get(id)[f], 1e-6f, id + " frame " + f + ": batch size mattered");
                if (f < 4) {
                    assertArrayEquals(faithful.get(id)[f], one.get(id)[f], 1e-6f, id + " frame " + f + " of the first window");
                }
            }
            assertFalse(java.util.Arrays.equals(faithful.get(id)[4], one.get(id)[4]), id + ": no state was carried");
        }
    }

    @Test
    void aModelThatSmoothsAveragesEachRecordingsOutputsWhateverTheWindowsAndLeavesItsCnnFeaturesAlone() {
        // 2 ms frames: 0.004 s is one frame either side.
        ModelConfig smoothing = CONFIG.withSmoothSeconds(0.004);
        assertEquals(1, smoothing.smoothingHalfWidth());
        List<RecordingExample> recordings = List.of(recording("Devel_07", 7, 0.0, false), recording("Devel_09", 9, 1.1, false));
        for (WindowMode mode : new WindowMode[] {WindowMode.FAITHFUL, WindowMode.OVERLAPPING, WindowMode.STREAMING}) {
            Map<String, float[][]> raw = new RecordingPredictor(net, CONFIG, 2, mode).predict(manager, recordings);
            Map<String, float[][]> smoothed = new RecordingPredictor(net, smoothing, 2, mode).predict(manager, recordings);
            for (String id : raw.keySet()) {
                float[][] y = raw.get(id);
                for (int f = 0; f < y.length; f++) {
                    for (int v = 0; v < 3; v++) {
                        int from = Math.max(0, f - 1);
                        int to = Math.min(y.length, f + 2);
                        float sum = 0;
                        for (int g = from; g < to; g++) {
                            sum += y[g][v];
                        }
                        // Across the window edge at frame 4 too: the recording is smoothed, not each window.
                        assertEquals(sum / (to - from), smoothed.get(id)[f][v], 1e-6f, mode + " " + id + " frame " + f);
                    }
                }
            }
        }
        RecordingExample seven = recordings.get(0);
        SpeechEmotionNet smoothingNet = new SpeechEmotionNet(smoothing);
        smoothingNet.initialize(manager, DataType.FLOAT32, NetworkInputs.shapes(smoothing, 1));
        RecordingPredictor cnn = RecordingPredictor.paralinguisticFeatures(smoothingNet, 2);
        assertEquals(0, cnn.config().smoothingHalfWidth(), "CNN features are not emotions to smooth");
    }

    @Test
    void aLabelPriorConditionsEachRecordingsOutputsOnItsSubjectFramesOnlyWhenTheConfigSays() {
        List<RecordingExample> recordings = List.of(recording("Devel_07", 7, 0.0, true), recording("Devel_04", 4, 1.3, true));
        LabelPrior prior = new LabelPrior(new double[] {0.1, 0, -0.1},
                new double[][] {{0.3, 0.2, 0.1, 0.05}, {0.2, 0.1, 0, 0}, {0.1, 0.05, 0.02, 0}});
        ModelConfig on = CONFIG.toBuilder().priorSmoothing(true).build();
        Map<String, float[][]> plain = new RecordingPredictor(net, CONFIG, 2).predict(manager, recordings);
        Map<String, float[][]> off = new RecordingPredictor(net, CONFIG, 2).withPrior(prior).predict(manager, recordings);
        Map<String, float[][]> none = new RecordingPredictor(net, on, 2).predict(manager, recordings);
        Map<String, float[][]> conditioned = new RecordingPredictor(net, on, 2).withPrior(prior).predict(manager, recordings);
        for (RecordingExample r : recordings) {
            String id = r.recordingId();
            float[][] expected = new float[r.numFrames()][];
            for (int f = 0; f < expected.length; f++) {
                expected[f] = plain.get(id)[f].clone();
            }
            PriorSmoothing.apply(expected, r.subject(), prior);
            boolean moved = false;
            for (int f = 0; f < expected.length; f++) {
                assertArrayEquals(plain.get(id)[f], off.get(id)[f], 0f, id + " frame " + f + ": the config says no");
                assertArrayEquals(plain.get(id)[f], none.get(id)[f], 0f, id + " frame " + f + ": a model without a prior");
                assertArrayEquals(expected[f], conditioned.get(id)[f], 1e-6f, id + " frame " + f);
                moved |= !java.util.Arrays.equals(expected[f], plain.get(id)[f]);
            }
            assertTrue(moved, id + ": the check above could not tell conditioned outputs from plain ones");
        }
    }

    @Test
    void windowModesParseByName() {
        assertEquals(WindowMode.STREAMING, WindowMode.parse(" Streaming "));
        assertEquals(WindowMode.FAITHFUL, WindowMode.parse("faithful"));
        assertThrows(IllegalArgumentException.class, () -> WindowMode.parse("rolling"));
        assertThrows(IllegalArgumentException.class, () -> WindowMode.parse("model"), "a mode, not a setting");
        assertEquals(null, WindowMode.parseSetting(" Model "), "the model decides");
        assertEquals(WindowMode.STREAMING, WindowMode.parseSetting("streaming"));
        assertThrows(IllegalArgumentException.class, () -> WindowMode.parseSetting(""));
        assertEquals(WindowMode.OVERLAPPING, WindowMode.parse("overlapping"));
        TrainSettings zeroState = new TrainSettings(1, 1, 1, 0.1, 0.9, 0.99, 5, 1, false);
        assertEquals(WindowMode.FAITHFUL, WindowMode.trainedWith(CONFIG, zeroState));
        assertEquals(WindowMode.STREAMING, WindowMode.trainedWith(CONFIG, zeroState.withCarryState(true)));
        assertEquals(WindowMode.OVERLAPPING, WindowMode.trainedWith(CONFIG.toBuilder().bidirectional(true).build(), zeroState),
                "a bidirectional model hears both sides of a frame near its window's middle");
        assertThrows(IllegalArgumentException.class, () -> new RecordingPredictor(new LambdaBlock(x -> x), CONFIG, 2,
                WindowMode.STREAMING));
    }

    @Test
    void aBatchSizeBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RecordingPredictor(net, CONFIG, 0));
    }

    @Test
    void predictionDoesNotDependOnDropout() {
        // Dropout 0.5 is configured; inference must switch it off, so two runs agree exactly.
        List<RecordingExample> recordings = List.of(recording("Devel_07", 7, 0.0, true));
        RecordingPredictor predictor = new RecordingPredictor(net, CONFIG, 2);
        float[][] a = predictor.predict(manager, recordings).get("Devel_07");
        float[][] b = predictor.predict(manager, recordings).get("Devel_07");
        for (int f = 0; f < a.length; f++) {
            assertArrayEquals(a[f], b[f], 1e-6f, "frame " + f);
        }
    }

    @Test
    void predictingOnAnotherThreadLeavesNothingBehindInTheNetworksManagerAndRecordsNoGradients() throws Exception {
        // The network is shared, long-lived state (one per executor JVM when scoring): a call must not leave arrays
        // in its manager, and must not build autograd graphs on threads where PyTorch's grad mode is on (every
        // thread but the one that started the engine).
        List<RecordingExample> recordings = List.of(recording("Devel_07", 7, 0.0, true));
        RecordingPredictor predictor = new RecordingPredictor(net, CONFIG, 2);
        float[][] here = predictor.predict(manager, recordings).get("Devel_07");
        int held = manager.getManagedArrays().size();
        float[][][] there = new float[1][][];
        boolean[] gradMode = new boolean[3];
        // The same network behind a block that notes the thread's grad mode at the moment of the forward pass.
        Block noting = new LambdaBlock(inputs -> {
            gradMode[1] = JniUtils.isGradMode();
            return net.forward(new ParameterStore(inputs.head().getManager(), true), inputs, false);
        });
        Thread other = new Thread(() -> {
            gradMode[0] = JniUtils.isGradMode();
            try (NDManager call = NDManager.newBaseManager()) {
                there[0] = predictor.predict(call, recordings).get("Devel_07");
                new RecordingPredictor(noting, CONFIG, 2).predict(call, recordings);
            }
            gradMode[2] = JniUtils.isGradMode();
        });
        other.start();
        other.join();

        assertEquals(held, manager.getManagedArrays().size(), "arrays left in the network's manager");
        for (int f = 0; f < here.length; f++) {
            assertArrayEquals(here[f], there[0][f], 0f, "frame " + f);
        }
        assertTrue(gradMode[0], "a fresh thread records gradients: the check below could not fail");
        assertFalse(gradMode[1], "no gradients are recorded during the forward pass");
        assertTrue(gradMode[2], "the thread's own grad mode is restored after the call");
    }
}
