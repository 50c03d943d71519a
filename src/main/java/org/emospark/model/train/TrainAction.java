package org.emospark.model.train;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.data.LakeExamples;
import org.emospark.model.data.RecordingExample;
import org.emospark.model.metrics.DimensionScores;
import org.emospark.model.store.ModelId;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.model.store.ModelStore;
import org.emospark.model.data.LoadedExamples;

/**
 * Trains a model from the lake and stores it: Train and Devel recordings in, a stored model (parameters,
 * manifest) and a {@code models} row out. Idempotent: the model id digests the config, settings and input
 * table versions, and a model already stored under that id is not trained again unless forced.
 */
public final class TrainAction {
    private final Warehouse warehouse;
    private final ModelConfig config;
    private final TrainSettings settings;
    private String name;
    private boolean force;
    private Consumer<String> progress = line -> { };

    public TrainAction(Warehouse warehouse, ModelConfig config, TrainSettings settings) {
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

    public TrainResult execute() {
        long started = System.nanoTime();
        LakeExamples lake = new LakeExamples(warehouse, config);
        String modelName = name != null ? name : ModelId.defaultName(config, settings);
        String id = ModelId.of(modelName, config, settings, lake.embeddingSet(), lake.tableVersions());
        ModelStore store = ModelStore.of(warehouse);
        ModelRegistry registry = new ModelRegistry(warehouse);
        if (!force && store.exists(id)) {
            ModelManifest stored = store.manifest(id);
            MergeCounts registered = registry.register(stored, store.pathOf(id));
            return new TrainResult(stored, store.pathOf(id), false, Map.of(), registered,
                    (System.nanoTime() - started) / 1e9);
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
        return new TrainResult(manifest, path, true, data.skipped(), registered, (System.nanoTime() - started) / 1e9);
    }

    private static List<String> ids(List<RecordingExample> recordings) {
        return recordings.stream().map(RecordingExample::recordingId).toList();
    }

    /** What a train run did, and its summary for the console. */
    public record TrainResult(ModelManifest manifest, String path, boolean trained, Map<String, String> skipped,
                              MergeCounts registered, double seconds) {
        public String summary() {
            StringBuilder s = new StringBuilder();
            ModelManifest m = manifest;
            if (trained) {
                s.append(String.format("Trained model %s%n", m.modelId()));
            } else {
                s.append(String.format("Model %s is already trained from the same config, settings and lake table "
                        + "versions; kept it (--force trains again)%n", m.modelId()));
            }
            s.append(String.format("  stored at:   %s%n", path));
            if (m.fusion() != null) {
                s.append(String.format("  stage:       fusion, from the CNN features of model %s (CNN kept as it is; "
                                + "post-CNN start: %s, %d parameter arrays taken from the source)%n", m.fusion().sourceModelId(),
                        m.fusion().init(), m.fusion().fromSource().size()));
            }
            s.append(String.format("  network:     %s fusion, %s stream(s), %,d parameters, windows of %d frames%n",
                    m.config().fusion().name().toLowerCase(), m.config().streams().name().toLowerCase(), m.parameterCount(),
                    m.config().windowFrames()));
            s.append(String.format("  data:        %d Train recordings (%.1f s in windows), %d Devel recordings; "
                            + "embedding set %s%s%n", m.trainRecordings().size(), m.trainAudioSeconds(),
                    m.develRecordings().size(), m.embeddingSet(), m.settings().shuffledLabels() ? "; LABELS SHUFFLED (control)" : ""));
            for (Map.Entry<String, String> e : skipped.entrySet()) {
                s.append(String.format("  left out:    %s (%s)%n", e.getKey(), e.getValue()));
            }
            DimensionScores d = m.devel();
            s.append(String.format("  best epoch:  %d of %d; Devel CCC arousal %.3f, valence %.3f, liking %.3f (mean %.3f)%n",
                    m.bestEpoch(), m.epochs().size(), d.arousal().ccc(), d.valence().ccc(), d.liking().ccc(), d.meanCcc()));
            s.append(String.format("  training:    %.1f s, %.1f s of audio per second, %.1f%% of it waiting for data%n",
                    m.trainWallSeconds(), m.audioSecondsPerSecond(), 100 * m.dataWaitFraction()));
            s.append(String.format("  %s%n", registered));
            s.append(String.format("  time:        %.1f s%n", seconds));
            return s.toString();
        }
    }
}
