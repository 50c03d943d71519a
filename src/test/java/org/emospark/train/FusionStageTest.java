package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emospark.frames.FeatureExample;
import org.emospark.frames.RecordingExample;
import org.emospark.metrics.EmotionScoring;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.TrainSettings;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.store.ModelStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fusion stage on the network and data of {@link ModelTrainerTest}: a source network trained end to end for a
 * few epochs, its CNN's features of every recording, and the network after the CNN trained from those alone.
 */
class FusionStageTest {
    private static final ModelConfig CONFIG = ModelTrainerTest.CONFIG;
    /** The source: 4 epochs end to end. The fusion stage: 8 epochs. */
    private static final TrainSettings SOURCE_SETTINGS = ModelTrainerTest.SETTINGS.withEpochs(4);
    private static final TrainSettings SETTINGS = ModelTrainerTest.SETTINGS.withEpochs(8);
    private static final List<RecordingExample> TRAIN = ModelTrainerTest.TRAIN;
    private static final List<RecordingExample> DEVEL = ModelTrainerTest.DEVEL;

    private static int threadsBefore;
    private static FusionStart.Source source;
    private static double sourceDevel;
    private static List<FeatureExample> train;
    private static List<FeatureExample> devel;

    @BeforeAll
    static void sourceAndFeatures() {
        Engine.getInstance();
        threadsBefore = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        ModelTrainer.Result trained = new ModelTrainer(CONFIG, SOURCE_SETTINGS, l -> { }).train(TRAIN, DEVEL);
        source = new FusionStart.Source("source-0123456789", CONFIG, trained.bestParameters());
        sourceDevel = trained.best().develMeanCcc();
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = ModelStore.restore(source.modelId(), CONFIG, source.parameters(), manager);
            train = features(net, TRAIN, manager);
            devel = features(net, DEVEL, manager);
        }
    }

    @AfterAll
    static void restoreThreads() {
        JniUtils.setNumThreads(threadsBefore);
    }

    /** Each recording's CNN features, as features --paralinguistic stores them. */
    static List<FeatureExample> features(SpeechEmotionNet net, List<RecordingExample> recordings, NDManager manager) {
        RecordingPredictor cnn = RecordingPredictor.paralinguisticFeatures(net, 3);
        int width = net.config().paralinguisticFeatures();
        List<FeatureExample> out = new ArrayList<>();
        for (RecordingExample r : recordings) {
            float[][] frames = cnn.predict(manager, List.of(r)).get(r.recordingId());
            float[] flat = new float[r.numFrames() * width];
            for (int f = 0; f < frames.length; f++) {
                System.arraycopy(frames[f], 0, flat, f * width, width);
            }
            out.add(new FeatureExample(r.recordingId(), r.split(), r.numFrames(), width, flat, r.subject(), r.semanticDims(),
                    r.semantic(), r.labels()));
        }
        return out;
    }

    private static Map<String, float[]> parameters(byte[] bytes, ModelConfig config) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Pair<String, Parameter> p : ModelStore.restore("m", config, bytes, manager).getParameters()) {
                out.put(FusionStart.place(p.getKey()), p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }

    @Test
    void trainsTheNetworkAfterTheCnnFromFeaturesAndKeepsTheSourcesCnnBitForBit() {
        List<String> progress = new ArrayList<>();
        FusionStart start = new FusionStart(source, FusionStart.Init.SOURCE);
        ModelTrainer.Result r = new ModelTrainer(CONFIG, SETTINGS, progress::add).trainFusion(train, devel, start);

        System.out.printf("Devel mean CCC: source %.3f; fusion stage epoch 1 %.3f, best %.3f at epoch %d%n", sourceDevel,
                r.epochs().get(0).develMeanCcc(), r.best().develMeanCcc(), r.bestEpoch());
        assertTrue(progress.get(0).startsWith("training the fusion stage of attention/both"), progress.get(0));
        assertTrue(progress.get(0).contains("the CNN's frozen"), progress.get(0));
        assertEquals(8, r.epochs().size());
        assertTrue(r.epochs().get(7).trainLoss() < r.epochs().get(0).trainLoss(), r.epochs().toString());
        assertEquals(1271, r.parameterCount(), "the stored network is the whole one");

        Map<String, float[]> before = parameters(source.parameters(), CONFIG);
        Map<String, float[]> after = parameters(r.bestParameters(), CONFIG);
        assertEquals(before.keySet(), after.keySet());
        int changed = 0;
        for (String place : before.keySet()) {
            if (place.startsWith("paralinguisticCnn_")) {
                assertArrayEquals(before.get(place), after.get(place), 0f, place + " is frozen");
            } else if (!java.util.Arrays.equals(before.get(place), after.get(place))) {
                changed++;
            }
        }
        assertEquals(before.size() - 4, changed, "every post-CNN parameter was trained, the 4 of the CNN were not");
        assertEquals(before.keySet().stream().toList(), start.fromSource(), "the same network: every parameter from the source");

        // The stored whole network computes from audio what the fusion stage saw from features: its Devel score.
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = ModelStore.restore("fusion", CONFIG, r.bestParameters(), manager);
            double fromAudio = EmotionScoring.onConcatenation(
                    new RecordingPredictor(net, CONFIG, 4).series(manager, DEVEL)).meanCcc();
            assertEquals(r.best().develMeanCcc(), fromAudio, 1e-5);
        }
    }

    @Test
    void fromARandomStartTheNetworkAfterTheFrozenCnnLearnsTheLabels() {
        ModelTrainer.Result r = new ModelTrainer(CONFIG, ModelTrainerTest.SETTINGS, l -> { })
                .trainFusion(train, devel, new FusionStart(source, FusionStart.Init.RANDOM));
        double first = r.epochs().get(0).develMeanCcc();
        double best = r.best().develMeanCcc();
        System.out.printf("Devel mean CCC from a random start: epoch 1 %.3f, best %.3f at epoch %d of %d%n", first, best,
                r.bestEpoch(), r.epochs().size());
        assertTrue(best > first + 0.3 && best > 0.7, "best " + best + " vs epoch 1 " + first);
        assertTrue(r.epochs().get(r.epochs().size() - 1).trainLoss() < r.epochs().get(0).trainLoss() / 2,
                r.epochs().toString());
    }

    @Test
    void aStartCopiesWhatFitsFromTheSourceAndTheCnnAlways() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, float[]> from = parameters(source.parameters(), CONFIG);

            FusionStart same = new FusionStart(source, FusionStart.Init.SOURCE);
            Map<String, float[]> started = parameters(ModelStore.parametersOf(same.build(manager, CONFIG, 1)), CONFIG);
            assertEquals(from.keySet(), started.keySet());
            for (String place : from.keySet()) {
                assertArrayEquals(from.get(place), started.get(place), 0f, "the source's own network starts as the source");
            }

            FusionStart random = new FusionStart(source, FusionStart.Init.RANDOM);
            random.build(manager, CONFIG, 1);
            assertTrue(random.fromSource().stream().allMatch(p -> p.startsWith("paralinguisticCnn_")), random.fromSource().toString());
            assertEquals(from.keySet().stream().filter(p -> p.startsWith("paralinguisticCnn_")).count(), random.fromSource().size());

            // Concatenation fusion and a narrower LSTM: the projections come from the source, and so does the head's
            // bias (3 values whatever the LSTM's width); the fusion block, the LSTM and the head's weight start from
            // the seed.
            ModelConfig other = new ModelConfig(1000, 0.002, List.of(4, 8), List.of(4, 2), List.of(2, 4), 0.1, 16, 8, 5,
                    100, 1, 3, ModelConfig.Fusion.CONCAT, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL, 3, 8);
            FusionStart concat = new FusionStart(source, FusionStart.Init.SOURCE);
            Map<String, float[]> built = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : concat.build(manager, other, 1).getParameters()) {
                built.put(FusionStart.place(p.getKey()), p.getValue().getArray().toFloatArray());
            }
            for (String place : built.keySet()) {
                boolean kept = place.startsWith("paralinguisticCnn_") || place.contains("Projection_")
                        || place.equals("head_linear_bias");
                assertEquals(kept, concat.fromSource().contains(place), place);
                if (kept) {
                    assertArrayEquals(from.get(place), built.get(place), 0f, place);
                }
            }
            assertFalse(concat.fromSource().contains("head_linear_weight"));
        }
    }

    @Test
    void whatTheFusionStageCannotDoIsRefusedSayingWhy() {
        FusionStart start = new FusionStart(source, FusionStart.Init.SOURCE);
        IllegalArgumentException shifted = assertThrows(IllegalArgumentException.class, () -> new ModelTrainer(CONFIG,
                new TrainSettings(2, 2, 4, 0.01, 0.9, 0.99, 5, 7, false, true, 0.0, false, false), l -> { }).trainFusion(train, devel, start));
        assertTrue(shifted.getMessage().contains("shiftWindows"), shifted.getMessage());
        IllegalArgumentException wordsOnly = assertThrows(IllegalArgumentException.class, () -> new ModelTrainer(
                CONFIG.withStreams(ModelConfig.Streams.SEMANTIC), SETTINGS, l -> { }).trainFusion(train, devel, start));
        assertTrue(wordsOnly.getMessage().contains("no CNN"), wordsOnly.getMessage());
        IllegalArgumentException otherCnn = assertThrows(IllegalArgumentException.class, () -> new ModelTrainer(
                CONFIG.withDropout(0.3).withWindowFrames(16), SETTINGS, l -> { }).trainFusion(train, devel, start));
        assertTrue(otherCnn.getMessage().contains("emospark.model.dropout is 0.3, the source's 0.1")
                && otherCnn.getMessage().contains("emospark.model.windowFrames is 16, the source's 8"), otherCnn.getMessage());
    }
}
