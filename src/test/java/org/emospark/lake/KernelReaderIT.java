package org.emospark.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.emospark.testing.JobsScript;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predictions table read without Spark: written by Spark through the application's keyed merge in several
 * commits over three score dates (a checkpoint, rows moved to another partition, rows deleted), then read by the
 * Delta Kernel reader of examples/kernel-reader through jobs/read-table, and in a JVM whose classpath is only that
 * reader and its dependencies; both must give Spark's row counts, sums and rows.
 */
class KernelReaderIT {
    private static final LocalDate D1 = LocalDate.parse("2026-11-21");
    private static final LocalDate D2 = LocalDate.parse("2026-11-22");
    private static final LocalDate D3 = LocalDate.parse("2026-11-23");
    /** The reader's summary columns after the partition column: rows, then the numeric columns in schema order. */
    private static final List<String> SUMMARY = List.of("rows", "frame", "time_s", "arousal", "valence", "liking");

    @TempDir
    static Path tmp;
    private static Warehouse wh;

    @BeforeAll
    static void writePredictions() {
        wh = new Warehouse(TestSpark.session(), tmp.resolve("wh").toString());
        writePredictionsInSeveralCommits(wh);
    }

    @Test
    void kernelReaderWithoutSparkAgreesWithSparkOnPredictions() throws Exception {
        try (Stream<Path> log = Files.list(localPath(wh.pathOf(Tables.PREDICTIONS)).resolve("_delta_log"))) {
            assertTrue(log.anyMatch(f -> f.getFileName().toString().endsWith(".checkpoint.parquet")),
                    "a checkpoint, so that Kernel replays a checkpoint and the commits after it");
        }
        long version = wh.version(Tables.PREDICTIONS);
        assertEquals(5, version, "five commits after the table's creation");

        Dataset<Row> predictions = wh.read(Tables.PREDICTIONS);
        Map<String, double[]> expected = sparkSummary(predictions);
        assertEquals(Set.of(D1.toString(), D2.toString(), D3.toString(), "*"), expected.keySet());
        assertEquals(50 + 30 + 40 + 50, (long) expected.get("*")[0], "rows: r1/m2 and r2 on D1, r3 on D2, r1/m1 on D3");

        String root = wh.root();
        JobsScript.Run summary = readTable("--warehouse", root, "--table", "predictions");
        assertEquals(0, summary.exitCode(), summary.all());
        assertTrue(summary.stdout().contains("version " + version + " (Delta Kernel 3.3.2, no Spark)"), summary.all());
        assertSummaryEquals(expected, summary.stdout());

        // A partition filter prunes to one date; each row must equal Spark's, value for value.
        JobsScript.Run csv = readTable("--warehouse", root, "--table", "predictions", "--partition", "score_date=" + D3,
                "--csv");
        assertEquals(0, csv.exitCode(), csv.all());
        List<String> lines = new ArrayList<>(csv.stdout().lines().toList());
        assertEquals("recording_id,frame,time_s,arousal,valence,liking,model_id,score_date", lines.remove(0));
        assertEquals(csvLines(predictions.where(col("score_date").equalTo(java.sql.Date.valueOf(D3)))),
                lines.stream().sorted().toList());

        NoSparkRun probe = runWithoutSpark("--warehouse", root, "--table", "predictions");
        assertEquals(0, probe.exitCode(), probe.output());
        assertTrue(probe.output().contains("probe: org.apache.spark.SparkContext is not loadable"), probe.output());
        assertSummaryEquals(expected, probe.output());
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        String root = wh.root();

        JobsScript.Run dataColumn = readTable("--warehouse", root, "--table", "predictions", "--partition", "frame=2");
        assertEquals(2, dataColumn.exitCode(), dataColumn.all());
        assertTrue(dataColumn.stderr().contains(
                "frame is not a partition column of this table; its partition columns: score_date"), dataColumn.all());

        JobsScript.Run badDate = readTable("--warehouse", root, "--table", "predictions", "--partition",
                "score_date=23/11/2026");
        assertEquals(2, badDate.exitCode(), badDate.all());
        assertTrue(badDate.stderr().contains(
                "score_date is a date column; cannot compare it with: 23/11/2026 (expected YYYY-MM-DD)"), badDate.all());

        JobsScript.Run missing = readTable("--warehouse", root, "--table", "labels");
        assertEquals(1, missing.exitCode(), missing.all());
        assertTrue(missing.stderr().contains("No Delta table at " + root + "/labels (no _delta_log folder there)"), missing.all());

        JobsScript.Run both = readTable("--warehouse", root, "--table", "predictions", "--path", root + "/predictions");
        assertEquals(2, both.exitCode(), both.all());
        assertTrue(both.stderr().contains("leave out --warehouse and --table"), both.all());
    }

    /**
     * Version 1: r1 (models m1 and m2) and r2 on D1; 2: a checkpoint every 2 commits; 3: r3 on D2; 4: r1/m1 rescored
     * on D3 (its rows move partition, with new values); 5: r2 scored again with fewer frames (the others deleted).
     */
    private static void writePredictionsInSeveralCommits(Warehouse wh) {
        SparkSession spark = wh.spark();
        KeyedMerge.merge(wh, Tables.PREDICTIONS, predictions(spark, "r1", "m1", D1, 50, 1)
                .union(predictions(spark, "r1", "m2", D1, 50, 2))
                .union(predictions(spark, "r2", "m1", D1, 50, 3)), List.of("r1", "r2"));
        spark.sql("ALTER TABLE delta.`" + wh.pathOf(Tables.PREDICTIONS)
                + "` SET TBLPROPERTIES ('delta.checkpointInterval' = '2')");
        KeyedMerge.merge(wh, Tables.PREDICTIONS, predictions(spark, "r3", "m1", D2, 40, 4), List.of("r3"));
        KeyedMerge.merge(wh, Tables.PREDICTIONS, predictions(spark, "r1", "m1", D3, 50, 5), List.of());
        KeyedMerge.merge(wh, Tables.PREDICTIONS, predictions(spark, "r2", "m1", D1, 30, 3), List.of("r2"));
    }

    private static Dataset<Row> predictions(SparkSession spark, String recording, String model, LocalDate date,
                                            int frames, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            rows.add(RowFactory.create(recording, f, f * 0.1, random.nextFloat() * 2 - 1, random.nextFloat() * 2 - 1,
                    random.nextFloat() * 2 - 1, model, java.sql.Date.valueOf(date)));
        }
        return spark.createDataFrame(rows, Tables.PREDICTIONS.schema());
    }

    /** Per score date and over all ("*"): the {@link #SUMMARY} figures as Spark computes them. */
    private static Map<String, double[]> sparkSummary(Dataset<Row> predictions) {
        Column rows = count("*");
        Column[] sums = SUMMARY.subList(1, SUMMARY.size()).stream().map(c -> sum(col(c))).toArray(Column[]::new);
        Map<String, double[]> summary = new LinkedHashMap<>();
        for (Row r : predictions.groupBy("score_date").agg(rows, sums).collectAsList()) {
            summary.put(r.getDate(0).toString(), numbers(r, 1));
        }
        summary.put("*", numbers(predictions.agg(rows, sums).head(), 0));
        return summary;
    }

    private static double[] numbers(Row r, int from) {
        double[] n = new double[SUMMARY.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = ((Number) r.get(from + i)).doubleValue();
        }
        return n;
    }

    private static void assertSummaryEquals(Map<String, double[]> expected, String output) {
        List<String> lines = output.lines().toList();
        int header = lines.indexOf("score_date\trows\tsum(frame)\tsum(time_s)\tsum(arousal)\tsum(valence)\tsum(liking)");
        assertTrue(header >= 0, "the summary's header in\n" + output);
        Map<String, double[]> actual = new LinkedHashMap<>();
        for (String line : lines.subList(header + 1, lines.size())) {
            String[] cells = line.split("\t");
            double[] n = new double[SUMMARY.size()];
            for (int i = 0; i < n.length; i++) {
                n[i] = Double.parseDouble(cells[i + 1]);
            }
            actual.put(cells[0], n);
        }
        assertEquals(expected.keySet(), actual.keySet(), output);
        expected.forEach((date, want) -> {
            double[] got = actual.get(date);
            for (int i = 0; i < want.length; i++) {
                // The readers add in different orders; sums of a few hundred floats agree far closer than this.
                assertEquals(want[i], got[i], 1e-9 * Math.max(1, Math.abs(want[i])), SUMMARY.get(i) + " on " + date);
            }
        });
    }

    private static List<String> csvLines(Dataset<Row> rows) {
        return rows.collectAsList().stream()
                .map(r -> String.join(",", r.getString(0), Integer.toString(r.getInt(1)), Double.toString(r.getDouble(2)),
                        Float.toString(r.getFloat(3)), Float.toString(r.getFloat(4)), Float.toString(r.getFloat(5)),
                        r.getString(6), r.getDate(7).toString()))
                .sorted().toList();
    }

    private static JobsScript.Run readTable(String... args) throws Exception {
        return JobsScript.runScript("read-table", Map.of(), args);
    }

    private static Path localPath(String uri) {
        return Path.of(URI.create(uri));
    }

    private record NoSparkRun(int exitCode, String output) {
    }

    /** NoSparkProbe in a JVM whose classpath is the reader's jar and its target/lib, nothing else. */
    private static NoSparkRun runWithoutSpark(String... args) throws Exception {
        Path reader = TestSpark.repoRoot().resolve("examples/kernel-reader/target");
        String classpath = reader.resolve("kernel-reader.jar") + File.pathSeparator + reader.resolve("lib") + File.separator
                + "*";
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, TestSpark.repoRoot().resolve("src/test/resources/kernel/NoSparkProbe.java").toString()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("probe.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the probe finishes");
        return new NoSparkRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
