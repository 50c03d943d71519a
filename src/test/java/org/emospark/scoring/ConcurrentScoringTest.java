package org.emospark.scoring;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.emospark.ingest.CorpusLayout;
import org.emospark.ingest.IngestAction;
import org.emospark.ingest.IngestResult;
import org.emospark.ingest.IngestSettings;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.testing.AtOnce;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs writing one warehouse at once, each from its own Spark session as two drivers would (each its own
 * merges, so Delta's optimistic concurrency decides, not a lock in this JVM): an ingest while a scoring runs, and two
 * scorings of different recordings. Both tables' contents must be what the two jobs leave when run one after the
 * other: every key once, every recording scored as it scores alone.
 */
class ConcurrentScoringTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

    @TempDir
    Path tmp;

    @Test
    void anIngestWhileScoringRunsLosesNothingAndDuplicatesNothing() throws Exception {
        TinyLake.Trained lake = TinyLake.trained(tmp.resolve("lake"));
        Path more = TestCorpus.writeTest(tmp.resolve("more"), 6, 3.0, TinyLake.RATE);
        // Test_03 .. Test_06 are new; Test_01 and Test_02, which the scoring reads, are not touched by this ingest.
        for (String kind : new String[] {"audio/%s.wav", "labels/%s.csv", "turns/%s.csv", "transcriptions/%s.csv"}) {
            for (String old : new String[] {"Test_01", "Test_02"}) {
                Files.delete(more.resolve(String.format(kind, old)));
            }
        }
        String scored = "recording_id IN ('Test_01', 'Test_02')";
        List<Object> results = AtOnce.run(lake.warehouse().root(), List.<Function<Warehouse, Object>>of(
                wh -> new ScoreAction(wh).model(lake.modelId()).recordings(scored).scoreDate(DAY).batchSize(3).execute(),
                wh -> new IngestAction(wh, new IngestSettings(TinyLake.RATE, 0.1, 30, "uniform"))
                        .layout(CorpusLayout.AVEC2017).input(more.toString()).execute()));
        ScoreResult score = (ScoreResult) results.get(0);
        IngestResult ingest = (IngestResult) results.get(1);
        assertEquals(2, score.scored());
        assertEquals(4, ingest.recordingsIngested(), ingest.toString());

        Warehouse wh = lake.warehouse();
        assertEquals(10, wh.read(Tables.RECORDINGS).count(), "six recordings before, four new");
        assertEveryKeyOnce(wh);
        // What a serial run leaves: scoring the two again writes no change, ingesting again finds nothing new.
        Map<TableDef, Long> versions = versions(wh);
        ScoreResult again = new ScoreAction(wh).model(lake.modelId()).recordings(scored).scoreDate(DAY).batchSize(3)
                .rescore(true).execute();
        assertEquals(2, again.scored());
        IngestResult ingestAgain = new IngestAction(wh, new IngestSettings(TinyLake.RATE, 0.1, 30, "uniform"))
                .layout(CorpusLayout.AVEC2017).input(more.toString()).execute();
        assertEquals(4, ingestAgain.recordingsUnchanged(), ingestAgain.toString());
        assertEquals(versions, versions(wh), "no table moves when both jobs are run again, one after the other");
    }

    @Test
    void twoScoringsOfDifferentRecordingsAtOnceLeaveWhatEachLeavesAlone() throws Exception {
        TinyLake.Trained lake = TinyLake.trained(tmp.resolve("lake"));
        List<Object> results = AtOnce.run(lake.warehouse().root(), List.<Function<Warehouse, Object>>of(
                wh -> new ScoreAction(wh).model(lake.modelId()).recordings("split = 'Test'").scoreDate(DAY).batchSize(3)
                        .execute(),
                wh -> new ScoreAction(wh).model(lake.modelId()).recordings("split = 'Train'").scoreDate(DAY).batchSize(3)
                        .execute()));
        for (Object r : results) {
            assertEquals(2, ((ScoreResult) r).scored());
        }
        Warehouse wh = lake.warehouse();
        assertEveryKeyOnce(wh);
        List<String> scoredIds = wh.read(Tables.RECORDING_EMOTION).select("recording_id").orderBy("recording_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(List.of("Test_01", "Test_02", "Train_01", "Train_02"), scoredIds);
        // The four scored in one run on a fresh copy of the lake give the same rows.
        TinyLake.Trained alone = TinyLake.trained(tmp.resolve("alone"));
        new ScoreAction(alone.warehouse()).model(lake.modelId()).recordings("split IN ('Test', 'Train')").scoreDate(DAY)
                .batchSize(3).execute();
        List<Row> expected = predictions(alone.warehouse());
        List<Row> actual = predictions(wh);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Row e = expected.get(i);
            Row a = actual.get(i);
            assertEquals(e.getString(0) + "/" + e.getInt(1), a.getString(0) + "/" + a.getInt(1));
            for (int d = 2; d < 5; d++) {
                assertEquals(e.getFloat(d), a.getFloat(d), 1e-5f, a.toString());
            }
        }
    }

    private static void assertEveryKeyOnce(Warehouse wh) {
        for (TableDef t : Tables.all()) {
            if (!wh.exists(t)) {
                continue;
            }
            long rows = wh.read(t).count();
            long keys = wh.read(t).select(t.keys().stream().map(k -> col(k)).toArray(org.apache.spark.sql.Column[]::new))
                    .distinct().count();
            assertEquals(rows, keys, t.name() + ": every key once");
        }
    }

    private static Map<TableDef, Long> versions(Warehouse wh) {
        Map<TableDef, Long> v = new HashMap<>();
        for (TableDef t : Tables.all()) {
            if (wh.exists(t)) {
                v.put(t, wh.version(t));
            }
        }
        return v;
    }

    private static List<Row> predictions(Warehouse wh) {
        return wh.read(Tables.PREDICTIONS).orderBy("recording_id", "frame")
                .select("recording_id", "frame", "arousal", "valence", "liking").collectAsList();
    }
}
