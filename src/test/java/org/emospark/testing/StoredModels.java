package org.emospark.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.emospark.metrics.DimensionScores;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.TrainSettings;
import org.emospark.model.data.NetworkInputs;
import org.emospark.model.store.EpochReport;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;

/** Models for the model store without training one: a seeded network, its parameters and a full manifest. */
public final class StoredModels {
    private StoredModels() {
    }

    /** A network of {@code config}, initialised from {@code seed}, its arrays in {@code manager}. */
    public static SpeechEmotionNet initialised(NDManager manager, ModelConfig config, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        SpeechEmotionNet net = new SpeechEmotionNet(config);
        net.initialize(manager, DataType.FLOAT32, NetworkInputs.shapes(config, 1));
        return net;
    }

    /**
     * Stores a seeded, untrained network of {@code config} as model {@code id} in the model store of the warehouse
     * at {@code root}, and returns it (its arrays in {@code manager}) for the caller's own predictions.
     */
    public static SpeechEmotionNet store(NDManager manager, String root, String id, ModelConfig config, int seed) {
        return store(manager, root, id, config, seed, "w2v-abc");
    }

    /** As above, the manifest naming {@code embeddingSet}: a model the score job accepts for a lake of that set. */
    public static SpeechEmotionNet store(NDManager manager, String root, String id, ModelConfig config, int seed,
            String embeddingSet) {
        SpeechEmotionNet net = initialised(manager, config, seed);
        new ModelStore(root, new Configuration()).save(manifest(id, config, TinyLake.SETTINGS, embeddingSet),
                ModelStore.parametersOf(net));
        return net;
    }

    /** A manifest with every field set: three epochs, the second best, NaN where a constant series gives one. */
    public static ModelManifest manifest(String id, ModelConfig config, TrainSettings settings) {
        return manifest(id, config, settings, "w2v-abc");
    }

    private static ModelManifest manifest(String id, ModelConfig config, TrainSettings settings, String embeddingSet) {
        List<EpochReport> epochs = List.of(
                new EpochReport(1, 0.9, scores(0.1, 0.05, 0.0), 1.5, 1.25, 0.01),
                new EpochReport(2, 0.7, scores(0.3, 0.2, 0.1), 1.4, 1.2, 0.02),
                new EpochReport(3, 0.65, scores(0.28, 0.21, 0.05), 1.45, 1.1, 0.03));
        return new ModelManifest(id, "tiny", "2024-05-01T10:00:00.123Z", config, settings, embeddingSet,
                Map.of("recordings", 3L, "labels", 1L), List.of("Train_01", "Train_02"), List.of("Devel_01"), 12.5,
                1234, epochs, 2, epochs.get(1).devel(), 4.35, 28.7, 0.02);
    }

    private static DimensionScores scores(double a, double v, double l) {
        // Pearson NaN as for a constant gold series (e.g. a constant liking track): it must survive the JSON.
        return new DimensionScores(new DimensionScores.Score(a, a + 0.01, 0.3), new DimensionScores.Score(v, v + 0.02, 0.25),
                new DimensionScores.Score(l, Double.NaN, 0.125));
    }
}
