package org.emospark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emospark.corpus.text.SplitNames;
import org.emospark.features.embedding.EmbeddingSets;
import org.emospark.frames.FramedExample;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.metrics.EmotionSeries;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.LakeExamples;
import org.emospark.model.data.LoadedExamples;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * Scores stored models on one split of the lake: every labelled recording of the split is predicted
 * frame by frame, scored (CCC, Pearson, RMSE per dimension; on the concatenation, as per-recording mean and
 * per recording) into the {@code evaluations} table, and drawn into a self-contained HTML report per model;
 * with several models, a comparison page as well. Re-evaluating the same model on the same data writes
 * nothing new: inference is deterministic and the merge sees no change.
 */
public final class EvaluateAction extends SparkAction<EvaluateResult> {
    private final Warehouse warehouse;
    private final List<String> modelIds;
    private final String split;
    private final Path reportDir;
    private WindowMode windows;

    public EvaluateAction(Warehouse warehouse, List<String> modelIds, String split, Path reportDir) {
        super(warehouse.spark(), "evaluate");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        if (modelIds.isEmpty()) {
            throw new IllegalArgumentException("Name at least one model to evaluate");
        }
        this.modelIds = List.copyOf(modelIds);
        this.split = SplitNames.normalize(Objects.requireNonNull(split, "split"));
        this.reportDir = Objects.requireNonNull(reportDir, "reportDir");
    }

    /** How the windows run (as in {@code score}); null, the default: as each model was trained. */
    public EvaluateAction windows(WindowMode value) {
        this.windows = value;
        return this;
    }

    /** The default report folder: beside the lake when it is local, else {@code ./emospark-reports}. */
    public static Path defaultReportDir(Warehouse warehouse) {
        String root = warehouse.root();
        return root.startsWith("file:") ? Path.of(java.net.URI.create(root)).resolve("reports") : Path.of("emospark-reports");
    }

    @Override
    protected String description() {
        return "Evaluating " + String.join(", ", modelIds) + " on " + split;
    }

    @Override
    protected EvaluateResult run(JobGroup group) {
        ModelStore store = ModelStore.of(warehouse);
        List<EvaluateResult.ModelEvaluation> done = new ArrayList<>();
        Timestamp at = Timestamp.from(Instant.now());
        // Models that frame audio and words alike share one read of the split (a comparison reads it once).
        Map<List<Object>, LoadedExamples<RecordingExample>> loaded = new HashMap<>();
        for (String id : modelIds) {
            ModelManifest manifest = store.manifest(id);
            ModelConfig c = manifest.config();
            LoadedExamples<RecordingExample> data = loaded.computeIfAbsent(framing(c),
                    k -> new LakeExamples(warehouse, c).load(List.of(split), true));
            if (data.examples().isEmpty()) {
                throw new IllegalArgumentException("No labelled recordings in split " + split + " of " + warehouse
                        + (data.skipped().isEmpty() ? "" : "; left out: " + data.skipped()));
            }
            // Frames from a set aligned into the model's own (embed --align-to) are in the space it was trained in.
            if (manifest.embeddingSet() != null && data.embeddingSet() != null
                    && !EmbeddingSets.sameSpace(warehouse, manifest.embeddingSet(), data.embeddingSet())) {
                throw new IllegalArgumentException("Model " + id + " was trained on embedding set " + manifest.embeddingSet()
                        + " but semantic_frames now hold " + data.embeddingSet() + ": rerun 'emospark features --semantic "
                        + "--embeddings " + manifest.embeddingSet() + "', or align that set into it (embed --align-to "
                        + manifest.embeddingSet() + "), or train a new model");
            }
            List<EmotionSeries> series;
            try (NDManager manager = NDManager.newBaseManager()) {
                SpeechEmotionNet net = store.load(id, manager);
                series = new RecordingPredictor(net, manifest.config(), manifest.settings().batchSize(),
                        windows != null ? windows : WindowMode.trainedWith(manifest.config(), manifest.settings()))
                        .withPrior(manifest.labelPrior()).withLevel(manifest.timingLevel())
                        .series(manager, data.examples());
            }
            SplitEvaluation result = SplitEvaluation.of(id, split, series,
                    FramedExample.subjectFramesById(data.examples()));
            List<String> trainedOn = data.examples().stream().map(RecordingExample::recordingId)
                    .filter(manifest::trainedOn).toList();
            MergeCounts counts = KeyedMerge.merge(warehouse, Tables.EVALUATIONS,
                    warehouse.spark().createDataFrame(EvaluationRows.of(result, at), Tables.EVALUATIONS.schema()),
                    List.of(id), col("t.split").equalTo(lit(split)));
            Path report = write(reportDir.resolve(id + "-" + split + ".html"),
                    new EvaluationReport().render(result, trainedOn));
            done.add(new EvaluateResult.ModelEvaluation(result, report, counts, data.skipped(), trainedOn));
        }
        group.step("Fitting the baselines on Train and scoring them on " + split);
        List<Baselines.Score> baselines = baselines(store.manifest(modelIds.get(0)).config(), loaded);
        Path comparison = null;
        if (done.size() > 1) {
            List<ModelScores> rows = done.stream().map(e -> e.result().toModelScores()).toList();
            comparison = write(reportDir.resolve("compare-" + split + ".html"),
                    new EvaluationReport().compare("Models compared on " + split, rows));
        }
        return new EvaluateResult(split, List.copyOf(done), comparison, baselines, group.elapsedSeconds());
    }

    /** The baselines, fitted on Train with the audio and words framed as the first model frames them. */
    private List<Baselines.Score> baselines(ModelConfig c, Map<List<Object>, LoadedExamples<RecordingExample>> loaded) {
        LoadedExamples<RecordingExample> train = new LakeExamples(warehouse, c).load(List.of("Train"), true);
        if (train.examples().isEmpty()) {
            return List.of();
        }
        LoadedExamples<RecordingExample> data = loaded.get(framing(c));
        return Baselines.fitAndScore(train.examples(), data.examples(), c.frameSamples(), c.semanticDims());
    }

    /** What decides how a model frames the audio and words of a split: models equal in it share one read. */
    private static List<Object> framing(ModelConfig c) {
        return List.of(c.sampleRate(), c.frameSeconds(), c.semanticDims(), c.speakingRate());
    }

    private static Path write(Path file, String html) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, html).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report " + file, e);
        }
    }
}
