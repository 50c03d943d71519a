package org.emospark.train;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.emospark.frames.FeatureExample;
import org.emospark.frames.FramedExample;
import org.emospark.model.store.FusionOrigin;
import org.emospark.model.store.ModelId;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;

/**
 * Trains one configuration of the fusion stage from loaded CNN features and stores the model: the part that runs
 * wherever training runs (the driver for one configuration, one executor task per configuration in a sweep), with
 * no SparkSession. The stored model is a whole network, the source's CNN and the trained rest, which {@code score}
 * and {@code evaluate} load like any other.
 */
public final class FusionTraining {
    /** What every configuration trains from: serializable, so a sweep broadcasts it once. */
    public record Data(FusionStart.Source source, List<FeatureExample> train, List<FeatureExample> devel,
                       String embeddingSet, Map<String, Long> inputVersions) implements Serializable {
        public Data {
            Objects.requireNonNull(source, "source");
            train = List.copyOf(train);
            devel = List.copyOf(devel);
            inputVersions = Map.copyOf(inputVersions);
        }
    }

    /** A stored model and where it is. */
    public record Trained(ModelManifest manifest, String path) implements Serializable {
    }

    private FusionTraining() {
    }

    /**
     * The id of the model {@code run} makes from the source model and lake tables at {@code inputVersions}: it digests
     * the network, the training, the embedding set, the table versions, the source model and the start.
     */
    public static String modelId(FusionRun run, String sourceModelId, String embeddingSet, Map<String, Long> inputVersions) {
        return ModelId.of(run.name(), run.config(), run.settings(), embeddingSet, inputVersions, sourceModelId,
                run.init().key());
    }

    /** Trains {@code run}, stores the model in {@code store} and returns its manifest; {@code sweep} may be null. */
    public static Trained train(FusionRun run, Data data, String sweep, ModelStore store, Consumer<String> progress) {
        FusionStart start = new FusionStart(data.source(), run.init());
        ModelTrainer.Result r = new ModelTrainer(run.config(), run.settings(), progress)
                .trainFusion(data.train(), data.devel(), start);
        FusionOrigin origin = new FusionOrigin(data.source().modelId(), run.init().key(), start.fromSource(), sweep);
        ModelManifest manifest = r.manifest(modelId(run, data.source().modelId(), data.embeddingSet(), data.inputVersions()),
                run.name(), data.embeddingSet(), data.inputVersions(), ids(data.train()), ids(data.devel()), origin);
        return new Trained(manifest, store.save(manifest, r.bestParameters()));
    }

    private static List<String> ids(List<? extends FramedExample> recordings) {
        return recordings.stream().map(FramedExample::recordingId).toList();
    }
}
