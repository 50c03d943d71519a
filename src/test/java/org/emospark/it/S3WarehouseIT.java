package org.emospark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.emospark.testing.JobsScript;
import org.emospark.testing.S3Proxy;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample corpus read from and ingested into s3a:// against a real S3-compatible server on
 * 127.0.0.1, through jobs/emospark, with credentials from the environment only.
 */
class S3WarehouseIT {
    @TempDir
    Path tmp;

    @Test
    void sampleCorpusOnS3IngestsIntoAnS3WarehouseAndReadsBackWithSql() throws Exception {
        try (S3Proxy s3 = S3Proxy.start(tmp, "corpus", "lake")) {
            Path source = TestSpark.repoRoot().resolve("sample-data/sewa-synth");
            Path target = s3.baseDir().resolve("corpus/sewa-synth");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path dest = target.resolve(source.relativize(f).toString());
                    Files.createDirectories(dest.getParent());
                    Files.copy(f, dest);
                }
            }
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", S3Proxy.IDENTITY,
                    "AWS_SECRET_ACCESS_KEY", S3Proxy.CREDENTIAL);

            List<String> ingest = new ArrayList<>(s3.sparkConfArgs());
            ingest.addAll(List.of("ingest", "--layout", "avec2017", "--input", "s3a://corpus/sewa-synth",
                    "--warehouse", "s3a://lake/emospark"));
            JobsScript.Run run = JobsScript.run(env, ingest.toArray(String[]::new));
            assertEquals(0, run.exitCode(), run.all());
            assertTrue(run.stdout().contains("recordings: 20 found, 20 ingested"), run.all());
            assertTrue(run.stdout().contains("into s3a://lake/emospark"), run.all());
            assertTrue(Files.isDirectory(s3.baseDir().resolve("lake/emospark/audio_chunks/_delta_log")),
                    "the Delta log is stored in the bucket");

            List<String> sql = new ArrayList<>(s3.sparkConfArgs());
            sql.addAll(List.of("sql", "--warehouse", "s3a://lake/emospark",
                    "SELECT count(*) AS recordings, sum(num_chunks) AS chunks FROM recordings;"
                            + "SELECT count(*) AS label_rows FROM labels"));
            JobsScript.Run query = JobsScript.run(env, sql.toArray(String[]::new));
            assertEquals(0, query.exitCode(), query.all());
            assertTrue(Pattern.compile("\\| 20 +\\| \\d+ +\\|").matcher(query.stdout()).find(), query.all());
            long labelRows;
            try (Stream<Path> labels = Files.list(source.resolve("labels"))) {
                labelRows = labels.mapToLong(p -> {
                    try {
                        return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).sum();
            }
            assertTrue(query.stdout().contains("| " + labelRows + " "), "label rows " + labelRows + "\n" + query.all());

            for (JobsScript.Run r : List.of(run, query)) {
                assertFalse(r.all().contains(S3Proxy.CREDENTIAL), "the secret key must never be printed");
            }
        }
    }
}
