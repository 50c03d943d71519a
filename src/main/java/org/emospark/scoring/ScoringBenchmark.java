package org.emospark.scoring;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.emospark.executor.ExecutorModels;
import org.emospark.executor.LakeRecording;
import org.emospark.executor.ModelRef;
import org.emospark.executor.RecordingStream;
import org.emospark.executor.SharedModel;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.metrics.Spread;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.model.store.ModelStore;
import org.emospark.reject.InputRejectedException;
import org.emospark.runtime.JobGroup;

/**
 * Scoring throughput, the Spark path against a plain loop (figures, not pass/fail). The Spark path is {@code score
 * --rescore} end to end: listing, reading the audio chunks in the executors, the model, the merges into
 * {@code predictions} and {@code recording_emotion}. The plain loop is the same forward pass in this one JVM with no
 * Spark around it: the same recordings' rows fetched to the driver first (untimed), then, timed, each framed from
 * its rows as the executors frame it and predicted with the same shared model, batch size and window mode.
 *
 * <p>Both are run {@code rounds} times, alternating, and reported as min / median / max: the ratio of the two is taken
 * within each round, so load that comes and goes on a shared machine moves both sides of it alike.
 */
public final class ScoringBenchmark {
    private final Warehouse warehouse;
    private final int batchSize;
    private final WindowMode windows;
    private final int rounds;

    /** {@code windows} null: as the model was trained ({@link WindowMode#trainedWith}); {@code rounds} at least 1. */
    public ScoringBenchmark(Warehouse warehouse, int batchSize, WindowMode windows, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("A benchmark needs at least one round, cannot have: " + rounds);
        }
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.batchSize = batchSize;
        this.windows = windows;
        this.rounds = rounds;
    }

    /** Both paths over the recordings {@code filter} selects (all when null), with {@code modelId} (null: latest). */
    public Report run(String modelId, String filter) throws InputRejectedException {
        String id = modelId != null ? modelId : new ModelRegistry(warehouse).latest();
        try (JobGroup group = JobGroup.start(warehouse.spark(), "bench-score", "Scoring benchmark with model " + id)) {
            return run(id, filter, group);
        }
    }

    private Report run(String id, String filter, JobGroup group) throws InputRejectedException {
        ModelManifest manifest = ModelStore.of(warehouse).manifest(id);
        WindowMode mode = windows != null ? windows : WindowMode.trainedWith(manifest.config(), manifest.settings());
        group.step("Listing the recordings to benchmark");
        Dataset<Row> recordings = warehouse.read(Tables.RECORDINGS);
        if (filter != null) {
            recordings = recordings.where(filter);
        }
        List<String> ids = recordings.select("recording_id").as(Encoders.STRING()).collectAsList();
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("No recordings in " + warehouse + (filter == null ? "" : " match " + filter)
                    + ": nothing to benchmark");
        }
        Map<String, List<Row>> rows = new TreeMap<>();
        for (String recording : ids) {
            rows.put(recording, new ArrayList<>());
        }
        group.step("Fetching the recordings' rows for the plain loop");
        Dataset<Row> idFrame = warehouse.spark().createDataset(ids, Encoders.STRING()).toDF("recording_id");
        for (Row r : RecordingStream.of(warehouse, idFrame, true, false).orderBy(col("recording_id"), col("seq"))
                .collectAsList()) {
            rows.get(r.getString(0)).add(r);
        }
        SharedModel model = ExecutorModels.get(ModelRef.of(warehouse, id));
        // One untimed recording: the first call pays for the native library's kernel selection.
        plainPass(model, rows.entrySet().iterator().next(), mode);
        List<Round> measured = new ArrayList<>();
        double sparkAudio = 0;
        double plainAudio = 0;
        for (int round = 0; round < rounds; round++) {
            ScoreResult spark = new ScoreAction(warehouse).model(id).recordings(filter).rescore(true)
                    .batchSize(batchSize).windows(mode).execute();
            if (spark.rejected() > 0) {
                throw new IllegalStateException("The benchmark needs recordings that score; rejected: "
                        + spark.rejectedByReason());
            }
            group.step("Plain loop, round " + (round + 1) + " of " + rounds);
            long started = System.nanoTime();
            double audioSeconds = 0;
            for (Map.Entry<String, List<Row>> recording : rows.entrySet()) {
                audioSeconds += plainPass(model, recording, mode);
            }
            measured.add(new Round(spark.seconds(), (System.nanoTime() - started) / 1e9, spark.stepSeconds()));
            sparkAudio = spark.audioSeconds();
            plainAudio = audioSeconds;
        }
        return new Report(id, ids.size(), batchSize, mode, sparkAudio, plainAudio, measured);
    }

    /** Frames and predicts one recording from its rows; returns its seconds of audio. */
    private double plainPass(SharedModel model, Map.Entry<String, List<Row>> recording, WindowMode windows)
            throws InputRejectedException {
        LakeRecording lake = RecordingStream.gather(recording.getKey(), recording.getValue().iterator());
        RecordingExample example = lake.toExample(model.config());
        model.predict(List.of(example), batchSize, windows);
        lake.checkAllAudioRead();
        return example.pcm().length() / (double) model.config().sampleRate();
    }

    /** One round: the Spark path's seconds (and its steps'), then the plain loop's over the same audio. */
    public record Round(double sparkSeconds, double plainSeconds, Map<String, Double> sparkSteps) {
    }

    /** What both paths took for the same audio, round by round. */
    public record Report(String modelId, int recordings, int batchSize, WindowMode windows, double sparkAudioSeconds,
                         double plainAudioSeconds, List<Round> rounds) {
        public Report {
            rounds = List.copyOf(rounds);
        }

        public Spread sparkTimesRealTime() {
            return Spread.of(rounds.stream().map(r -> sparkAudioSeconds / r.sparkSeconds()).toList());
        }

        public Spread plainTimesRealTime() {
            return Spread.of(rounds.stream().map(r -> plainAudioSeconds / r.plainSeconds()).toList());
        }

        /** Spark's x real time over the plain loop's, each round's pair taken together. */
        public Spread sparkOverPlain() {
            return Spread.of(rounds.stream()
                    .map(r -> (sparkAudioSeconds / r.sparkSeconds()) / (plainAudioSeconds / r.plainSeconds())).toList());
        }

        /** Seconds of each step of the Spark path, over the rounds (steps in the order the first round ran them). */
        public Map<String, Spread> sparkStepSeconds() {
            Map<String, Spread> out = new LinkedHashMap<>();
            for (String step : rounds.get(0).sparkSteps().keySet()) {
                out.put(step, Spread.of(rounds.stream().map(r -> r.sparkSteps().getOrDefault(step, 0.0)).toList()));
            }
            return out;
        }
    }
}
