package org.emospark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.emospark.testing.JobsScript;
import org.emospark.testing.S3Proxy;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store goes away in the middle of a job: with the warehouse on s3a (s3proxy on 127.0.0.1), the server is
 * killed while ingest writes its tables and again while score writes its predictions. Each time the job must end
 * with exit 1 and one line saying what failed (no stack trace on the screen), and the same command, run once the
 * store is back, must leave every table as a run that never saw the fault: compared with {@code emospark digest}
 * against a warehouse that went through the same jobs undisturbed. What the store dying while a table is created
 * leaves (the table's log folder, no commit) is also made on purpose, since where a kill falls is left to timing.
 */
class S3StoreFaultIT {
    private static final List<String> RECORDINGS = List.of("Train_02", "Devel_03");
    private static final String CLEAN = "s3a://lake/clean";
    private static final String FAULTED = "s3a://lake/faulted";
    private static final String CLEAN_SCORED = "s3a://lake/clean-scored";
    private static final String DEBRIS = "s3a://lake/debris";
    /**
     * The client gives up after a few seconds of a dead store instead of s3a's minutes of retries, so the test sees
     * the failure the defaults would report much later.
     */
    private static final List<String> IMPATIENT_CLIENT = List.of(
            "--conf", "spark.hadoop.fs.s3a.attempts.maximum=1",
            "--conf", "spark.hadoop.fs.s3a.retry.limit=1",
            "--conf", "spark.hadoop.fs.s3a.retry.interval=100ms",
            "--conf", "spark.hadoop.fs.s3a.connection.establish.timeout=2000");
    private static final Map<String, String> ENV = Map.of("AWS_ACCESS_KEY_ID", S3Proxy.IDENTITY,
            "AWS_SECRET_ACCESS_KEY", S3Proxy.CREDENTIAL);

    @TempDir
    Path tmp;

    @Test
    void aJobWhoseStoreDiesFailsInOneLineAndItsRerunRepairsEverything() throws Exception {
        Path corpus = TestCorpus.copyRecordings(TestSpark.repoRoot().resolve("sample-data/sewa-synth"),
                tmp.resolve("corpus"), RECORDINGS);
        try (S3Proxy s3 = S3Proxy.start(tmp, "lake")) {
            String[] ingestClean = {"ingest", "--layout", "avec2017", "--input", corpus.toString(), "--warehouse", CLEAN};
            String[] ingestFaulted = {"ingest", "--layout", "avec2017", "--input", corpus.toString(), "--warehouse", FAULTED};
            ok(s3, ingestClean);
            aWriteCreatesATableWhoseCreatorDiedBeforeItsFirstCommit(s3, corpus);
            // Mid-ingest: once half the objects a whole ingest writes are there.
            long half = Math.max(1, count(s3.baseDir().resolve("lake/clean")) / 2);
            failsWhenTheStoreDies(s3, "ingest", s3.baseDir().resolve("lake/faulted"), half, ingestFaulted);
            s3.restart();
            JobsScript.Run rerun = ok(s3, ingestFaulted);
            assertTrue(rerun.stdout().contains("recordings: 2 found"), rerun.all());
            assertEquals(digest(s3, CLEAN), digest(s3, FAULTED), "the rerun ingest repaired every table");

            Path text = TestSpark.repoRoot().resolve("sample-data/sewa-synth-text");
            ok(s3, "embed", "--warehouse", FAULTED, "--text", text.toString());
            ok(s3, "features", "--semantic", "--warehouse", FAULTED);
            JobsScript.Run train = ok(s3, "train", "--warehouse", FAULTED, "--config", "conf/models/quick.properties",
                    "--conf", "emospark.train.epochs=1");
            Matcher trained = Pattern.compile("Trained model (\\S+)").matcher(train.stdout());
            assertTrue(trained.find(), train.all());
            String modelId = trained.group(1);
            // The reference for scoring: a copy of the warehouse as it stands, scored undisturbed.
            s3.stop();
            copyTree(s3.baseDir().resolve("lake/faulted"), s3.baseDir().resolve("lake/clean-scored"));
            s3.restart();
            ok(s3, "score", "--warehouse", CLEAN_SCORED, "--model", modelId);
            // Scoring writes at its end (predictions, then summaries): the store dies once predictions appear.
            failsWhenTheStoreDies(s3, "score", s3.baseDir().resolve("lake/faulted/predictions"), 1,
                    "score", "--warehouse", FAULTED, "--model", modelId);
            s3.restart();
            JobsScript.Run scored = ok(s3, "score", "--warehouse", FAULTED, "--model", modelId);
            assertTrue(scored.stdout().contains("2 selected, 2 scored"), scored.all());
            assertEquals(digest(s3, CLEAN_SCORED), digest(s3, FAULTED), "the rerun score repaired every table");
        }
    }

    /**
     * The store dying while a table is created leaves its {@code _delta_log} folder's marker and nothing else (Delta
     * makes the folder, then puts commit 0): here made directly, the way Delta makes it, for {@code labels}. The
     * next ingest must create the table and leave what a clean one does.
     */
    private void aWriteCreatesATableWhoseCreatorDiedBeforeItsFirstCommit(S3Proxy s3, Path corpus) throws Exception {
        try (FileSystem fs = s3.fileSystem("lake")) {
            assertTrue(fs.mkdirs(new org.apache.hadoop.fs.Path(DEBRIS + "/labels/_delta_log")));
        }
        JobsScript.Run ingest = ok(s3, "ingest", "--layout", "avec2017", "--input", corpus.toString(),
                "--warehouse", DEBRIS);
        assertTrue(ingest.all().contains("labels: removed a Delta log without any commit"), ingest.all());
        assertEquals(digest(s3, CLEAN), digest(s3, DEBRIS), "the ingest created the table over the debris");
    }

    /**
     * Starts {@code job}, kills the store once {@code watched} holds at least {@code files} files, and asserts the job
     * then fails with one line.
     */
    private void failsWhenTheStoreDies(S3Proxy s3, String command, Path watched, long files, String... job)
            throws Exception {
        long started = System.nanoTime();
        try (JobsScript.Started running = JobsScript.start("emospark", ENV, args(s3, job))) {
            long deadline = System.currentTimeMillis() + 300_000;
            while (count(watched) < files) {
                assertTrue(running.isAlive(), () -> command + " ended before the store died\n" + printed(running));
                assertTrue(System.currentTimeMillis() < deadline, () -> "no write within 5 minutes\n" + printed(running));
                Thread.sleep(20);
            }
            s3.stop();
            long killed = System.nanoTime();
            JobsScript.Run run = running.await();
            System.out.printf(Locale.ROOT, "S3StoreFaultIT: %s failed %.1f s after the store died (%.1f s in all)%n",
                    command, (System.nanoTime() - killed) / 1e9, (System.nanoTime() - started) / 1e9);
            assertEquals(1, run.exitCode(), run.all());
            List<String> failures = run.stderr().lines().filter(l -> l.startsWith("emospark " + command + " failed: "))
                    .toList();
            assertEquals(1, failures.size(), run.all());
            assertFalse(run.all().lines().anyMatch(l -> l.startsWith("\tat ")), "no stack trace on the screen\n"
                    + run.all());
        }
    }

    private static String printed(JobsScript.Started running) {
        try {
            return running.printedSoFar();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static long count(Path dir) throws IOException {
        // The store writes each object to a temporary file and renames it, so a file listed by the walk can be gone
        // when the walk reads its attributes (NoSuchFileException): then the walk is made again.
        for (int attempt = 1; ; attempt++) {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).count();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private JobsScript.Run ok(S3Proxy s3, String... job) throws Exception {
        long started = System.nanoTime();
        JobsScript.Run run = JobsScript.run(ENV, args(s3, job));
        System.out.printf(Locale.ROOT, "S3StoreFaultIT: %s took %.1f s%n", job[0], (System.nanoTime() - started) / 1e9);
        assertEquals(0, run.exitCode(), run.all());
        return run;
    }

    /** The digest lines of every table (no header), sorted. */
    private List<String> digest(S3Proxy s3, String warehouse) throws Exception {
        JobsScript.Run run = ok(s3, "digest", "--warehouse", warehouse, "--ignore", "models.path");
        assertFalse(run.stdout().contains("DUPLICATE KEYS"), run.all());
        return run.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith("table ")).sorted().toList();
    }

    private static String[] args(S3Proxy s3, String... job) {
        List<String> all = new ArrayList<>(s3.sparkConfArgs());
        all.addAll(IMPATIENT_CLIENT);
        all.addAll(List.of(job));
        all.addAll(List.of("--profile", "test"));
        return all.toArray(String[]::new);
    }

    /** {@code cp -a}: the store keeps objects' metadata in extended attributes, which it must keep too. */
    private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
        Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        assertEquals(0, cp.waitFor(), "cp -a " + from + " " + to);
    }
}
