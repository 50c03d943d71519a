package org.emospark.scoring;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.emospark.executor.ExecutorModels;
import org.emospark.frames.RecordingExample;
import org.emospark.jobs.ResultText;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.data.LakeExamples;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelStore;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring a tiny lake with a tiny trained model, through the action the score job runs. The tests touch
 * different recordings (Test and Train; Devel; none), so they do not depend on each other's order.
 */
class ScoreActionTest {
    private static final LocalDate DAY_1 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DAY_2 = LocalDate.of(2026, 11, 21);
    private static final int BATCH = 3;

    @TempDir
    static Path tmp;
    private static Warehouse wh;
    private static String modelId;

    @BeforeAll
    static void lakeAndModel() throws IOException {
        TinyLake.Trained lake = TinyLake.trained(tmp);
        wh = lake.warehouse();
        modelId = lake.modelId();
    }

    /** What the driver predicts for a split, reading the lake and running the model as evaluate does. */
    private static Map<String, RecordingExample> examples(String split) {
        Map<String, RecordingExample> out = new HashMap<>();
        for (RecordingExample e : new LakeExamples(wh, TinyLake.CONFIG).load(List.of(split), false).examples()) {
            out.put(e.recordingId(), e);
        }
        return out;
    }

    private static Map<String, float[][]> driverPredictions(Map<String, RecordingExample> examples) {
        return driverPredictions(examples, WindowMode.FAITHFUL);
    }

    private static Map<String, float[][]> driverPredictions(Map<String, RecordingExample> examples, WindowMode mode) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return new RecordingPredictor(ModelStore.of(wh).load(modelId, manager), TinyLake.CONFIG, BATCH, mode)
                    .predict(manager, List.copyOf(examples.values()));
        }
    }

    private static List<Row> predictions(String where) {
        return wh.read(Tables.PREDICTIONS).where(where).orderBy("recording_id", "frame").collectAsList();
    }

    private static Row emotion(String recordingId) {
        List<Row> rows = wh.read(Tables.RECORDING_EMOTION).where(col("recording_id").equalTo(recordingId)).collectAsList();
        assertEquals(1, rows.size(), recordingId + ": " + rows);
        return rows.get(0);
    }

    private static Map<TableDef, Long> versions() {
        Map<TableDef, Long> v = new HashMap<>();
        for (TableDef t : List.of(Tables.PREDICTIONS, Tables.RECORDING_EMOTION, Tables.REJECTS)) {
            v.put(t, wh.version(t));
        }
        return v;
    }

    /** The predictions table holds the driver's predictions for these recordings, frame by frame. */
    private static void assertPredictionsMatchTheDriver(Map<String, RecordingExample> examples) {
        Map<String, float[][]> expected = driverPredictions(examples);
        for (Map.Entry<String, float[][]> e : expected.entrySet()) {
            List<Row> rows = predictions("recording_id = '" + e.getKey() + "' AND model_id = '" + modelId + "'");
            float[][] p = e.getValue();
            assertEquals(p.length, rows.size(), e.getKey());
            for (int f = 0; f < p.length; f++) {
                Row r = rows.get(f);
                assertEquals(f, (int) r.getAs("frame"));
                assertEquals(f / 10.0, (double) r.getAs("time_s"), 0, "the frame's start in seconds");
                assertEquals(p[f][0], (float) r.getAs("arousal"), 1e-5f, e.getKey() + " arousal frame " + f);
                assertEquals(p[f][1], (float) r.getAs("valence"), 1e-5f, e.getKey() + " valence frame " + f);
                assertEquals(p[f][2], (float) r.getAs("liking"), 1e-5f, e.getKey() + " liking frame " + f);
            }
            double mean = 0;
            for (float[] frame : p) {
                mean += frame[0];
            }
            Row summary = emotion(e.getKey());
            assertEquals(p.length, (int) summary.getAs("frames"));
            assertEquals(mean / p.length, (double) summary.getAs("arousal_mean"), 1e-5);
            boolean[] subject = examples.get(e.getKey()).subject();
            long speech = 0;
            for (boolean s : subject) {
                speech += s ? 1 : 0;
            }
            assertEquals(speech / (double) subject.length, (double) summary.getAs("speech_ratio"), 1e-12);
            assertTrue(speech < subject.length, "the turns leave some frames to the interlocutor: the check above can fail");
        }
    }

    @Test
    void scoresLikeTheDriverThenOnlyWhatIsNewAndARescoreReplacesWithoutDuplicates() {
        long loadsBefore = ExecutorModels.loads();
        ScoreResult first = new ScoreAction(wh).recordings("split = 'Test'").scoreDate(DAY_1).batchSize(BATCH).execute();

        assertEquals(modelId, first.selection().modelId(), "the most recently trained model by default");
        assertEquals(2, first.selection().selected());
        assertEquals(2, first.scored());
        assertEquals(0, first.rejected());
        assertEquals(33 + 27, first.frames());
        assertEquals(6.0, first.audioSeconds(), 1e-9);
        assertTrue(ExecutorModels.loads() - loadsBefore <= 1, "at most one load for the whole run");
        assertTrue(ResultText.of(first).contains("2 scored, 0 skipped as already scored"), ResultText.of(first));
        assertTrue(ResultText.of(first).contains("x real time"), ResultText.of(first));
        // Where the run's time went: listing, scoring, the two merges side by side, then recording_emotion, within the
        // run's own time.
        assertEquals(List.of("Listing", "Scoring", "Merging score rejects and predictions",
                        "Merging recording_emotion"),
                first.stepSeconds().keySet().stream().map(k -> k.replaceFirst("^(Listing|Scoring|Merging [a-z_ ]+?) (the|into|2).*", "$1"))
                        .toList(), first.stepSeconds().toString());
        assertTrue(first.stepSeconds().values().stream().mapToDouble(Double::doubleValue).sum() <= first.seconds());
        Map<String, RecordingExample> test = examples("Test");
        assertPredictionsMatchTheDriver(test);
        List<Row> rows = predictions("model_id = '" + modelId + "'");
        assertEquals(60, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.getAs("score_date").equals(Date.valueOf(DAY_1))));
        Row summary = emotion("Test_01");
        assertTrue((boolean) summary.getAs("has_transcript"));
        assertEquals(3.3, (double) summary.getAs("audio_s"), 1e-9);
        double shares = 0;
        for (String q : new String[] {"high_arousal_positive_valence", "high_arousal_negative_valence",
                "low_arousal_positive_valence", "low_arousal_negative_valence"}) {
            shares += (double) summary.getAs("share_" + q);
        }
        assertEquals(1.0, shares, 1e-12);
        assertTrue((double) summary.getAs("arousal_p10") <= (double) summary.getAs("arousal_p50")
                && (double) summary.getAs("arousal_p50") <= (double) summary.getAs("arousal_p90"));
        long loadsAfterFirst = ExecutorModels.loads();

        // The same run again: nothing new, nothing written.
        Map<TableDef, Long> versions = versions();
        ScoreResult again = new ScoreAction(wh).recordings("split = 'Test'").scoreDate(DAY_1).execute();
        assertEquals(0, again.scored());
        assertEquals(2, again.selection().alreadyScored());
        assertNull(again.predictions());
        assertTrue(ResultText.of(again).contains("nothing new to score"), ResultText.of(again));
        assertEquals(versions, versions(), "no table version moves when nothing is new");

        // Rescored on the same date: the same predictions, so the merges change no row and make no commit.
        ScoreResult same = new ScoreAction(wh).recordings("split = 'Test'").scoreDate(DAY_1).batchSize(BATCH)
                .rescore(true).execute();
        assertEquals(2, same.scored());
        assertEquals(0, same.selection().alreadyScored());
        assertFalse(same.predictions().changedAnything(), same.predictions().toString());
        assertEquals(versions, versions());

        // Rescored on another date: every row moves to the new date's partition; still one row per frame and model.
        ScoreResult moved = new ScoreAction(wh).recordings("split = 'Test'").scoreDate(DAY_2).batchSize(BATCH)
                .rescore(true).execute();
        assertEquals(60, moved.predictions().updated());
        assertEquals(0, moved.predictions().inserted());
        rows = predictions("model_id = '" + modelId + "'");
        assertEquals(60, rows.size(), "no duplicates");
        assertTrue(rows.stream().allMatch(r -> r.getAs("score_date").equals(Date.valueOf(DAY_2))));
        assertEquals(Date.valueOf(DAY_2), emotion("Test_02").getAs("score_date"));
        assertEquals(2, wh.read(Tables.RECORDING_EMOTION).count());

        // A wider selection scores only the recordings this model has not scored yet.
        ScoreResult wider = new ScoreAction(wh).recordings("split IN ('Test', 'Train')").scoreDate(DAY_2).execute();
        assertEquals(4, wider.selection().selected());
        assertEquals(2, wider.selection().alreadyScored());
        assertEquals(2, wider.scored());
        assertEquals(30 + 25, wider.frames());
        assertEquals(60 + 55, predictions("model_id = '" + modelId + "'").size());
        assertEquals(loadsAfterFirst, ExecutorModels.loads(), "later runs reuse the loaded model");

        // Streaming: Train rescored with the LSTM state carried from window to window replaces its rows with the
        // driver's streaming predictions; the first window (zero state either way) is unchanged.
        Map<String, RecordingExample> train = examples("Train");
        Map<String, float[][]> faithful = driverPredictions(train);
        Map<String, float[][]> streaming = driverPredictions(train, WindowMode.STREAMING);
        ScoreResult streamed = new ScoreAction(wh).recordings("split = 'Train'").scoreDate(DAY_2).batchSize(BATCH)
                .windows(WindowMode.STREAMING).rescore(true).execute();
        assertEquals(2, streamed.scored());
        assertEquals(60 + 55, predictions("model_id = '" + modelId + "'").size(), "rows replaced, not added");
        int differing = 0;
        for (Map.Entry<String, float[][]> e : streaming.entrySet()) {
            List<Row> stored = predictions("recording_id = '" + e.getKey() + "' AND model_id = '" + modelId + "'");
            float[][] p = e.getValue();
            assertEquals(p.length, stored.size());
            for (int f = 0; f < p.length; f++) {
                assertEquals(p[f][0], (float) stored.get(f).getAs("arousal"), 1e-5f, e.getKey() + " frame " + f);
                assertEquals(p[f][2], (float) stored.get(f).getAs("liking"), 1e-5f, e.getKey() + " frame " + f);
                if (f < TinyLake.CONFIG.windowFrames()) {
                    assertArrayEquals(faithful.get(e.getKey())[f], p[f], 1e-6f, "first window, frame " + f);
                } else if (!java.util.Arrays.equals(faithful.get(e.getKey())[f], p[f])) {
                    differing++;
                }
            }
        }
        assertTrue(differing > 0, "streaming changed no frame after the first window: no state was carried");

        // Overlapping: windows every half window from audio read forward in the executors, as the driver blends them.
        Map<String, float[][]> overlapping = driverPredictions(train, WindowMode.OVERLAPPING);
        assertEquals(2, new ScoreAction(wh).recordings("split = 'Train'").scoreDate(DAY_2).batchSize(BATCH)
                .windows(WindowMode.OVERLAPPING).rescore(true).execute().scored());
        for (Map.Entry<String, float[][]> e : overlapping.entrySet()) {
            List<Row> stored = predictions("recording_id = '" + e.getKey() + "' AND model_id = '" + modelId + "'");
            for (int f = 0; f < e.getValue().length; f++) {
                assertEquals(e.getValue()[f][1], (float) stored.get(f).getAs("valence"), 1e-5f, e.getKey() + " frame " + f);
            }
            assertFalse(java.util.Arrays.equals(faithful.get(e.getKey())[TinyLake.CONFIG.windowFrames() - 1],
                    e.getValue()[TinyLake.CONFIG.windowFrames() - 1]), "the first window's last frame is blended");
        }
    }

    @Test
    void aRecordingWithoutWordsIsScoredAndFlaggedAndOneWithoutAudioIsRejected() {
        // Devel_01 loses its semantic frames (as if ingested after the features ran), Devel_02 its audio.
        DeltaTable.forPath(wh.spark(), wh.pathOf(Tables.SEMANTIC_FRAMES)).delete("recording_id = 'Devel_01'");
        DeltaTable.forPath(wh.spark(), wh.pathOf(Tables.AUDIO_CHUNKS)).delete("recording_id = 'Devel_02'");
        String devel02Uri = wh.read(Tables.RECORDINGS).where("recording_id = 'Devel_02'").select("source_uri").head()
                .getString(0);

        ScoreResult result = new ScoreAction(wh).recordings("split = 'Devel'").model(modelId).scoreDate(DAY_1)
                .batchSize(BATCH).execute();

        assertEquals(1, result.scored());
        assertEquals(Map.of("no_audio_chunks", 1L), result.rejectedByReason());
        assertEquals(1, result.withoutTranscript());
        assertTrue(ResultText.of(result).contains("1 rejected (no_audio_chunks: 1)"), ResultText.of(result));
        assertTrue(ResultText.of(result).contains("without words: 1"), ResultText.of(result));
        assertFalse((boolean) emotion("Devel_01").getAs("has_transcript"));
        Map<String, RecordingExample> devel = examples("Devel");
        devel.keySet().retainAll(List.of("Devel_01"));
        assertPredictionsMatchTheDriver(devel);
        assertTrue(predictions("recording_id = 'Devel_02'").isEmpty());
        assertTrue(wh.read(Tables.RECORDING_EMOTION).where("recording_id = 'Devel_02'").isEmpty(),
                "a rejected recording is not marked as scored");
        List<Row> rejects = wh.read(Tables.REJECTS).where("stage = 'score'").collectAsList();
        assertEquals(1, rejects.size(), rejects.toString());
        Row reject = rejects.get(0);
        assertEquals("Devel_02", reject.getAs("recording_id"));
        assertEquals(devel02Uri, reject.getAs("source_uri"));
        assertEquals("no_audio_chunks", reject.getAs("reason"));
        assertTrue(((String) reject.getAs("detail")).startsWith("model " + modelId + ": "), reject.toString());

        // Again: the rejected recording is tried again and rejected again, as the same one row.
        long rejectsVersion = wh.version(Tables.REJECTS);
        ScoreResult again = new ScoreAction(wh).recordings("split = 'Devel'").scoreDate(DAY_1).execute();
        assertEquals(1, again.selection().alreadyScored());
        assertEquals(1, again.rejected());
        assertEquals(rejectsVersion, wh.version(Tables.REJECTS));
        assertEquals(1, wh.read(Tables.REJECTS).where("stage = 'score'").count());
    }

    @Test
    void aSelectionThatIsNotASqlConditionOnRecordingsIsRefusedNamingIt() {
        for (String bad : new String[] {"no_such_column = 1", "split = "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ScoreAction(wh).recordings(bad).execute());
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("recordings table"),
                    e.getMessage());
        }
    }

    @Test
    void anUnknownModelIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScoreAction(wh).model("attention-both-nope000000").execute());
        assertTrue(e.getMessage().contains("attention-both-nope000000"), e.getMessage());
    }
}
