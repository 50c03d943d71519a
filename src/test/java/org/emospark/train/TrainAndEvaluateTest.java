package org.emospark.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.emospark.evaluate.EvaluateAction;
import org.emospark.evaluate.EvaluateResult;
import org.emospark.jobs.ResultText;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a tiny lake to stored, registered and evaluated models, through the actions the train and evaluate jobs run. */
class TrainAndEvaluateTest {
    private static final ModelConfig CONFIG = TinyLake.CONFIG;
    private static final TrainSettings SETTINGS = TinyLake.SETTINGS;
    /** Test_01 and Test_02: 3.3 s and 2.7 s. */
    private static final int TEST_RECORDINGS = 2;
    private static final long TEST_FRAMES = 33 + 27;

    /** One lake for both tests: ingesting it is the slow part, and neither test changes its input tables. */
    @TempDir
    static Path tmp;
    private static Warehouse wh;

    @BeforeAll
    static void lake() throws IOException {
        wh = TinyLake.build(tmp);
    }

    /** The evaluations rows of one model, in key order. */
    private static List<Row> evaluations(String modelId) {
        return wh.read(Tables.EVALUATIONS).where(col("model_id").equalTo(modelId))
                .orderBy("split", "scope", "recording_id", "dimension").collectAsList();
    }

    private static long count(List<Row> rows, String column, String value) {
        return rows.stream().filter(r -> value.equals(r.getAs(column))).count();
    }

    @Test
    void trainsStoresRegistersAndEvaluatesModelsOnceEach() throws IOException {
        Path reports = tmp.resolve("reports");

        // Train: a stored model and its models row.
        TrainResult trained = new TrainAction(wh, CONFIG, SETTINGS).execute();
        String id = trained.manifest().modelId();
        assertTrue(trained.trained());
        assertTrue(id.startsWith("attention-both-"), id);
        assertTrue(ModelStore.of(wh).exists(id));
        assertEquals(List.of("Train_01", "Train_02"), trained.manifest().trainRecordings());
        assertEquals(List.of("Devel_01", "Devel_02"), trained.manifest().develRecordings());
        assertEquals(2, trained.manifest().epochs().size());
        assertTrue(trained.skipped().isEmpty(), trained.skipped().toString());
        List<Row> models = wh.read(Tables.MODELS).collectAsList();
        assertEquals(1, models.size());
        Row row = models.get(0);
        assertEquals(id, row.getAs("model_id"));
        assertEquals(trained.path(), row.getAs("path"));
        assertEquals(2, (int) row.getAs("train_recordings"));
        assertEquals(2, (int) row.getAs("epochs_run"));
        assertEquals(trained.manifest().embeddingSet(), row.getAs("embedding_set"));
        assertTrue(((String) row.getAs("embedding_set")).startsWith("tiny-"), (String) row.getAs("embedding_set"));
        assertEquals(trained.manifest().devel().meanCcc(), (double) row.getAs("devel_ccc_mean"), 1e-12);

        // The same config, settings and lake: the stored model is kept, its row stays as it was, no commit.
        long modelsVersion = wh.version(Tables.MODELS);
        TrainResult again = new TrainAction(wh, CONFIG, SETTINGS).execute();
        assertEquals(modelsVersion, wh.version(Tables.MODELS), "an identical registration makes no new table version");
        assertFalse(again.trained());
        assertEquals(id, again.manifest().modelId());
        assertEquals(trained.manifest(), again.manifest());
        assertFalse(again.registered().changedAnything(), again.registered().toString());
        assertEquals(models, wh.read(Tables.MODELS).collectAsList());
        assertTrue(ResultText.of(again).contains("already trained"), ResultText.of(again));

        // Evaluate on Test: both aggregates, the frames inside and outside the subject's turns, and every Test
        // recording, per dimension, and a report naming the model.
        EvaluateResult evaluated = new EvaluateAction(wh, List.of(id), "test", reports).execute();
        assertEquals("Test", evaluated.split());
        List<Row> rows = evaluations(id);
        assertEquals((4 + TEST_RECORDINGS) * 3, rows.size(), rows.toString());
        assertEquals(rows.size(), count(rows, "split", "Test"));
        assertEquals(3, count(rows, "scope", "concatenated"));
        assertEquals(3, count(rows, "scope", "recording_mean"));
        assertEquals(3, count(rows, "scope", "subject_turns"));
        assertEquals(3, count(rows, "scope", "outside_subject_turns"));
        long in = rows.stream().filter(r -> r.getAs("scope").equals("subject_turns")).mapToLong(r -> r.getAs("frames"))
                .findFirst().orElseThrow();
        long out = rows.stream().filter(r -> r.getAs("scope").equals("outside_subject_turns"))
                .mapToLong(r -> r.getAs("frames")).findFirst().orElseThrow();
        assertTrue(in > 0 && out > 0, in + " frames in the subject's turns, " + out + " outside");
        assertEquals(TEST_FRAMES, in + out, "every frame is inside or outside the subject's turns");
        assertTrue(ResultText.of(evaluated).contains("subject's turns"), ResultText.of(evaluated));
        assertEquals(TEST_RECORDINGS * 3, count(rows, "scope", "recording"));
        assertEquals(3, count(rows, "recording_id", "Test_01"));
        assertEquals(3, count(rows, "recording_id", "Test_02"));
        for (Row r : rows) {
            if (r.getAs("scope").equals("concatenated")) {
                assertEquals(TEST_FRAMES, (long) r.getAs("frames"), "every frame of every Test recording is scored");
            }
        }
        Path report = evaluated.models().get(0).report();
        assertEquals(reports.resolve(id + "-Test.html").toAbsolutePath(), report);
        assertTrue(Files.readString(report).contains(id), "the report names its model");
        assertNull(evaluated.comparison(), "one model: no comparison page");
        long evaluationsVersion = wh.version(Tables.EVALUATIONS);
        new EvaluateAction(wh, List.of(id), "Test", reports).execute();
        assertEquals(evaluationsVersion, wh.version(Tables.EVALUATIONS), "evaluating again makes no new table version");

        // A second model (semantic stream only), then both evaluated and compared on one page.
        String semantic = new TrainAction(wh, CONFIG.withStreams(ModelConfig.Streams.SEMANTIC), SETTINGS).execute()
                .manifest().modelId();
        assertNotEquals(id, semantic);
        assertTrue(semantic.startsWith("attention-semantic-"), semantic);
        assertEquals(2, wh.read(Tables.MODELS).count());
        EvaluateResult compared = new EvaluateAction(wh, List.of(id, semantic), "Test", reports).execute();
        assertEquals(reports.resolve("compare-Test.html").toAbsolutePath(), compared.comparison());
        String page = Files.readString(compared.comparison());
        assertTrue(page.contains(id) && page.contains(semantic), "the comparison names both models");
        assertTrue(Files.isRegularFile(reports.resolve(semantic + "-Test.html")));
        assertEquals((4 + TEST_RECORDINGS) * 3, evaluations(semantic).size(), "both aggregates, both parts, each recording");
        // The first model was evaluated again on the same data: no row changed, not even its evaluation time.
        assertFalse(compared.models().get(0).written().changedAnything(), compared.models().get(0).written().toString());
        assertEquals(rows, evaluations(id));
        assertEquals(evaluated.models().get(0).result().concatenated(), compared.models().get(0).result().concatenated());
    }

    @Test
    void aRefittedModelKeepsItsFirstRunsDevelFiguresAndEvaluateSaysWhichRecordingsItWasTrainedOn(@TempDir Path own)
            throws IOException {
        // A lake of its own, so that the other test's counts of models stay what it expects.
        TinyLake.Trained lake = TinyLake.trained(own);
        Warehouse wh = lake.warehouse();
        Path reports = own.resolve("reports");
        ModelManifest plain = ModelStore.of(wh).manifest(lake.modelId());
        TrainResult refitted = new TrainAction(wh, CONFIG, SETTINGS.withRefit(true)).execute();
        ModelManifest m = refitted.manifest();
        assertNotEquals(plain.modelId(), m.modelId(), "a refit is another model");
        assertEquals(List.of("Train_01", "Train_02"), m.trainRecordings());
        assertEquals(List.of("Train_01", "Train_02", "Devel_01", "Devel_02"), m.refit().recordings());
        assertEquals(m.bestEpoch(), m.refit().epochs());
        // The Devel figures are those of the run that chose (to within the rounding of a multi-threaded run).
        assertEquals(plain.bestEpoch(), m.bestEpoch());
        assertEquals(plain.devel().arousal().ccc(), m.devel().arousal().ccc(), 1e-4);
        assertEquals(plain.devel().valence().ccc(), m.devel().valence().ccc(), 1e-4);
        assertEquals(plain.devel().liking().ccc(), m.devel().liking().ccc(), 1e-4);
        assertTrue(ResultText.of(refitted).contains("refit:"), ResultText.of(refitted));
        Row row = wh.read(Tables.MODELS).where(col("model_id").equalTo(m.modelId())).collectAsList().get(0);
        assertEquals(m.devel().meanCcc(), (double) row.getAs("devel_ccc_mean"), 1e-12);

        EvaluateResult devel = new EvaluateAction(wh, List.of(m.modelId()), "Devel", reports).execute();
        assertEquals(List.of("Devel_01", "Devel_02"), devel.models().get(0).trainedOn());
        assertTrue(ResultText.of(devel).contains("was trained on 2 of these 2 recordings"), ResultText.of(devel));
        assertTrue(Files.readString(devel.models().get(0).report()).contains("its scores here are not held out"),
                "the HTML report says so too");
        EvaluateResult test = new EvaluateAction(wh, List.of(m.modelId()), "Test", reports).execute();
        assertTrue(test.models().get(0).trainedOn().isEmpty(), "Test stays held out");
        assertFalse(ResultText.of(test).contains("note:"), ResultText.of(test));
        assertFalse(Files.readString(test.models().get(0).report()).contains("not held out"));
    }

    @Test
    void aModelAtAnotherSampleRateThanTheLakeIsRefusedNamingBothRates() {
        long modelsVersion = wh.version(Tables.MODELS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainAction(wh, CONFIG.withSampleRate(2000), SETTINGS).execute());
        assertTrue(e.getMessage().contains("1000 Hz") && e.getMessage().contains("2000 Hz"), e.getMessage());
        assertEquals(modelsVersion, wh.version(Tables.MODELS), "nothing trained, nothing registered");
    }
}
