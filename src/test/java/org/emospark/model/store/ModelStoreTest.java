package org.emospark.model.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.TrainSettings;
import org.emospark.model.predict.LabelPrior;
import org.emospark.model.predict.TimingLevel;
import org.emospark.testing.StoredModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    private static final ModelConfig CONFIG = new ModelConfig(1000, 0.002, List.of(2, 4), List.of(4, 2), List.of(2, 4),
            0.5, 8, 4, 3, 100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL,
            3, 4);
    private static final TrainSettings SETTINGS = new TrainSettings(7, 2, 3, 5e-4, 0.9, 0.99, 5, 99, false);

    @TempDir
    Path tmp;

    private ModelStore store() {
        return new ModelStore(tmp.toUri().toString(), new Configuration());
    }

    private static ModelManifest manifest(String id) {
        return StoredModels.manifest(id, CONFIG, SETTINGS);
    }

    private static byte[] parameters(SpeechEmotionNet net) {
        return ModelStore.parametersOf(net);
    }

    private static SpeechEmotionNet initialised(NDManager manager, int seed) {
        return StoredModels.initialised(manager, CONFIG, seed);
    }

    /** A fixed input of two windows, built once (StrictMath: bit-identical however the JIT compiles it). */
    private static final float[] AUDIO = new float[2 * 4 * CONFIG.frameInput()];
    private static final float[] SEMANTIC = new float[2 * 4 * 3];

    static {
        for (int i = 0; i < AUDIO.length; i++) {
            AUDIO[i] = (float) StrictMath.sin(0.7 * i);
        }
        for (int i = 0; i < SEMANTIC.length; i++) {
            SEMANTIC[i] = (float) StrictMath.cos(0.3 * i);
        }
    }

    private static float[] predict(NDManager manager, Block net) {
        NDList in = new NDList(manager.create(AUDIO, new Shape(2, 4 * CONFIG.frameInput())),
                manager.create(SEMANTIC, new Shape(2, 4, 3)));
        return net.forward(new ParameterStore(manager, false), in, false).singletonOrThrow().toFloatArray();
    }

    @Test
    void aSavedModelLoadsBackPredictingExactlyAsBefore() throws IOException {
        ModelStore store = store();
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = initialised(manager, 5);
            float[] before = predict(manager, net);

            String path = store.save(manifest("tiny-0123456789"), parameters(net));

            assertTrue(path.endsWith("/model_store/tiny-0123456789"), path);
            assertTrue(Files.isRegularFile(tmp.resolve("model_store/tiny-0123456789/" + ModelStore.PARAMETERS)));
            assertTrue(Files.isRegularFile(tmp.resolve("model_store/tiny-0123456789/" + ModelStore.MANIFEST)));
            SpeechEmotionNet loaded = store.load("tiny-0123456789", manager);
            assertEquals(CONFIG, loaded.config());
            assertArrayEquals(before, predict(manager, loaded));
            // Not a test that passes for any network: another initialisation predicts otherwise.
            float[] other = predict(manager, initialised(manager, 6));
            assertFalse(Arrays.equals(before, other), "a differently initialised network must differ");
        }
    }

    @Test
    void theManifestRoundTripsThroughJson() {
        ModelStore store = store();
        ModelManifest written = manifest("tiny-aaaaaaaaaa");
        store.save(written, new byte[] {1, 2, 3});

        ModelManifest read = store.manifest("tiny-aaaaaaaaaa");

        assertEquals(written.config(), read.config());
        assertEquals(written.settings(), read.settings());
        assertEquals(written.epochs(), read.epochs());
        assertEquals(written.devel(), read.devel());
        assertTrue(Double.isNaN(read.devel().liking().pearson()), "NaN stays NaN");
        assertEquals(written, read, "every field, incl. table versions, recordings and timings");
    }

    @Test
    void aLabelPriorAndTheEpochsScoresAsKeptRoundTripAndAManifestWithoutThemReadsAsBefore() throws Exception {
        ModelStore store = store();
        ModelManifest plain = manifest("tiny-eeeeeeeeee");
        LabelPrior prior = new LabelPrior(new double[] {0.1, 0.2, 0.3}, new double[][] {{0.5, 0.25}, {0.4, 0.1}, {0.3, 0}});
        // Epochs chosen on the outputs as kept: each epoch's scores of them beside the network's own.
        List<EpochReport> epochs = plain.epochs().stream().map(e -> new EpochReport(e.epoch(), e.trainLoss(), e.devel(),
                e.seconds(), e.trainPassSeconds(), e.dataWaitFraction(), plain.devel())).toList();
        ModelManifest withPrior = new ModelManifest(plain.modelId(), plain.name(), plain.createdAt(), plain.config(),
                plain.settings(), plain.embeddingSet(), plain.inputVersions(), plain.trainRecordings(),
                plain.develRecordings(), plain.trainAudioSeconds(), plain.parameterCount(), epochs,
                plain.bestEpoch(), plain.devel(), plain.trainWallSeconds(), plain.audioSecondsPerSecond(),
                plain.dataWaitFraction(), null, prior);
        store.save(withPrior, new byte[] {1, 2, 3});
        assertEquals(withPrior, store.manifest("tiny-eeeeeeeeee"));
        assertEquals(prior, store.manifest("tiny-eeeeeeeeee").labelPrior());
        assertEquals(plain.devel(), store.manifest("tiny-eeeeeeeeee").epochs().get(0).keptDevel());

        String plainJson = new ObjectMapper().writeValueAsString(plain);
        assertFalse(plainJson.contains("labelPrior"), "manifests of models without a prior are written as before");
        assertFalse(plainJson.contains("keptDevel"), "epochs chosen on the network's own outputs are written as before");
        store.save(manifest("tiny-ffffffffff"), new byte[] {1, 2, 3});
        assertNull(store.manifest("tiny-ffffffffff").labelPrior());
    }

    @Test
    void aTimingLevelRoundTripsAndAManifestWithoutOneReadsAsBefore() throws Exception {
        ModelStore store = store();
        ModelManifest plain = manifest("tiny-hhhhhhhhhh");
        TimingLevel level = new TimingLevel(new double[][] {{0.1, 0.2, -0.3}, {0, 0, 0}, {0.05, 0.1, -0.15}},
                new double[] {1e-5, 0.4, 0.002}, new double[] {1, 0, 0.5});
        ModelManifest withLevel = new ModelManifest(plain.modelId(), plain.name(), plain.createdAt(), plain.config(),
                plain.settings(), plain.embeddingSet(), plain.inputVersions(), plain.trainRecordings(),
                plain.develRecordings(), plain.trainAudioSeconds(), plain.parameterCount(), plain.epochs(),
                plain.bestEpoch(), plain.devel(), plain.trainWallSeconds(), plain.audioSecondsPerSecond(),
                plain.dataWaitFraction(), null, null, null, level);
        store.save(withLevel, new byte[] {1, 2, 3});
        assertEquals(level, store.manifest("tiny-hhhhhhhhhh").timingLevel());
        assertEquals(withLevel, store.manifest("tiny-hhhhhhhhhh"));
        assertFalse(new ObjectMapper().writeValueAsString(plain).contains("timingLevel"),
                "manifests of models without a timing level are written as before");
        assertNull(plain.timingLevel());
    }

    @Test
    void aRefitRoundTripsSaysWhichRecordingsTheNetworkSawAndAManifestWithoutOneReadsAsBefore() throws Exception {
        ModelStore store = store();
        ModelManifest plain = manifest("tiny-gggggggggg");
        List<String> all = new java.util.ArrayList<>(plain.trainRecordings());
        all.addAll(plain.develRecordings());
        RefitReport refit = new RefitReport(all, List.of(1.5, 1.25), 12.5);
        ModelManifest refitted = new ModelManifest(plain.modelId(), plain.name(), plain.createdAt(), plain.config(),
                plain.settings().withRefit(true), plain.embeddingSet(), plain.inputVersions(), plain.trainRecordings(),
                plain.develRecordings(), plain.trainAudioSeconds(), plain.parameterCount(), plain.epochs(),
                plain.bestEpoch(), plain.devel(), plain.trainWallSeconds(), plain.audioSecondsPerSecond(),
                plain.dataWaitFraction(), null, null, refit);
        store.save(refitted, new byte[] {1, 2, 3});
        ModelManifest read = store.manifest("tiny-gggggggggg");
        assertEquals(refitted, read);
        assertEquals(2, read.refit().epochs());
        String devel = plain.develRecordings().get(0);
        assertTrue(read.trainedOn(devel), "a refitted network was trained on Devel");
        assertFalse(plain.trainedOn(devel), "without a refit Devel is held out");
        assertTrue(plain.trainedOn(plain.trainRecordings().get(0)));

        String plainJson = new ObjectMapper().writeValueAsString(plain);
        assertFalse(plainJson.contains("refit"), "manifests and settings of models without a refit are written as before");
    }

    @Test
    void onlyACompleteSaveExists() throws IOException {
        ModelStore store = store();
        assertFalse(store.exists("tiny-bbbbbbbbbb"), "nothing stored yet");
        // Parameters written but no manifest: an unfinished save, neither existing nor loadable.
        Path dir = Files.createDirectories(tmp.resolve("model_store/tiny-bbbbbbbbbb"));
        Files.write(dir.resolve(ModelStore.PARAMETERS), new byte[] {1, 2, 3});
        assertFalse(store.exists("tiny-bbbbbbbbbb"));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> store.load("tiny-bbbbbbbbbb", manager));
        }

        store.save(manifest("tiny-bbbbbbbbbb"), new byte[] {1, 2, 3});
        assertTrue(store.exists("tiny-bbbbbbbbbb"));
        assertFalse(store.exists("tiny-cccccccccc"), "another id is still unknown");
    }

    @Test
    void modelsLiveOutsideEveryLakeTablesFolder() {
        // The models table is a Delta table at <warehouse>/models: model folders inside it would make it
        // "not a Delta table" before its first write, and VACUUM would delete them after.
        String warehouse = tmp.toUri().toString().replaceAll("/+$", "");
        for (org.emospark.lake.TableDef table : org.emospark.lake.Tables.all()) {
            String tableDir = warehouse + "/" + table.name() + "/";
            assertFalse(store().pathOf("tiny-0123456789").startsWith(tableDir), table.name());
        }
    }

    @Test
    void theManifestOfAnUnknownModelIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store().manifest("nope-0000000000"));
        assertTrue(e.getMessage().contains("nope-0000000000"), e.getMessage());
    }

    @Test
    void parametersThatDoNotFitTheConfigAreRejectedOnLoad() throws IOException {
        ModelStore store = store();
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet wider = StoredModels.initialised(manager, CONFIG.withStreams(ModelConfig.Streams.SEMANTIC), 5);
            store.save(manifest("tiny-dddddddddd"), parameters(wider));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.load("tiny-dddddddddd", manager));
            assertTrue(e.getMessage().contains("tiny-dddddddddd"), e.getMessage());
        }
    }
}
