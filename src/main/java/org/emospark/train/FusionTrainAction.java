package org.emospark.train;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.emospark.frames.FeatureExample;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Warehouse;
import org.emospark.model.data.FeatureExamples;
import org.emospark.model.data.LoadedExamples;
import org.emospark.model.store.ModelId;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * The fusion stage for one configuration, on the driver: trains the network after the CNN from a model's stored CNN
 * features ({@code paralinguistic_frames}), semantic frames and labels of the Train split, selecting on Devel, and
 * stores a whole network (the source's CNN, unchanged, and the trained rest) registered in {@code models} with its
 * source and the table versions it read. Much cheaper than end to end: the CNN, most of a step's work, never runs.
 * Idempotent like {@link TrainAction}: the model id digests the configuration, the source, the start and the input
 * table versions, and a stored model is kept unless forced.
 */
public final class FusionTrainAction extends SparkAction<TrainResult> {
    private final Warehouse warehouse;
    private String featuresModelId;
    private Map<String, String> overrides = Map.of();
    private String name;
    private boolean force;
    private Consumer<String> progress = line -> { };

    public FusionTrainAction(Warehouse warehouse) {
        super(warehouse.spark(), "train-fusion");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /** The model whose CNN features to train from (and whose CNN to keep); default: the only one with features. */
    public FusionTrainAction features(String modelId) {
        this.featuresModelId = modelId;
        return this;
    }

    /** Keys layered over the source model's network and training ({@code emospark.model.*}, {@code emospark.train.*}). */
    public FusionTrainAction overrides(Map<String, String> keys) {
        this.overrides = Map.copyOf(keys);
        return this;
    }

    /** The model's name, the readable part of its id (default: fusion-<fusion>-<streams>). */
    public FusionTrainAction name(String value) {
        this.name = value;
        return this;
    }

    /** Train again even when a model with the same id is stored. */
    public FusionTrainAction force(boolean value) {
        this.force = value;
        return this;
    }

    /** Where the per-epoch progress lines go. */
    public FusionTrainAction progress(Consumer<String> value) {
        this.progress = Objects.requireNonNull(value, "progress");
        return this;
    }

    @Override
    protected String description() {
        return "Fusion training from the CNN features of model " + (featuresModelId != null ? featuresModelId : "(the latest)");
    }

    @Override
    protected TrainResult run(JobGroup group) {
        FusionSetup setup = FusionSetup.of(warehouse, featuresModelId, overrides);
        FusionRun draft = setup.run("fusion", Map.of());
        FusionRun run = new FusionRun(name != null ? name : "fusion-" + ModelId.defaultName(draft.config(), draft.settings()),
                draft.config(), draft.settings(), draft.init());
        FeatureExamples examples = setup.examples(run.config());
        Map<String, Long> versions = examples.tableVersions();
        String embeddingSet = examples.embeddingSet();
        String id = FusionTraining.modelId(run, setup.source().modelId(), embeddingSet, versions);
        ModelRegistry registry = new ModelRegistry(warehouse);
        if (!force && setup.store().exists(id)) {
            ModelManifest stored = setup.store().manifest(id);
            MergeCounts registered = registry.register(stored, setup.store().pathOf(id));
            return new TrainResult(stored, setup.store().pathOf(id), false, Map.of(), registered, group.elapsedSeconds());
        }
        LoadedExamples<FeatureExample> loaded = setup.load(examples, embeddingSet, versions);
        FusionTraining.Trained trained = FusionTraining.train(run, setup.data(loaded), null, setup.store(), progress);
        MergeCounts registered = registry.register(trained.manifest(), trained.path());
        return new TrainResult(trained.manifest(), trained.path(), true, loaded.skipped(), registered,
                group.elapsedSeconds());
    }

}
