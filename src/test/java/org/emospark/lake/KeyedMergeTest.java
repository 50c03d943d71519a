package org.emospark.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.emospark.testing.AtOnce;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed merges as two jobs run them at once: two sessions (each with its own settings, as two drivers have) write
 * one table from two threads that start together; and as one job runs them side by side, one session writing two
 * tables from two threads.
 */
class KeyedMergeTest {
    @TempDir
    Path tmp;

    private static Dataset<Row> labels(SparkSession spark, String recording, int frames) {
        List<Row> rows = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            rows.add(RowFactory.create(recording, f, f * 0.1, 0.1 * (f % 7), -0.2, 0.3));
        }
        return spark.createDataFrame(rows, Tables.LABELS.schema());
    }

    /** Runs both writes at once into a table neither has created yet; their results in order. */
    private List<MergeCounts> concurrently(String root, String recordingA, String recordingB) throws Exception {
        List<Function<Warehouse, MergeCounts>> writers = new ArrayList<>();
        for (String recording : List.of(recordingA, recordingB)) {
            writers.add(warehouse -> KeyedMerge.merge(warehouse, Tables.LABELS, labels(warehouse.spark(), recording, 120),
                    Set.of(recording)));
        }
        return AtOnce.run(root, writers);
    }

    private static void assertEveryKeyOnce(String root, long rows) {
        Dataset<Row> stored = new Warehouse(TestSpark.session(), root).read(Tables.LABELS);
        assertEquals(rows, stored.count());
        assertEquals(rows, stored.select("recording_id", "frame").distinct().count());
    }

    @Test
    void twoWritersOfTheSameRowsAtOnceLeaveEveryRowOnceAndOneOfThemSaysItWroteThem() throws Exception {
        String root = tmp.resolve("wh").toString();
        List<MergeCounts> results = concurrently(root, "Train_01", "Train_01");

        assertEveryKeyOnce(root, 120);
        // Exactly one of the writes inserted the rows; the other found them there.
        assertEquals(Set.of(0L, 120L), results.stream().map(MergeCounts::inserted).collect(Collectors.toSet()));
        assertEquals(0, results.stream().mapToLong(r -> r.updated() + r.deleted()).sum());
    }

    @Test
    void twoWritersOfDifferentRowsAtOnceKeepBothAndEachReportsItsOwnCommit() throws Exception {
        String root = tmp.resolve("wh").toString();
        List<MergeCounts> results = concurrently(root, "Train_01", "Train_02");

        assertEveryKeyOnce(root, 240);
        assertEquals(120, results.get(0).inserted());
        assertEquals(120, results.get(1).inserted());
        assertNotEquals(results.get(0).version(), results.get(1).version(), results::toString);
    }

    @Test
    void writingTheSameRowsAgainChangesNothingAndKeepsTheVersion() {
        Warehouse warehouse = new Warehouse(TestSpark.session(), tmp.resolve("wh").toString());
        Dataset<Row> source = labels(TestSpark.session(), "Devel_01", 50);
        MergeCounts first = KeyedMerge.merge(warehouse, Tables.LABELS, source, Set.of("Devel_01"));
        MergeCounts again = KeyedMerge.merge(warehouse, Tables.LABELS, source, Set.of("Devel_01"));

        assertEquals(50, first.inserted());
        assertEquals(new MergeCounts("labels", 0, 0, 0, first.version()), again);
    }

    @Test
    void aTableWhoseCreatorWasKilledBeforeItsFirstCommitIsCreatedByTheNextWrite() throws Exception {
        Path root = tmp.resolve("wh");
        // What a driver killed inside the create leaves: commit 0's temporary file and an empty _commits folder.
        Path log = Files.createDirectories(root.resolve("labels").resolve("_delta_log").resolve("_commits")).getParent();
        Path debris = Files.writeString(log.resolve(".00000000000000000000.json.8a1f.tmp"), "{\"commitInfo\":{}}");
        FileTime killedAMinuteAgo = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(debris, killedAMinuteAgo);
        Files.setLastModifiedTime(log.resolve("_commits"), killedAMinuteAgo);
        Files.setLastModifiedTime(log, killedAMinuteAgo);

        Warehouse warehouse = new Warehouse(TestSpark.session(), root.toString());
        MergeCounts written = KeyedMerge.merge(warehouse, Tables.LABELS, labels(TestSpark.session(), "Test_01", 30),
                Set.of("Test_01"));

        assertEquals(30, written.inserted());
        assertEquals(30, warehouse.read(Tables.LABELS).count());
        assertTrue(warehouse.exists(Tables.LABELS));
    }

    /**
     * One session, two threads, two tables created and written at once (as {@code score} merges rejects and
     * predictions side by side): only the tagged commits take turns, so one table's creation can land while the other
     * merge's tag is set; each merge still reports its own commit's counts, never that creation.
     */
    @Test
    void oneSessionMergingIntoTwoNewTablesAtOnceReportsEachMergesOwnCommit() throws Exception {
        SparkSession spark = TestSpark.session();
        for (int round = 0; round < 3; round++) {
            List<Warehouse> warehouses = List.of(new Warehouse(spark, tmp.resolve("a" + round).toString()),
                    new Warehouse(spark, tmp.resolve("b" + round).toString()));
            int[] rows = {40, 70};
            List<Callable<MergeCounts>> merges = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Warehouse warehouse = warehouses.get(i);
                int frames = rows[i];
                merges.add(() -> KeyedMerge.merge(warehouse, Tables.LABELS, labels(spark, "Train_01", frames),
                        Set.of("Train_01")));
            }
            List<MergeCounts> merged = AtOnce.call(merges);
            for (int i = 0; i < 2; i++) {
                MergeCounts counts = merged.get(i);
                assertEquals(rows[i], counts.inserted(), counts::toString);
                assertEquals(0, counts.updated() + counts.deleted(), counts::toString);
                Row newest = DeltaTable.forPath(spark, warehouses.get(i).pathOf(Tables.LABELS))
                        .history(1).select("version", "operation").head();
                assertEquals(newest.getLong(0), counts.version(), "the version of the table's only merge");
                assertEquals("MERGE", newest.getString(1));
                assertEquals(rows[i], warehouses.get(i).read(Tables.LABELS).count());
            }
        }
    }
}
