package org.emospark.features.paralinguistic;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.not;

import java.sql.Timestamp;
import java.time.Instant;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.emospark.config.ConfigKeys;
import org.emospark.executor.ExecutorModels;
import org.emospark.executor.ModelRef;
import org.emospark.executor.RecordingStream;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.model.store.ModelStore;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * Writes {@code paralinguistic_frames}: a stored model's CNN run over every recording of the lake in the executors,
 * one row per 100 ms frame holding the CNN's output for that frame ({@code F} float32 values, 4,410 in the paper's
 * network, 882 in the quick one), keyed by recording, frame and model, so features of different CNNs never mix. The
 * fusion stage ({@code train --stage fusion}) trains from them without running the CNN.
 *
 * <p>The CNN sees a whole window at a time and its convolutions reach across frames, so a frame's output depends on
 * the window it was computed in: frames are computed on the window grid from frame 0, in windows of the model's
 * length, exactly as training, evaluation and scoring cut them; the last window is zero-padded. A recording's frames
 * cover all its audio and all its label rows.
 *
 * <p><b>Storage.</b> {@code vector} is binary float32 little-endian ({@code dims} values), the codec of
 * {@code audio_chunks.pcm}: 4 bytes a value before Parquet's compression, decoded without boxing. An
 * {@code array<float>} column would hold the same values, but Spark's Java API hands it over as boxed {@code Float}s
 * (4,410 objects a frame) and Parquet stores it as a repeated field with levels per value.
 *
 * <p><b>Idempotent.</b> One keyed merge on (recording_id, frame, model_id), its deletions limited to this model: the
 * same lake, model and batch size give the same rows, and a rerun changes none and makes no commit. Another batch
 * size can change the last bits of some frames (PyTorch picks its convolution kernels by the batch's shape; seen on
 * one recording of six, within 1e-5), and a run with it rewrites those rows.
 *
 * <p><b>Bad input loses nothing.</b> A recording the model cannot read (no or broken audio chunks, another sample
 * rate, no samples) becomes a {@code rejects} row (stage {@value #STAGE}, its detail naming the model); the run goes
 * on, and a later run that computes it removes the reject.
 *
 * <p><b>Cost.</b> One shuffle brings each recording's rows to one task ({@link RecordingStream}); each executor loads
 * the model once ({@link ExecutorModels}), on the GPU Spark gave the task if any; the CNN is most of the whole
 * network's work. The results are cached (memory and disk: 17.6 KB a frame in the paper's network) for the two
 * merges that follow.
 */
public final class ParalinguisticFramesAction extends SparkAction<ParalinguisticFramesResult> {
    /** The stage of the rejects this action writes. */
    public static final String STAGE = "features";

    private final Warehouse warehouse;
    private String modelId;
    private int batchSize = Integer.parseInt(ConfigKeys.SCORE_BATCH.defaultValue());

    public ParalinguisticFramesAction(Warehouse warehouse) {
        super(warehouse.spark(), "features-paralinguistic");
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /** The model whose CNN to run; default: the most recently trained ({@link ModelRegistry#latest()}). */
    public ParalinguisticFramesAction model(String value) {
        this.modelId = value;
        return this;
    }

    /** Windows per forward pass. */
    public ParalinguisticFramesAction batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, cannot be: " + value);
        }
        this.batchSize = value;
        return this;
    }

    /**
     * Whether the table holds rows of this model that the run did not bring (frames of a recording rejected now, or
     * past its new end): only then does the merge delete. A merge that may delete (Delta's WHEN NOT MATCHED BY SOURCE)
     * rewrites every file of the table, the features of every other model included (Delta 3.x scans and rewrites the
     * whole target then, whatever the clause's condition); one that only inserts and updates touches this model's.
     */
    private boolean hasStaleRows(String id, Dataset<Row> frames) {
        Dataset<Row> stored = warehouse.read(Tables.PARALINGUISTIC_FRAMES).where(col("model_id").equalTo(id)).as("t");
        Dataset<Row> brought = frames.select("recording_id", "frame").as("s");
        return !stored.join(brought, col("t.recording_id").equalTo(col("s.recording_id"))
                .and(col("t.frame").equalTo(col("s.frame"))), "left_anti").isEmpty();
    }

    @Override
    protected String description() {
        return "Paralinguistic frames: the CNN of model " + (modelId != null ? modelId : "(the latest)");
    }

    @Override
    protected ParalinguisticFramesResult run(JobGroup group) {
        if (!warehouse.exists(Tables.RECORDINGS)) {
            throw new IllegalArgumentException("No recordings in " + warehouse + ": run 'emospark ingest' first");
        }
        String id = modelId != null ? modelId : new ModelRegistry(warehouse).latest();
        ModelManifest manifest = ModelStore.of(warehouse).manifest(id);
        if (!manifest.config().streams().usesParalinguistic()) {
            throw new IllegalArgumentException("Model " + id + " has no CNN (streams " + manifest.config().streams()
                    .name().toLowerCase() + "): there are no paralinguistic features to compute with it");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
        group.step("Listing the recordings");
        Map<String, String> sources = new TreeMap<>();
        Map<String, Double> seconds = new TreeMap<>();
        for (Row r : warehouse.read(Tables.RECORDINGS).select("recording_id", "source_uri", "duration_s")
                .collectAsList()) {
            sources.put(r.getString(0), r.getString(1));
            seconds.put(r.getString(0), r.getDouble(2));
        }
        Dataset<Row> ids = broadcast(warehouse.spark().createDataset(new ArrayList<>(sources.keySet()), Encoders.STRING())
                .toDF("recording_id"));
        Broadcast<ModelRef> model = jsc.broadcast(ModelRef.of(warehouse, id));
        Dataset<Row> results = RecordingStream.perRecording(RecordingStream.of(warehouse, ids, false, true),
                new CnnFeatureRows(model, batchSize, Timestamp.from(Instant.now())), CnnFeatureRows.RESULT)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            group.step("Running the CNN of model " + id + " over " + sources.size() + " recordings (batches of "
                    + batchSize + " windows)");
            long computing = System.nanoTime();
            Dataset<Row> rejects = results.where(col("reject").isNotNull()).select("reject.*");
            Map<String, Long> rejected = new TreeMap<>();
            Set<String> rejectedIds = new HashSet<>();
            for (Row r : rejects.select("reason", "recording_id").collectAsList()) {
                rejected.merge(r.getString(0), 1L, Long::sum);
                rejectedIds.add(r.getString(1));
            }
            // A recording whose audio turned out broken part-way has frames from before the fault: it is a
            // reject, and none of its frames count.
            Dataset<Row> frames = results.where(col("reject").isNull()
                    .and(not(col("recording_id").isin(rejectedIds.toArray())))).drop("reject");
            Row stats = frames.agg(count("*"), countDistinct("recording_id")).head();
            double computeSeconds = (System.nanoTime() - computing) / 1e9;
            double audioSeconds = seconds.entrySet().stream().filter(e -> !rejectedIds.contains(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
            group.step("Merging paralinguistic-features rejects into " + warehouse.pathOf(Tables.REJECTS));
            MergeCounts rejectsWritten = KeyedMerge.merge(warehouse, Tables.REJECTS, rejects,
                    new ArrayList<>(new TreeSet<>(sources.values())), col("t.stage").equalTo(STAGE)
                            .and(col("t.detail").startsWith(CnnFeatureRows.detailPrefix(id))));
            group.step("Merging paralinguistic frames into " + warehouse.pathOf(Tables.PARALINGUISTIC_FRAMES));
            MergeCounts written = KeyedMerge.merge(warehouse, Tables.PARALINGUISTIC_FRAMES, frames,
                    hasStaleRows(id, frames) ? List.copyOf(sources.keySet()) : List.of(), col("t.model_id").equalTo(id));
            return new ParalinguisticFramesResult(id, manifest.config().paralinguisticFeatures(), sources.size(),
                    stats.getLong(1), rejected, stats.getLong(0), audioSeconds, computeSeconds, written, rejectsWritten,
                    group.elapsedSeconds());
        } finally {
            results.unpersist();
        }
    }
}
