package org.emospark.train;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Encoders;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.frames.FeatureExample;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.data.FeatureExamples;
import org.emospark.model.data.LoadedExamples;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;

/**
 * What both ways of running the fusion stage ({@link FusionTrainAction}, {@link FusionSweepAction}) start from on the
 * driver: the source model, whose CNN computed the stored features, and configurations resolved against it. A
 * configuration is the source's network and training as keys ({@link ConfiguredTraining#keysOf}), then the keys the
 * user gave ({@code --config}, {@code --conf}), then a sweep configuration's own; the CNN must stay the source's.
 */
final class FusionSetup {
    private static final List<String> SPLITS = List.of("Train", "Devel");

    private final Warehouse warehouse;
    private final ModelStore store;
    private final ModelManifest source;
    private final Map<String, String> overrides;

    private FusionSetup(Warehouse warehouse, ModelManifest source, Map<String, String> overrides) {
        this.warehouse = warehouse;
        this.store = ModelStore.of(warehouse);
        this.source = source;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * @param featuresModelId the model whose stored CNN features to train from; null: the only model that
     *                        {@code paralinguistic_frames} holds features of
     * @param overrides keys given by the user, layered over the source model's
     */
    static FusionSetup of(Warehouse warehouse, String featuresModelId, Map<String, String> overrides) {
        Objects.requireNonNull(warehouse, "warehouse");
        String id = featuresModelId != null ? featuresModelId : onlyModelWithFeatures(warehouse);
        return new FusionSetup(warehouse, ModelStore.of(warehouse).manifest(id), overrides);
    }

    private static String onlyModelWithFeatures(Warehouse warehouse) {
        List<String> ids = warehouse.read(Tables.PARALINGUISTIC_FRAMES).select("model_id").distinct().orderBy(col("model_id"))
                .as(Encoders.STRING()).collectAsList();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("No paralinguistic features in " + warehouse + ": run 'emospark features "
                    + "--paralinguistic --model ID' first");
        }
        if (ids.size() > 1) {
            throw new IllegalArgumentException("paralinguistic_frames holds the features of several models (" + String.join(", ", ids)
                    + "): say which to train from with --features ID");
        }
        return ids.get(0);
    }

    ModelStore store() {
        return store;
    }

    ModelManifest source() {
        return source;
    }

    /** A configuration named {@code name}: the source's keys, the user's, then {@code own}; checked against the CNN. */
    FusionRun run(String name, Map<String, String> own) {
        // A source trained on shifted windows still gives the fusion stage its features on the grid from frame 0 only.
        Map<String, String> keys = new LinkedHashMap<>(ConfiguredTraining.keysOf(source.config(),
                source.settings().withShuffledLabels(false).withShiftWindows(false)));
        keys.put(ConfigKeys.FUSION_INIT.name(), ConfigKeys.FUSION_INIT.defaultValue());
        keys.putAll(overrides);
        keys.putAll(own);
        EmosparkConfig c = EmosparkConfig.ofOverrides(keys);
        ModelConfig config = ConfiguredTraining.model(c);
        FusionStart.requireSameCnn(config, source.modelId(), source.config());
        return new FusionRun(name, config, ConfiguredTraining.settings(c), ConfiguredTraining.fusionInit(c));
    }

    /** The lake's features of the source model, framed for {@code config}. */
    FeatureExamples examples(ModelConfig config) {
        return new FeatureExamples(warehouse, config, source.modelId());
    }

    /**
     * Loads the Train and Devel recordings, checking that the lake still is what the model ids were computed from.
     */
    LoadedExamples<FeatureExample> load(FeatureExamples examples, String embeddingSet, Map<String, Long> versions) {
        LoadedExamples<FeatureExample> loaded = examples.load(SPLITS);
        if (!loaded.tableVersions().equals(versions) || !Objects.equals(loaded.embeddingSet(), embeddingSet)) {
            throw new IllegalStateException("The lake changed while training data was being read: run train again");
        }
        return loaded;
    }

    /** What training needs of the loaded recordings and the source model. */
    FusionTraining.Data data(LoadedExamples<FeatureExample> loaded) {
        return new FusionTraining.Data(
                new FusionStart.Source(source.modelId(), source.config(), store.parameters(source.modelId())),
                loaded.split("Train"), loaded.split("Devel"), loaded.embeddingSet(), loaded.tableVersions());
    }
}
