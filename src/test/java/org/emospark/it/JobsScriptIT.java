package org.emospark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emospark.testing.JobsScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, through jobs/emospark and the Spark runtime Maven assembled. */
class JobsScriptIT {
    @TempDir
    Path tmp;

    @Test
    void sampleCorpusIngestsQueriesAndReingestsWithoutChange() throws Exception {
        String wh = tmp.resolve("wh").toString();
        JobsScript.Run first = JobsScript.run(Map.of(), "ingest", "--layout", "avec2017",
                "--input", "sample-data/sewa-synth", "--warehouse", wh);
        assertEquals(0, first.exitCode(), first.all());
        assertTrue(first.stdout().contains("recordings: 20 found, 20 ingested"), first.all());
        assertTrue(first.stdout().contains("rejects:    0"), first.all());

        JobsScript.Run sql = JobsScript.run(Map.of(), "sql", "--warehouse", wh,
                "SELECT split, count(*) AS n FROM recordings GROUP BY split ORDER BY split");
        assertEquals(0, sql.exitCode(), sql.all());
        assertTrue(Pattern.compile("\\| Devel +\\| 4 +\\|").matcher(sql.stdout()).find(), sql.all());
        assertTrue(Pattern.compile("\\| Test +\\| 4 +\\|").matcher(sql.stdout()).find(), sql.all());
        assertTrue(Pattern.compile("\\| Train +\\| 12 +\\|").matcher(sql.stdout()).find(), sql.all());

        JobsScript.Run timing = JobsScript.run(Map.of(), "sql", "--warehouse", wh,
                "SELECT timing_source, count(*) AS n FROM words GROUP BY timing_source");
        assertTrue(Pattern.compile("\\| aligned +\\| 1370 +\\|").matcher(timing.stdout()).find(),
                "transcript words are acoustically aligned by default\n" + timing.all());

        JobsScript.Run embed = JobsScript.run(Map.of(), "embed", "--warehouse", wh,
                "--text", "sample-data/sewa-synth-text", "--lexicon", "sample-data/lexicon/valence-lexicon.csv");
        assertEquals(0, embed.exitCode(), embed.all());
        assertTrue(embed.stdout().contains("valence neighbours:"), embed.all());

        JobsScript.Run features = JobsScript.run(Map.of(), "features", "--semantic", "--warehouse", wh);
        assertEquals(0, features.exitCode(), features.all());
        assertTrue(features.stdout().contains("20 recordings, 8173 frames"), "one row per label frame\n" + features.all());

        // The README's train and evaluate steps, shortened to 2 epochs to keep the build's time down.
        JobsScript.Run train = JobsScript.run(Map.of(), "train", "--warehouse", wh, "--config",
                "conf/models/quick.properties", "--conf", "emospark.train.epochs=2");
        assertEquals(0, train.exitCode(), train.all());
        assertTrue(train.stdout().contains("Trained model attention-both-"), train.all());
        assertTrue(train.stderr().contains("epoch 2/2"), "one progress line per epoch\n" + train.all());
        JobsScript.Run evaluate = JobsScript.run(Map.of(), "evaluate", "--warehouse", wh, "--split", "Test");
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.stdout().contains("Evaluated 1 model(s) on Test (4 recordings)"), evaluate.all());
        Matcher report = Pattern.compile("report: +(\\S+\\.html)").matcher(evaluate.stdout());
        assertTrue(report.find(), evaluate.all());
        assertTrue(java.nio.file.Files.isRegularFile(Path.of(report.group(1))), evaluate.all());

        // Scoring the Test split in the executors, then again: the second run finds nothing new.
        JobsScript.Run score = JobsScript.run(Map.of(), "score", "--warehouse", wh, "--recordings", "split = 'Test'");
        assertEquals(0, score.exitCode(), score.all());
        assertTrue(score.stdout().contains("4 selected, 4 scored, 0 skipped as already scored, 0 rejected"), score.all());
        JobsScript.Run again = JobsScript.run(Map.of(), "score", "--warehouse", wh, "--recordings", "split = 'Test'");
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.stdout().contains("0 scored, 4 skipped as already scored")
                && again.stdout().contains("nothing new to score"), again.all());

        // The nightly cycle over the same landing path: nothing new to ingest, the 16 recordings the model has
        // not scored yet are scored under the given date, and a second run the same night scores nothing.
        String[] nightly = {"--landing", "sample-data/sewa-synth", "--layout", "avec2017", "--warehouse", wh,
                "--date", "2001-02-03", "--lock", tmp.resolve("nightly.lock").toString()};
        JobsScript.Run night = JobsScript.runScript("nightly", Map.of(), nightly);
        assertEquals(0, night.exitCode(), night.all());
        assertTrue(night.stdout().contains("20 selected, 16 scored, 4 skipped as already scored, 0 rejected"), night.all());
        assertTrue(Pattern.compile("\\| attention-both-\\S+ +\\| 16 +\\|").matcher(night.stdout()).find(), night.all());
        JobsScript.Run nightAgain = JobsScript.runScript("nightly", Map.of(), nightly);
        assertEquals(0, nightAgain.exitCode(), nightAgain.all());
        assertTrue(nightAgain.stdout().contains("0 scored, 20 skipped as already scored"), nightAgain.all());
        assertTrue(Pattern.compile("\\| attention-both-\\S+ +\\| 16 +\\|").matcher(nightAgain.stdout()).find(),
                nightAgain.all());

        JobsScript.Run second = JobsScript.run(Map.of(), "ingest", "--layout", "avec2017",
                "--input", "sample-data/sewa-synth", "--warehouse", wh);
        assertEquals(0, second.exitCode(), second.all());
        Matcher changes = Pattern.compile("\\+(\\d+) new, (\\d+) changed, -(\\d+) removed").matcher(second.stdout());
        int tables = 0;
        while (changes.find()) {
            tables++;
            assertEquals("0 0 0", changes.group(1) + " " + changes.group(2) + " " + changes.group(3), second.all());
        }
        assertEquals(7, tables, second.all());

        // What the whole journey left, table by table: every key once, one prediction per labelled frame.
        JobsScript.Run digest = JobsScript.run(Map.of(), "digest", "--warehouse", wh, "--ignore", "models.path");
        assertEquals(0, digest.exitCode(), digest.all());
        assertTrue(Pattern.compile("(?m)^recordings +20 +20 ").matcher(digest.stdout()).find(), digest.all());
        assertTrue(Pattern.compile("(?m)^predictions +8173 +8173 ").matcher(digest.stdout()).find(), digest.all());
        assertEquals(15, digest.stdout().lines().count(), "a header and the 14 tables this journey writes\n"
                + digest.all());
        assertFalse(digest.stdout().contains("DUPLICATE KEYS"), digest.all());
    }

    @Test
    void nightlyRefusesToRunTwiceAtOnce() throws Exception {
        Path lock = tmp.resolve("held.lock");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "120").start();
        try {
            // flock creates the file before it takes the lock: poll, bounded, until a non-blocking flock finds it held.
            boolean held = false;
            for (int i = 0; i < 400 && !held; i++) {
                held = new ProcessBuilder("flock", "-n", lock.toString(), "true").start().waitFor() == 1;
                if (!held) {
                    Thread.sleep(25);
                }
            }
            assertTrue(held, "the helper process never took the lock " + lock);
            JobsScript.Run busy = JobsScript.runScript("nightly", Map.of(), "--landing", "sample-data/sewa-synth",
                    "--warehouse", tmp.resolve("wh").toString(), "--lock", lock.toString());
            assertEquals(75, busy.exitCode(), busy.all());
            assertTrue(busy.stderr().contains("another run holds"), busy.all());
            assertTrue(busy.stdout().isEmpty(), "no step may start while the lock is held\n" + busy.all());
        } finally {
            holder.destroyForcibly();
        }

        JobsScript.Run usage = JobsScript.runScript("nightly", Map.of(), "--landing", "x");
        assertEquals(2, usage.exitCode(), usage.all());
        assertTrue(usage.stderr().contains("--landing and --warehouse are required"), usage.all());
    }

    @Test
    void helpAndUsageErrorsHaveTheirExitCodes() throws Exception {
        JobsScript.Run help = JobsScript.run(Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.all());
        assertTrue(help.stdout().contains("ingest") && help.stdout().contains("sql"), help.all());

        JobsScript.Run usage = JobsScript.run(Map.of(), "ingest", "--layout", "nope", "--input", "x");
        assertEquals(2, usage.exitCode(), usage.all());
        assertTrue(usage.stderr().contains("Unknown layout 'nope'"), usage.all());

        JobsScript.Run missing = JobsScript.run(Map.of(), "ingest", "--input", "/does/not/exist", "--warehouse",
                tmp.resolve("w2").toString());
        assertEquals(2, missing.exitCode(), missing.all());
        assertTrue(missing.stderr().contains("/does/not/exist"), missing.all());
    }
}
