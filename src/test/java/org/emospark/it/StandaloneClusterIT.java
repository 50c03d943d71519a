package org.emospark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.testing.DriverUi;
import org.emospark.testing.JobsScript;
import org.emospark.testing.StandaloneCluster;
import org.emospark.testing.StoredModels;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TestSpark;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring on a real Spark standalone cluster (a Master and two one-core Workers on 127.0.0.1, started from the Spark
 * runtime Maven assembles) through {@code jobs/emospark --master spark://...}: the predictions equal those of a local
 * run bit for bit, and still do when a Worker's machine is lost (Worker and executor killed) while it scores.
 */
class StandaloneClusterIT {
    private static final int RATE = 22050;
    private static final int RECORDINGS = 8;
    private static final double SECONDS = 20;
    private static final int FRAMES = (int) (RECORDINGS * SECONDS * 10);
    /**
     * The paper's network (its CNN costs 0.8 GFLOP per second of audio) on the tiny lake's 4-dimensional word vectors:
     * a recording takes a second or more to score, so a Worker can be killed while it scores one.
     */
    private static final ModelConfig NETWORK = new ModelConfig(RATE, 0.1, List.of(50, 125, 250), List.of(8, 6, 6),
            List.of(10, 5, 5), 0.0, 1024, 512, 256, 100.0, 1.0, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH,
            ModelConfig.LossWeights.EQUAL, 4, 100);
    private static final String MODEL = "cluster-it-0001";
    private static final String SCORING_FRAME = "org.emospark.executor.SharedModel.predict";

    @TempDir
    Path tmp;

    @Test
    void scoresAsInLocalModeAndLosesNothingWhenAWorkerDiesWhileScoring() throws Exception {
        long started = System.nanoTime();
        Path lake = lake();
        Path local = copy(lake, "local");
        Path clean = copy(lake, "clean");
        Path lost = copy(lake, "lost");
        String timings = "lake " + secondsSince(started);
        progress(timings);

        long t = System.nanoTime();
        JobsScript.Run reference = JobsScript.run(Map.of(), score("local[2]", local));
        assertScoredEverything(reference);
        Predictions expected = Predictions.of(local);
        assertEquals(FRAMES, expected.rows().size(), "one row per frame of every recording");
        timings += ", local " + secondsSince(t);
        progress(timings);

        t = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2, 1, "1g")) {
            timings += ", cluster start " + secondsSince(t);
            t = System.nanoTime();
            JobsScript.Run onCluster = JobsScript.run(Map.of(), score(cluster.masterUrl(), clean));
            assertScoredEverything(onCluster);
            expected.assertSameAs(Predictions.of(clean), "the cluster's predictions");
            timings += ", cluster " + secondsSince(t);
            progress(timings);

            t = System.nanoTime();
            DriverUi ui = DriverUi.onFreePort();
            String[] args = Stream.concat(Stream.of("--conf", "spark.ui.port=" + ui.port()),
                    Stream.of(score(cluster.masterUrl(), lost))).toArray(String[]::new);
            try (JobsScript.Started run = JobsScript.start("emospark", Map.of(), args)) {
                DriverUi.ExecutorInFrame busy;
                try {
                    busy = ui.awaitExecutorIn(SCORING_FRAME, Duration.ofMinutes(10), run::isAlive);
                } catch (IllegalStateException e) {
                    throw new AssertionError(e.getMessage() + "\n" + run.printedSoFar(), e);
                }
                progress("an executor scores after " + secondsSince(t));
                StandaloneCluster.Worker victim = cluster.workerOf(busy.appId(), busy.executorId());
                assertEquals(1, cluster.kill(victim), "the Worker's one executor dies with it");
                JobsScript.Run afterLoss = run.await();
                assertScoredEverything(afterLoss);
                assertTrue(afterLoss.stderr().contains("Lost executor " + busy.executorId() + " "),
                        "the driver lost the executor that was scoring\n" + afterLoss.all());
                expected.assertSameAs(Predictions.of(lost), "the predictions of the run that lost a Worker");
                afterLoss.stderr().lines().filter(l -> l.contains("Lost ")).forEach(l -> progress("driver: " + l));
            }
            timings += ", cluster losing a worker " + secondsSince(t);
        }
        progress(timings + ", total " + secondsSince(started) + "; predictions "
                + expected.rows().size() + " rows, sha256 " + expected.sha256());
    }

    /** The tiny lake's layout with {@value #RECORDINGS} recordings of {@value #SECONDS} s, and the model stored in it. */
    private Path lake() throws IOException {
        Path corpus = TestCorpus.writeTest(tmp.resolve("corpus"), RECORDINGS, SECONDS, RATE);
        Warehouse wh = TinyLake.build(tmp.resolve("lake"), corpus, RATE);
        String embeddingSet = wh.read(Tables.SEMANTIC_FRAMES).select("embedding_set").distinct().head().getString(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            StoredModels.store(manager, wh.root(), MODEL, NETWORK, 17, embeddingSet);
        }
        return tmp.resolve("lake/wh");
    }

    /**
     * The score command on {@code master}. One shuffle partition per recording, not merged by adaptive execution
     * (which would make one task of so little data), so scoring is spread over several tasks on both executors.
     * Executors compile with C1 only, as the drivers {@link JobsScript} starts do: they live for a minute, too short to
     * repay C2's compile time (with C2 this test took 575 CPU seconds, with C1 only 351).
     */
    private static String[] score(String master, Path warehouse) {
        return new String[] {"--master", master, "--conf", "spark.executor.extraJavaOptions=-XX:TieredStopAtLevel=1",
                "--conf", "spark.sql.shuffle.partitions=" + RECORDINGS,
                "--conf", "spark.sql.adaptive.coalescePartitions.enabled=false",
                "score", "--model", MODEL, "--warehouse", warehouse.toString(), "--date", "2026-11-24", "--batch-size", "1"};
    }

    private static void assertScoredEverything(JobsScript.Run run) {
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.stdout().contains(RECORDINGS + " selected, " + RECORDINGS + " scored, 0 skipped as already scored, "
                + "0 rejected"), run.all());
        assertTrue(run.stdout().contains("predictions: +" + FRAMES + " new, 0 changed, -0 removed"), run.all());
    }

    private Path copy(Path lake, String name) throws IOException {
        Path target = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(lake.relativize(f).toString()));
            }
        }
        return target;
    }

    private static void progress(String line) {
        System.out.println("StandaloneClusterIT: " + line);
    }

    private static String secondsSince(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - nanos) / 1e9);
    }

    /** A warehouse's predictions, ordered by key, with a checksum over their exact values. */
    private record Predictions(List<Row> rows, String sha256) {
        static Predictions of(Path warehouse) throws NoSuchAlgorithmException {
            Warehouse wh = new Warehouse(TestSpark.session(), warehouse.toString());
            List<Row> rows = wh.read(Tables.PREDICTIONS)
                    .selectExpr("recording_id", "frame", "model_id", "arousal", "valence", "liking")
                    .orderBy("recording_id", "frame", "model_id").collectAsList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer values = ByteBuffer.allocate(16);
            for (Row r : rows) {
                sha.update((r.getString(0) + "\t" + r.getInt(1) + "\t" + r.getString(2) + "\t").getBytes(StandardCharsets.UTF_8));
                values.clear();
                values.putFloat(r.getFloat(3)).putFloat(r.getFloat(4)).putFloat(r.getFloat(5));
                sha.update(values.array(), 0, 12);
            }
            return new Predictions(new ArrayList<>(rows), HexFormat.of().formatHex(sha.digest()));
        }

        /** Same keys and the same float values bit for bit; else says how far apart they are. */
        void assertSameAs(Predictions other, String what) {
            assertEquals(rows.size(), other.rows.size(), what + ": rows (a retried task must not add any)");
            if (sha256.equals(other.sha256)) {
                return;
            }
            double maxDiff = 0;
            int differing = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row a = rows.get(i);
                Row b = other.rows.get(i);
                assertEquals(a.getString(0) + "/" + a.getInt(1), b.getString(0) + "/" + b.getInt(1), what + ": keys");
                double d = 0;
                for (int c = 3; c < 6; c++) {
                    d = Math.max(d, Math.abs(a.getFloat(c) - b.getFloat(c)));
                }
                differing += d > 0 ? 1 : 0;
                maxDiff = Math.max(maxDiff, d);
            }
            throw new AssertionError(what + " differ from the local run's in " + differing + " of " + rows.size()
                    + " frames, by up to " + maxDiff + " (checksums " + sha256 + " and " + other.sha256 + ")");
        }
    }
}
