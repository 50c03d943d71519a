package org.emospark.train;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.emospark.features.embedding.EmbeddingSets;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;
import org.emospark.model.data.LakeExamples;
import org.emospark.model.data.LoadedExamples;
import org.emospark.model.store.ModelId;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.model.store.ModelStore;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * Trains a model from the lake and stores it: Train and Devel recordings in, a stored model (parameters,
 * manifest) and a {@code models} row out. Idempotent: the model id digests the config, settings and input
 * table versions, and a model already stored under that id is not trained again unless forced.
 */
public final class TrainAction extends SparkAction<TrainResult> {
    private final Warehouse warehouse;
    private final ModelConfig config;
    private final TrainSettings settings;
    private String name;
    private boolean force;
    private Consumer<String> progress = line -> { };

    public TrainAction(Warehouse warehouse, ModelConfig config, TrainSettings settings) {
        super(warehouse.spark(), "train");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The model's name, the readable part of its id (default: fusion-streams, e.g. attention-both). */
    public TrainAction name(String value) {
        this.name = value;
        return this;
    }

    /** Train again even when a model with the same id is stored. */
    public TrainAction force(boolean value) {
        this.force = value;
        return this;
    }

    /** Where the per-epoch progress lines go. */
    public TrainAction progress(Consumer<String> value) {
        this.progress = Objects.requireNonNull(value, "progress");
        return this;
    }

    @Override
    protected String description() {
        return "Training " + (name != null ? name : "a model") + " from " + warehouse;
    }

    @Override
    protected TrainResult run(JobGroup group) {
        String set = new LakeExamples(warehouse, this.config).embeddingSet();
        // From here on the network as the lake's frames make it.
        ModelConfig config = withWordInputOf(set, this.config);
        LakeExamples lake = new LakeExamples(warehouse, config);
        String modelName = name != null ? name : ModelId.defaultName(config, settings);
        String id = ModelId.of(modelName, config, settings, set, lake.tableVersions());
        ModelStore store = ModelStore.of(warehouse);
        ModelRegistry registry = new ModelRegistry(warehouse);
        if (!force && store.exists(id)) {
            ModelManifest stored = store.manifest(id);
            MergeCounts registered = registry.register(stored, store.pathOf(id));
            return new TrainResult(stored, store.pathOf(id), false, Map.of(), registered,
                    group.elapsedSeconds());
        }
        LoadedExamples<RecordingExample> data = lake.load(List.of("Train", "Devel"), true);
        if (!id.equals(ModelId.of(modelName, config, settings, data.embeddingSet(), data.tableVersions()))) {
            throw new IllegalStateException("The lake changed while training data was being read: run train again");
        }
        List<RecordingExample> train = data.split("Train");
        List<RecordingExample> devel = data.split("Devel");
        ModelTrainer.Result r = new ModelTrainer(config, settings, progress).train(train, devel);
        ModelManifest manifest = r.manifest(id, modelName, data.embeddingSet(), data.tableVersions(), ids(train),
                ids(devel), null);
        String path = store.save(manifest, r.bestParameters());
        MergeCounts registered = registry.register(manifest, path);
        return new TrainResult(manifest, path, true, data.skipped(), registered, group.elapsedSeconds());
    }

    /**
     * {@code c} with its word input as wide as the vectors of {@code set}, the set semantic_frames hold (null: none):
     * a set of another width (imported vectors, Speech2Vec, text and speech side by side) leaves the network no other
     * choice, so no key has to say it.
     */
    private ModelConfig withWordInputOf(String set, ModelConfig c) {
        if (!c.streams().usesSemantic() || set == null) {
            return c;
        }
        int dims = EmbeddingSets.dims(warehouse, set);
        if (dims == c.semanticDims()) {
            return c;
        }
        progress.accept(String.format("word input: %d values per word, the width of embedding set %s in semantic_frames "
                + "(instead of emospark.embed.vectorSize=%d)", dims, set, c.semanticDims()));
        return c.toBuilder().semanticDims(dims).build();
    }

    private static List<String> ids(List<RecordingExample> recordings) {
        return recordings.stream().map(RecordingExample::recordingId).toList();
    }
}
