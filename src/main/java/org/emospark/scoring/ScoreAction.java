package org.emospark.scoring;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.emospark.config.ConfigKeys;
import org.emospark.executor.DeviceChoice;
import org.emospark.executor.ExecutorModels;
import org.emospark.executor.ModelRef;
import org.emospark.features.embedding.EmbeddingSets;
import org.emospark.executor.RecordingStream;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.model.store.ModelStore;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * Scores recordings of the lake with a stored model, in the executors: {@code predictions} (arousal, valence and
 * liking per 100 ms frame) and {@code recording_emotion} (one summary row per recording and model).
 *
 * <p><b>Incremental.</b> A recording counts as scored by a model when {@code recording_emotion} has its row for
 * that model; only the others are scored, unless {@link #rescore}. {@code recording_emotion} is written last, so a
 * run that dies half way leaves those recordings to the next run. Nothing new to score: nothing is written, no
 * table gets a new version.
 *
 * <p><b>Idempotent.</b> Every table is written with {@link KeyedMerge} on its keys, its deletions limited to the
 * recordings scored now and to this model: {@code predictions} on (recording_id, frame, model_id), so a recording
 * has one row per frame and model whatever the score dates (a rescore on another date moves its rows to that
 * date's partition); scoring the same recordings again with the same model writes no change and makes no commit.
 *
 * <p><b>Bad input loses nothing.</b> A recording the model cannot score (no or broken audio chunks, another
 * sample rate, word vectors of another size) becomes a {@code rejects} row (stage {@value #STAGE}, its detail
 * naming the model) and the run goes on; a later run that scores it removes that reject. A recording without
 * words (no transcript, or semantic frames not built yet) is scored with zero word vectors and flagged
 * {@code has_transcript = false}.
 *
 * <p><b>Cost.</b> One shuffle brings each recording's rows to one task: its recordings row, subject turns and the
 * vectors of the frames with a word (two small aggregations), then its audio chunks, sorted, streamed in
 * {@code chunk_index} order; a task holds the audio of the recording it is scoring, not of its whole partition.
 * Each executor loads the model once ({@link ExecutorModels}) on the device Spark gave the task
 * ({@link DeviceChoice}). Partitions follow spark.sql.shuffle.partitions (adaptive execution merges small ones).
 * Then one MERGE per table, each joining the new rows with the table: rejects and predictions side by side,
 * recording_emotion after both.
 */
public final class ScoreAction extends SparkAction<ScoreResult> {
    /** The stage of the rejects this action writes. */
    public static final String STAGE = "score";

    private final Warehouse warehouse;
    private String modelId;
    private String recordingFilter;
    private LocalDate scoreDate;
    private boolean rescore;
    private int batchSize = Integer.parseInt(ConfigKeys.SCORE_BATCH.defaultValue());
    private WindowMode windows = WindowMode.parseSetting(ConfigKeys.SCORE_WINDOWS.defaultValue());

    public ScoreAction(Warehouse warehouse) {
        super(warehouse.spark(), "score");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /** The model to score with; default: the most recently trained ({@link ModelRegistry#latest()}). */
    public ScoreAction model(String value) {
        this.modelId = value;
        return this;
    }

    /** A Spark SQL condition on {@code recordings} columns, e.g. {@code split = 'Test'}; default: every recording. */
    public ScoreAction recordings(String sqlCondition) {
        this.recordingFilter = sqlCondition == null || sqlCondition.isBlank() ? null : sqlCondition;
        return this;
    }

    /** The date the rows are filed under ({@code score_date}); default: today on the driver's clock. */
    public ScoreAction scoreDate(LocalDate value) {
        this.scoreDate = value;
        return this;
    }

    /** Score the selected recordings even when this model has scored them before. */
    public ScoreAction rescore(boolean value) {
        this.rescore = value;
        return this;
    }

    /** Windows per forward pass. */
    public ScoreAction batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Score batch size must be at least 1, cannot be: " + value);
        }
        this.batchSize = value;
        return this;
    }

    /**
     * Zero LSTM state per window ({@link WindowMode#FAITHFUL}) or one state through the recording; null (the default):
     * as the model was trained ({@link WindowMode#trainedWith}).
     */
    public ScoreAction windows(WindowMode value) {
        this.windows = value;
        return this;
    }

    @Override
    protected String description() {
        return "Scoring recordings with model " + (modelId != null ? modelId : "(the latest)")
                + (recordingFilter == null ? "" : " (" + recordingFilter + ")");
    }

    @Override
    protected ScoreResult run(JobGroup group) {
        if (!warehouse.exists(Tables.RECORDINGS)) {
            throw new IllegalArgumentException("No recordings in " + warehouse + ": run 'emospark ingest' first");
        }
        String id = modelId != null ? modelId : new ModelRegistry(warehouse).latest();
        ModelManifest manifest = ModelStore.of(warehouse).manifest(id);
        WindowMode mode = windows != null ? windows : WindowMode.trainedWith(manifest.config(), manifest.settings());
        LocalDate date = scoreDate != null ? scoreDate : LocalDate.now();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
        group.step("Listing the recordings to score");
        Map<String, String> selected = selected();
        Set<String> done = rescore ? Set.of() : scoredBefore(id, selected.keySet());
        Map<String, String> toScore = new TreeMap<>(selected);
        toScore.keySet().removeAll(done);
        ScoreResult.Selection selection = new ScoreResult.Selection(id, date, recordingFilter, rescore, selected.size(),
                done.size());
        if (toScore.isEmpty()) {
            return ScoreResult.nothingToScore(selection, group.elapsedSeconds(), group.stepSeconds());
        }
        Dataset<Row> ids = broadcast(warehouse.spark().createDataset(new ArrayList<>(toScore.keySet()), Encoders.STRING())
                .toDF("recording_id"));
        checkEmbeddingSet(manifest, ids);
        Broadcast<ModelRef> model = jsc.broadcast(ModelRef.of(warehouse, id));
        Timestamp now = Timestamp.from(Instant.now());
        Dataset<Row> results = RecordingStream.perRecording(RecordingStream.of(warehouse, ids, true, false),
                        new RecordingScorer(model, batchSize, mode, Date.valueOf(date), now), ScoreRows.RESULT)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            group.step("Scoring " + toScore.size() + " recordings with model " + id + " (batches of "
                    + batchSize + " windows, " + mode.key() + ")");
            Row stats = ScoreRows.emotion(results).agg(count("*"), sum("frames"), sum("audio_s"),
                    sum(when(not(col("has_transcript")), 1).otherwise(0))).head();
            Map<String, Long> rejected = new TreeMap<>();
            for (Row r : ScoreRows.rejects(results).groupBy("reason").count().collectAsList()) {
                rejected.put(r.getString(0), r.getLong(1));
            }
            List<String> scope = new ArrayList<>(toScore.keySet());
            Column thisModel = col("t.model_id").equalTo(id);
            // The two merges are mostly the driver's work (planning, the Delta log, the commit), so they overlap on a
            // second core; recording_emotion waits for both, since its row is what marks a recording as scored.
            group.step("Merging score rejects and predictions into " + warehouse.pathOf(Tables.REJECTS) + " and "
                    + warehouse.pathOf(Tables.PREDICTIONS));
            JobGroup.Both<MergeCounts, MergeCounts> merged = group.beside(
                    () -> KeyedMerge.merge(warehouse, Tables.REJECTS, ScoreRows.rejects(results),
                            new ArrayList<>(new TreeSet<>(toScore.values())), col("t.stage").equalTo(STAGE)
                                    .and(col("t.detail").startsWith(ScoreRows.detailPrefix(id)))),
                    () -> KeyedMerge.merge(warehouse, Tables.PREDICTIONS, ScoreRows.predictions(results), scope,
                            thisModel));
            MergeCounts rejects = merged.first();
            MergeCounts predictions = merged.second();
            group.step("Merging recording_emotion into " + warehouse.pathOf(Tables.RECORDING_EMOTION));
            MergeCounts emotion = KeyedMerge.merge(warehouse, Tables.RECORDING_EMOTION, ScoreRows.emotion(results),
                    scope, thisModel);
            Map<String, Double> steps = group.stepSeconds();
            return new ScoreResult(selection, stats.getLong(0), rejected, longOrZero(stats, 3), longOrZero(stats, 1),
                    stats.isNullAt(2) ? 0 : stats.getDouble(2), group.elapsedSeconds(), predictions, emotion, rejects,
                    steps);
        } finally {
            results.unpersist();
        }
    }

    /** The selected recordings: id -> source_uri. */
    private Map<String, String> selected() {
        Dataset<Row> recordings = warehouse.read(Tables.RECORDINGS);
        if (recordingFilter != null) {
            try {
                recordings = recordings.where(recordingFilter);
            } catch (Exception e) {
                if (e instanceof AnalysisException a) {
                    throw new IllegalArgumentException("Cannot select recordings with '" + recordingFilter
                            + "' (a Spark SQL condition on the columns of the recordings table): " + a.getSimpleMessage(), e);
                }
                throw e;
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (Row r : recordings.select("recording_id", "source_uri").collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    /** Which of {@code ids} have a recording_emotion row for the model. */
    private Set<String> scoredBefore(String id, Set<String> ids) {
        Set<String> out = new HashSet<>();
        for (Row r : warehouse.read(Tables.RECORDING_EMOTION).where(col("model_id").equalTo(id)).select("recording_id")
                .collectAsList()) {
            if (ids.contains(r.getString(0))) {
                out.add(r.getString(0));
            }
        }
        return out;
    }

    /**
     * Refuses to score with word vectors of another embedding set than the model learnt (unless aligned into it):
     * the vectors would have the right size and mean nothing to it.
     */
    private void checkEmbeddingSet(ModelManifest manifest, Dataset<Row> ids) {
        if (!manifest.config().streams().usesSemantic() || manifest.embeddingSet() == null) {
            return;
        }
        warehouse.spark().sparkContext().setJobDescription("Checking the embedding set of the semantic frames");
        for (Row r : warehouse.read(Tables.SEMANTIC_FRAMES).join(ids, "recording_id", "left_semi").select("embedding_set")
                .distinct().limit(2).collectAsList()) {
            if (!EmbeddingSets.sameSpace(warehouse, manifest.embeddingSet(), r.getString(0))) {
                throw new IllegalArgumentException("Model " + manifest.modelId() + " learnt word vectors of embedding set "
                        + manifest.embeddingSet() + " but the semantic frames of the recordings to score come from "
                        + r.getString(0) + ": rerun 'emospark features --semantic --embeddings " + manifest.embeddingSet()
                        + "', or align that set into it (embed --align-to " + manifest.embeddingSet()
                        + "), or score with a model trained on " + r.getString(0));
            }
        }
    }

    private static long longOrZero(Row row, int i) {
        return row.isNullAt(i) ? 0 : row.getLong(i);
    }

}
