package org.emospark.sql;

import static org.emospark.testing.ScoredLake.NEW;
import static org.emospark.testing.ScoredLake.OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.emospark.jobs.ResultText;
import org.emospark.lake.Warehouse;
import org.emospark.testing.ScoredLake;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's views over a lake with a known scoring history, as temporary views and as catalog entries. */
class LakeViewsTest {
    @TempDir
    static Path tmp;
    private static Warehouse wh;

    @BeforeAll
    static void lake() {
        wh = ScoredLake.build(tmp);
        // What emospark sql does before running its statements.
        List<String> names = new SqlAction(wh).registerViews();
        assertEquals(List.of("recordings", "models", "evaluations", "predictions", "recording_emotion",
                "recording_emotion_latest", "emotion_timeline", "model_leaderboard"), names);
    }

    private static List<Row> sql(String query) {
        return wh.spark().sql(query).collectAsList();
    }

    @Test
    void recordingEmotionLatestHoldsOneRowPerScoredRecordingFromTheNewestModelThatScoredIt() {
        List<Row> rows = sql("SELECT recording_id, model_id, arousal_mean, split, speaker, corpus, model_name, frames "
                + "FROM recording_emotion_latest ORDER BY recording_id");
        assertEquals(3, rows.size(), rows.toString());
        assertLatest(rows.get(0), "Test_01", NEW, "Test", "spk1");
        assertLatest(rows.get(1), "Test_02", NEW, "Test", "spk2");
        assertLatest(rows.get(2), "Train_01", OLD, "Train", "spk1");
        assertEquals("calls", rows.get(0).getString(5));
        assertEquals("new", rows.get(0).getString(6), "the model's name from models");
        assertEquals(3, rows.get(0).getInt(7));
    }

    private static void assertLatest(Row row, String recording, String model, String split, String speaker) {
        assertEquals(recording, row.getString(0));
        assertEquals(model, row.getString(1), recording + ": the most recently trained model that scored it");
        assertEquals(ScoredLake.AROUSAL_MEAN.get(List.of(recording, model)), row.getDouble(2), 0.0);
        assertEquals(split, row.getString(3));
        assertEquals(speaker, row.getString(4));
    }

    @Test
    void emotionTimelineHoldsEveryFrameOfTheLatestModelOnlyWithTheRecordingsColumns() {
        List<Row> rows = sql("SELECT recording_id, model_id, frame, arousal, split, speaker, time_s "
                + "FROM emotion_timeline ORDER BY recording_id, frame");
        assertEquals(3 + 2 + 2, rows.size(), "Test_01 by NEW, Test_02 by NEW, Train_01 by OLD: " + rows);
        for (Row r : rows) {
            String recording = r.getString(0);
            String expectedModel = recording.equals("Train_01") ? OLD : NEW;
            assertEquals(expectedModel, r.getString(1), r.toString());
            assertEquals(ScoredLake.arousal(expectedModel, r.getInt(2)), r.getFloat(3), 0f, r.toString());
            assertEquals(recording.startsWith("Test") ? "Test" : "Train", r.getString(4));
            assertEquals(r.getInt(2) / 10.0, r.getDouble(6), 1e-12);
        }
        assertEquals(List.of(0, 1, 2), rows.subList(0, 3).stream().map(r -> r.getInt(2)).toList());
        assertEquals(0L, sql("SELECT count(*) FROM emotion_timeline WHERE recording_id = 'Devel_01'").get(0).getLong(0),
                "a recording never scored has no timeline");
    }

    @Test
    void modelLeaderboardHasEveryModelWithDevelCccAndTestCccOnlyFromTheTestConcatenation() {
        List<Row> rows = sql("SELECT model_id, devel_ccc_arousal, devel_ccc_mean, test_ccc_arousal, test_ccc_valence, "
                + "test_ccc_liking, test_ccc_mean, test_frames FROM model_leaderboard ORDER BY test_ccc_mean DESC NULLS LAST");
        assertEquals(2, rows.size(), rows.toString());
        Row best = rows.get(0);
        assertEquals(NEW, best.getString(0));
        assertEquals(0.7, best.getDouble(1), 0.0);
        assertEquals(0.6, best.getDouble(2), 0.0);
        double[] test = ScoredLake.NEW_TEST_CCC;
        assertEquals(test[0], best.getDouble(3), 0.0, "not the Devel, recording_mean or per-recording rows");
        assertEquals(test[1], best.getDouble(4), 0.0);
        assertEquals(test[2], best.getDouble(5), 0.0);
        assertEquals((test[0] + test[1] + test[2]) / 3, best.getDouble(6), 1e-12);
        assertEquals(50L, best.getLong(7));
        Row old = rows.get(1);
        assertEquals(OLD, old.getString(0));
        assertEquals(0.3, old.getDouble(1), 0.0);
        assertNull(old.get(3), "not evaluated on Test");
        assertNull(old.get(6));
    }

    @Test
    void catalogEntriesResolveInEverySessionAndGiveTheSameRowsAsTheTemporaryViews() {
        String query = "SELECT * FROM recording_emotion_latest ORDER BY recording_id";
        List<Row> expected = sql(query);
        SparkSession server = TestSpark.session().newSession();
        LakeCatalog catalog = new LakeCatalog(new Warehouse(server, wh.root()), "lake_views_shared");
        try {
            CatalogSync first = catalog.sync();
            assertEquals(List.of("recordings", "models", "evaluations", "predictions", "recording_emotion"), first.tables(),
                    "the lake's tables that exist, in the order of Tables.all()");
            assertEquals(List.of("recording_emotion_latest", "emotion_timeline", "model_leaderboard"), first.views());
            assertTrue(first.waiting().isEmpty(), ResultText.of(first));

            // A JDBC session of the Thrift server is a new session of the same application, as this one is.
            SparkSession client = TestSpark.session().newSession();
            client.sql("USE lake_views_shared");
            assertEquals(expected, client.sql(query).collectAsList());
            assertEquals(7L, client.sql("SELECT count(*) FROM emotion_timeline").head().getLong(0));
            assertEquals(2L, client.sql("SELECT count(*) FROM model_leaderboard").head().getLong(0));

            CatalogSync again = catalog.sync();
            assertFalse(again.registeredAnything(), ResultText.of(again));
        } finally {
            server.sql("DROP DATABASE IF EXISTS lake_views_shared CASCADE");
        }
    }

    @Test
    void viewsWaitForTheirTablesAndASyncRegistersThemOnceTheyExist() throws IOException {
        Path partial = tmp.resolve("partial");
        for (String table : List.of("recordings", "models", "recording_emotion")) {
            copy(Path.of(java.net.URI.create(wh.root())).resolve(table), partial.resolve(table));
        }
        Warehouse lake = new Warehouse(TestSpark.session().newSession(), partial.toString());
        LakeCatalog catalog = new LakeCatalog(lake, "lake_views_partial");
        try {
            CatalogSync first = catalog.sync();
            assertEquals(List.of("recordings", "models", "recording_emotion"), first.tables());
            assertEquals(List.of("recording_emotion_latest"), first.views());
            assertEquals(Map.of("emotion_timeline", List.of("predictions"), "model_leaderboard", List.of("evaluations")),
                    first.waiting());
            assertTrue(ResultText.of(first).contains("waiting: emotion_timeline (needs predictions)"), ResultText.of(first));

            copy(Path.of(java.net.URI.create(wh.root())).resolve("predictions"), partial.resolve("predictions"));
            CatalogSync second = catalog.sync();
            assertEquals(List.of("predictions"), second.tables());
            assertEquals(List.of("emotion_timeline"), second.views());
            assertEquals(Map.of("model_leaderboard", List.of("evaluations")), second.waiting());
            assertEquals(7L, lake.spark().sql("SELECT count(*) FROM lake_views_partial.emotion_timeline").head().getLong(0));
        } finally {
            lake.spark().sql("DROP DATABASE IF EXISTS lake_views_partial CASCADE");
        }
    }

    @Test
    void aTableThisSessionFirstSawWithoutACommitIsRegisteredOnceItHasOne() throws IOException {
        // Another process has begun creating evaluations: its log folder exists, its first commit does not yet.
        Path late = tmp.resolve("late");
        Files.createDirectories(late.resolve("evaluations/_delta_log"));
        Warehouse lake = new Warehouse(TestSpark.session().newSession(), late.toString());
        LakeCatalog catalog = new LakeCatalog(lake, "lake_views_late");
        try {
            assertTrue(catalog.sync().tables().isEmpty());
            // Its first commit lands. (Warehouse.exists in this session still says no: Delta cached the empty log.)
            copy(Path.of(java.net.URI.create(wh.root())).resolve("evaluations"), late.resolve("evaluations"));
            assertEquals(List.of("evaluations"), catalog.sync().tables());
        } finally {
            lake.spark().sql("DROP DATABASE IF EXISTS lake_views_late CASCADE");
        }
    }

    @Test
    void aTableOfTheSameNameFromAnotherWarehouseIsNeverRepointed() throws IOException {
        Path other = tmp.resolve("other");
        copy(Path.of(java.net.URI.create(wh.root())).resolve("recordings"), other.resolve("recordings"));
        SparkSession session = TestSpark.session().newSession();
        try {
            new LakeCatalog(new Warehouse(session, wh.root()), "lake_views_clash").sync();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new LakeCatalog(new Warehouse(session, other.toString()), "lake_views_clash").sync());
            assertTrue(e.getMessage().contains("lake_views_clash.recordings in the catalog is " + wh.root() + "/recordings")
                    && e.getMessage().contains("another database (emospark.sqlServer.database)"), e.getMessage());
        } finally {
            session.sql("DROP DATABASE IF EXISTS lake_views_clash CASCADE");
        }
    }

    @Test
    void aDatabaseNameThatIsNotAPlainIdentifierIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LakeCatalog(wh, "lake; DROP TABLE x"));
        assertTrue(e.getMessage().contains("cannot be: lake; DROP TABLE x"), e.getMessage());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
    }
}
