package org.emospark.train;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.emospark.evaluate.EvaluateAction;
import org.emospark.evaluate.EvaluateResult;
import org.emospark.frames.FeatureExample;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Warehouse;
import org.emospark.model.data.FeatureExamples;
import org.emospark.model.data.LoadedExamples;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.model.store.ModelStore;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * A sweep of the fusion stage: the configurations of a {@link FusionSweep} file, each trained in its own Spark task
 * (a parallelize of the configurations, one per partition) from the same CNN features, broadcast once from the driver
 * with the source model's parameters. Every model is stored and registered in {@code models} under the sweep's name,
 * the best by mean Devel CCC flagged ({@code sweep_best}), and all are evaluated on Devel ({@code evaluations}, one
 * report each and a comparison page).
 *
 * <p>Idempotent: a configuration whose model is stored already is not trained again (unless forced), so a rerun
 * only trains the configurations that are new or failed. A configuration that fails (a diverging loss, say) is
 * reported with its error and does not stop the others.
 *
 * <p>Cost: one task per configuration, each training on one core's share of its executor (a local run on 2 cores
 * trains two at a time); the features and the source's parameters travel once per executor.
 */
public final class FusionSweepAction extends SparkAction<FusionSweepResult> {
    private final Warehouse warehouse;
    private final Path file;
    private String featuresModelId;
    private Map<String, String> overrides = Map.of();
    private boolean force;
    private Path reportDir;

    public FusionSweepAction(Warehouse warehouse, Path file) {
        super(warehouse.spark(), "fusion-sweep");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The model whose CNN features to train from (and whose CNN to keep); default: the only one with features. */
    public FusionSweepAction features(String modelId) {
        this.featuresModelId = modelId;
        return this;
    }

    /** Keys layered over the source model's network and training, below each configuration's own. */
    public FusionSweepAction overrides(Map<String, String> keys) {
        this.overrides = Map.copyOf(keys);
        return this;
    }

    /** Train every configuration again, stored or not. */
    public FusionSweepAction force(boolean value) {
        this.force = value;
        return this;
    }

    /** Where the Devel reports go; default: {@link EvaluateAction#defaultReportDir}. */
    public FusionSweepAction reportDir(Path value) {
        this.reportDir = value;
        return this;
    }

    @Override
    protected String description() {
        return "Fusion sweep " + file;
    }

    @Override
    protected FusionSweepResult run(JobGroup group) {
        FusionSweep sweep = FusionSweep.read(file);
        FusionSetup setup = FusionSetup.of(warehouse, featuresModelId, overrides);
        Map<String, FusionRun> runs = new LinkedHashMap<>();
        for (String name : sweep.names()) {
            runs.put(name, setup.run(sweep.modelName(name), sweep.keys(name)));
        }
        FusionRun first = runs.values().iterator().next();
        FeatureExamples examples = setup.examples(first.config());
        for (FusionRun run : runs.values()) {
            if (run.config().semanticInputs() != first.config().semanticInputs()) {
                throw new IllegalArgumentException("The configurations of sweep " + sweep.name() + " must share the word "
                        + "vectors' size (emospark.embed.vectorSize) and emospark.model.speakingRate: they train from "
                        + "the same semantic frames");
            }
        }
        Map<String, Long> versions = examples.tableVersions();
        String embeddingSet = examples.embeddingSet();
        String sourceId = setup.source().modelId();
        ModelStore store = setup.store();
        List<FusionRun> toTrain = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (Map.Entry<String, FusionRun> e : runs.entrySet()) {
            String id = FusionTraining.modelId(e.getValue(), sourceId, embeddingSet, versions);
            ids.put(e.getKey(), id);
            if (force || !store.exists(id)) {
                toTrain.add(e.getValue());
            }
        }

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        double trainSeconds = 0;
        Map<String, String> skipped = Map.of();
        if (!toTrain.isEmpty()) {
            LoadedExamples<FeatureExample> loaded = setup.load(examples, embeddingSet, versions);
            skipped = loaded.skipped();
            long trainStart = System.nanoTime();
            for (Outcome o : trainInTasks(sweep.name(), toTrain, setup.data(loaded))) {
                outcomes.put(o.name(), o);
            }
            trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        }

        List<FusionSweepResult.Row> rows = new ArrayList<>();
        List<ModelManifest> done = new ArrayList<>();
        for (Map.Entry<String, FusionRun> e : runs.entrySet()) {
            String modelName = e.getValue().name();
            Outcome o = outcomes.get(modelName);
            if (o != null && o.error() != null) {
                rows.add(new FusionSweepResult.Row(e.getKey(), ids.get(e.getKey()), e.getValue(), null, false, o.error()));
            } else {
                ModelManifest m = o != null ? o.trained().manifest() : store.manifest(ids.get(e.getKey()));
                done.add(m);
                rows.add(new FusionSweepResult.Row(e.getKey(), m.modelId(), e.getValue(), m, o != null, null));
            }
        }
        String best = done.stream().filter(m -> Double.isFinite(m.devel().meanCcc()))
                .max(java.util.Comparator.comparingDouble(m -> m.devel().meanCcc())).map(ModelManifest::modelId).orElse(null);
        MergeCounts registered = null;
        EvaluateResult evaluated = null;
        if (!done.isEmpty()) {
            List<ModelRegistry.Entry> entries = new ArrayList<>();
            for (ModelManifest m : done) {
                entries.add(new ModelRegistry.Entry(m, store.pathOf(m.modelId()), m.modelId().equals(best)));
            }
            registered = new ModelRegistry(warehouse).register(entries);
            evaluated = new EvaluateAction(warehouse, done.stream().map(ModelManifest::modelId).toList(), "Devel",
                    reportDir != null ? reportDir : EvaluateAction.defaultReportDir(warehouse)).execute();
        }
        return new FusionSweepResult(sweep.name(), sourceId, rows, best, skipped, registered, evaluated, trainSeconds,
                group.elapsedSeconds());
    }

    /** Trains {@code runs}, one Spark task each, and returns what became of each. */
    private List<Outcome> trainInTasks(String sweep, List<FusionRun> runs, FusionTraining.Data data) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
        // The one job that trains, in a group of its own inside the sweep's: one task per configuration.
        try (JobGroup training = JobGroup.start(warehouse.spark(), "train-fusion-sweep", "Fusion sweep " + sweep
                + ": training " + runs.size() + " configuration(s) from the CNN features of model " + data.source().modelId())) {
            Broadcast<FusionTraining.Data> shared = jsc.broadcast(data);
            Configuration hadoop = warehouse.spark().sparkContext().hadoopConfiguration();
            return jsc.parallelize(runs, runs.size())
                    .mapPartitions(new SweepTask(sweep, shared, warehouse.root(), new SerializableConfiguration(hadoop)))
                    .collect();
        }
    }

    /** What became of one configuration: its stored model, or why it failed. */
    record Outcome(String name, FusionTraining.Trained trained, String error) implements Serializable {
    }

    /** The executor side: trains each configuration of its partition (one, as the sweep parallelizes them). */
    private record SweepTask(String sweep, Broadcast<FusionTraining.Data> data, String warehouseRoot,
                             SerializableConfiguration hadoop) implements FlatMapFunction<Iterator<FusionRun>, Outcome> {
        @Override
        public Iterator<Outcome> call(Iterator<FusionRun> runs) {
            List<Outcome> out = new ArrayList<>();
            ModelStore store = new ModelStore(warehouseRoot, hadoop.value());
            while (runs.hasNext()) {
                FusionRun run = runs.next();
                try {
                    out.add(new Outcome(run.name(), FusionTraining.train(run, data.value(), sweep, store, line -> {
                        System.err.println(run.name() + ": " + line);
                        System.err.flush();
                    }), null));
                } catch (RuntimeException e) {
                    out.add(new Outcome(run.name(), null, e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
            return out.iterator();
        }
    }
}
