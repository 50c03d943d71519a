package org.emospark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.emospark.testing.JobsScript;
import org.emospark.testing.FreePort;
import org.emospark.testing.S3Proxy;
import org.emospark.testing.SparkUiEnvironment;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on s3a:// against a real S3-compatible server (s3proxy) on 127.0.0.1, through jobs/emospark:
 * a few sample recordings ingested from an s3a landing path into an s3a warehouse, word vectors, semantic frames,
 * a one-epoch quick model in the warehouse's model store, scoring in the executors with the model loaded from that
 * store, and SQL over the results. The jobs get the credentials from the environment only, and the last one from a
 * Hadoop credential provider only; the credentials must show nowhere: not in what any job prints, not in the
 * event log, not on the live Spark UI's environment page.
 */
class S3WarehouseIT {
    /** Two Train recordings to train on, one Devel to select the epoch, one Test: about 30 s of audio each. */
    private static final List<String> RECORDINGS = List.of("Train_02", "Train_09", "Devel_03", "Test_01");
    private static final String WAREHOUSE = "s3a://lake/emospark";

    @TempDir
    Path tmp;

    private final List<String> printed = new ArrayList<>();

    @Test
    void wholePipelineRunsOnS3WithoutShowingTheCredentials() throws Exception {
        try (S3Proxy s3 = S3Proxy.start(tmp, "landing", "lake")) {
            Path sample = TestSpark.repoRoot().resolve("sample-data");
            TestCorpus.copyRecordings(sample.resolve("sewa-synth"), s3.baseDir().resolve("landing/sewa-synth"), RECORDINGS);
            Path text = s3.baseDir().resolve("landing/text/part-000.txt");
            Files.createDirectories(text.getParent());
            Files.copy(sample.resolve("sewa-synth-text/part-000.txt"), text);
            long labelRows = labelRows(sample.resolve("sewa-synth/labels"));
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", S3Proxy.IDENTITY,
                    "AWS_SECRET_ACCESS_KEY", S3Proxy.CREDENTIAL);

            JobsScript.Run ingest = run(s3, env, List.of(), "ingest", "--layout", "avec2017",
                    "--input", "s3a://landing/sewa-synth", "--warehouse", WAREHOUSE);
            assertTrue(ingest.stdout().contains("recordings: 4 found, 4 ingested"), ingest.all());
            assertTrue(ingest.stdout().contains("into " + WAREHOUSE), ingest.all());
            assertTrue(Files.isDirectory(s3.baseDir().resolve("lake/emospark/audio_chunks/_delta_log")),
                    "the Delta log is stored in the bucket");

            JobsScript.Run embed = run(s3, env, List.of(), "embed", "--warehouse", WAREHOUSE, "--text", "s3a://landing/text");
            assertTrue(embed.stdout().contains("(word2vec)"), embed.all());
            JobsScript.Run features = run(s3, env, List.of(), "features", "--semantic", "--warehouse", WAREHOUSE);
            assertTrue(features.stdout().contains("4 recordings, " + labelRows + " frames"), features.all());

            // Training runs longest, so it is the job whose UI the test reads while it runs (spark-submit's
            // spark.ui.enabled wins over the profile's); it also writes an event log, which Spark redacts on its
            // own path (EventLoggingListener), so both are checked.
            int uiPort = FreePort.onLoopback();
            Path events = Files.createDirectories(tmp.resolve("spark-events"));
            List<String> watched = List.of("--conf", "spark.ui.enabled=true", "--conf", "spark.ui.port=" + uiPort,
                    "--conf", "spark.eventLog.enabled=true", "--conf", "spark.eventLog.dir=" + events.toUri());
            long startedTraining = System.nanoTime();
            SparkUiEnvironment.Pages ui;
            JobsScript.Run train;
            try (JobsScript.Started training = JobsScript.start("emospark", env, args(s3, watched, "train",
                    "--warehouse", WAREHOUSE, "--config", "conf/models/quick.properties",
                    "--conf", "emospark.train.epochs=1"))) {
                ui = SparkUiEnvironment.fetchWhileRunning(uiPort, training, "fs.s3a.endpoint");
                train = finished("train", startedTraining, training.await());
            }
            Matcher trained = Pattern.compile("Trained model (attention-both-\\S+)").matcher(train.stdout());
            assertTrue(trained.find(), train.all());
            String modelId = trained.group(1);
            String storedAt = WAREHOUSE + "/model_store/" + modelId;
            assertTrue(train.stdout().contains("stored at:   " + storedAt), train.all());
            Path modelDir = s3.baseDir().resolve("lake/emospark/model_store/" + modelId);
            assertTrue(Files.isRegularFile(modelDir.resolve("manifest.json"))
                    && Files.isRegularFile(modelDir.resolve("parameters.djl")), "the model store is in the bucket");

            // A new process whose executors can only find the model in the bucket's model store.
            JobsScript.Run score = run(s3, env, List.of(), "score", "--warehouse", WAREHOUSE, "--model", modelId);
            assertTrue(score.stdout().contains("Scored with model " + modelId), score.all());
            assertTrue(score.stdout().contains("4 selected, 4 scored, 0 skipped as already scored, 0 rejected"), score.all());

            // The read-back with the credentials in a Hadoop credential store and no AWS variable in the environment.
            Map<String, String> noEnv = new HashMap<>();
            noEnv.put("AWS_ACCESS_KEY_ID", null);
            noEnv.put("AWS_SECRET_ACCESS_KEY", null);
            JobsScript.Run sql = run(s3, noEnv, List.of("--conf",
                            "spark.hadoop.hadoop.security.credential.provider.path=" + S3Proxy.credentialStore(tmp)),
                    "sql", "--warehouse", WAREHOUSE,
                    "SELECT (SELECT count(*) FROM recordings) AS recordings, (SELECT count(*) FROM labels) AS label_rows, "
                            + "(SELECT count(*) FROM recording_emotion WHERE model_id = '" + modelId + "') AS summaries;"
                            + "SELECT model_id, count(*) AS frames FROM predictions GROUP BY model_id;"
                            + "SELECT path FROM models");
            assertTrue(Pattern.compile("\\| 4 +\\| " + labelRows + " +\\| 4 +\\|").matcher(sql.stdout()).find(), sql.all());
            assertTrue(Pattern.compile("\\| " + modelId + " +\\| " + labelRows + " +\\|").matcher(sql.stdout()).find(),
                    "one prediction per 100 ms frame\n" + sql.all());
            assertTrue(sql.stdout().contains("| " + storedAt + " "), sql.all());

            assertCredentialsHidden(ui, events);
        }
    }

    /**
     * Spark had the credentials (it copies the environment's AWS keys into the Hadoop configuration it lists) and
     * hid them. The REST API lists a property as {@code ["key", "value"]}, the event log as {@code "key":"value"}.
     */
    private void assertCredentialsHidden(SparkUiEnvironment.Pages ui, Path events) throws IOException {
        Pattern redactedSecret = Pattern.compile("\"fs\\.s3a\\.secret\\.key\"\\s*[,:]\\s*\"\\*+\\(redacted\\)\"");
        Pattern redactedKeyId = Pattern.compile("\"fs\\.s3a\\.access\\.key\"\\s*[,:]\\s*\"\\*+\\(redacted\\)\"");
        assertTrue(redactedSecret.matcher(ui.json()).find() && redactedKeyId.matcher(ui.json()).find(),
                "the UI lists the s3a keys, redacted\n" + ui.json());
        assertTrue(ui.html().contains("fs.s3a.secret.key") && ui.html().contains("(redacted)"), ui.html());

        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("the UI's environment (REST API) of " + ui.appId(), ui.json());
        seen.put("the UI's environment tab of " + ui.appId(), ui.html());
        String eventLog;
        try (Stream<Path> files = Files.list(events)) {
            List<Path> logs = files.toList();
            assertEquals(1, logs.size(), "one event log for the training run: " + logs);
            eventLog = Files.readString(logs.get(0));
        }
        assertTrue(eventLog.contains("SparkListenerEnvironmentUpdate") && redactedSecret.matcher(eventLog).find(),
                () -> "the event log holds the environment, redacted: " + around(eventLog, "Hadoop Properties", 3000));
        seen.put("the event log", eventLog);
        for (int i = 0; i < printed.size(); i++) {
            seen.put("what job " + (i + 1) + " printed", printed.get(i));
        }
        for (Map.Entry<String, String> place : seen.entrySet()) {
            for (String credential : List.of(S3Proxy.CREDENTIAL, S3Proxy.IDENTITY)) {
                assertFalse(place.getValue().contains(credential),
                        () -> "a credential shows in " + place.getKey() + ": " + around(place.getValue(), credential, 300));
            }
        }
    }

    /** Up to {@code length} characters of {@code text} from a little before {@code what}. */
    private static String around(String text, String what, int length) {
        int from = Math.max(0, text.indexOf(what) - 100);
        return text.substring(from, Math.min(text.length(), from + length));
    }

    /** jobs/emospark with s3a pointed at {@code s3} and {@code submit} options; it must succeed. */
    private JobsScript.Run run(S3Proxy s3, Map<String, String> env, List<String> submit, String... job) throws Exception {
        long started = System.nanoTime();
        return finished(job[0], started, JobsScript.run(env, args(s3, submit, job)));
    }

    private JobsScript.Run finished(String job, long started, JobsScript.Run run) {
        System.out.printf(Locale.ROOT, "S3WarehouseIT: %s took %.1f s%n", job, (System.nanoTime() - started) / 1e9);
        printed.add(run.all());
        assertEquals(0, run.exitCode(), run.all());
        return run;
    }

    /** The jobs run with the tests' profile (fewer partitions, so fewer objects to write and list; no UI). */
    private static String[] args(S3Proxy s3, List<String> submit, String... job) {
        List<String> all = new ArrayList<>(s3.sparkConfArgs());
        all.addAll(submit);
        all.addAll(List.of(job));
        all.addAll(List.of("--profile", "test"));
        return all.toArray(String[]::new);
    }


    private static long labelRows(Path labels) throws IOException {
        long rows = 0;
        for (String name : RECORDINGS) {
            rows += Files.readAllLines(labels.resolve(name + ".csv")).stream().filter(l -> !l.isBlank()).count();
        }
        return rows;
    }
}
