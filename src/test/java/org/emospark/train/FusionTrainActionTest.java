package org.emospark.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.sql.Row;
import org.emospark.evaluate.EvaluateAction;
import org.emospark.evaluate.EvaluateResult;
import org.emospark.features.paralinguistic.ParalinguisticFramesAction;
import org.emospark.jobs.ResultText;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;
import org.emospark.scoring.ScoreAction;
import org.emospark.scoring.ScoreResult;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fusion stage on a tiny lake: an end-to-end model, its CNN features, then fusion models trained from those alone,
 * through the actions the train job runs. The tests write different models and read the same input tables.
 */
class FusionTrainActionTest {
    @TempDir
    static Path tmp;
    private static Warehouse wh;
    private static String source;

    @BeforeAll
    static void lakeModelAndFeatures() throws IOException {
        TinyLake.Trained lake = TinyLake.trained(tmp);
        wh = lake.warehouse();
        source = lake.modelId();
        new ParalinguisticFramesAction(wh).model(source).execute();
    }

    private static Row modelRow(String id) {
        List<Row> rows = wh.read(Tables.MODELS).where(col("model_id").equalTo(id)).collectAsList();
        assertEquals(1, rows.size(), id);
        return rows.get(0);
    }

    /** The CNN's parameters of a stored model, by place. */
    private static Map<String, float[]> cnn(String modelId) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Pair<String, Parameter> p : ModelStore.of(wh).load(modelId, manager).getParameters()) {
                if (p.getKey().contains("paralinguisticCnn")) {
                    out.put(FusionStart.place(p.getKey()), p.getValue().getArray().toFloatArray());
                }
            }
        }
        return out;
    }

    @Test
    void trainsFromTheFeaturesKeepsTheCnnRegistersItsLineageAndScoresLikeAnyModel() {
        TrainResult r = new FusionTrainAction(wh).features(source).execute();

        ModelManifest m = r.manifest();
        assertTrue(r.trained());
        assertTrue(m.modelId().startsWith("fusion-attention-both-"), m.modelId());
        assertEquals(TinyLake.CONFIG, m.config(), "the source's network unless told otherwise");
        assertEquals(TinyLake.SETTINGS, m.settings(), "and its training");
        assertEquals(source, m.fusion().sourceModelId());
        assertEquals("source", m.fusion().init());
        assertNull(m.fusion().sweep());
        assertEquals(List.of("Train_01", "Train_02"), m.trainRecordings());
        assertEquals(List.of("labels", "paralinguistic_frames", "recordings", "semantic_frames"),
                m.inputVersions().keySet().stream().sorted().toList());
        assertTrue(ResultText.of(r).contains("stage:       fusion, from the CNN features of model " + source), ResultText.of(r));
        Row row = modelRow(m.modelId());
        assertEquals("fusion", row.getAs("stage"));
        assertEquals(source, row.getAs("source_model_id"));
        assertNull(row.getAs("sweep"));
        assertTrue(((String) row.getAs("input_versions")).contains("\"paralinguistic_frames\":"), (String) row.getAs("input_versions"));
        assertEquals("end_to_end", modelRow(source).getAs("stage"));

        Map<String, float[]> before = cnn(source);
        Map<String, float[]> after = cnn(m.modelId());
        assertEquals(before.keySet(), after.keySet());
        before.forEach((place, values) -> assertArrayEquals(values, after.get(place), 0f, place + " is the source's"));

        // The stored whole network, evaluated from the audio, scores on Devel what training saw from the features.
        EvaluateResult devel = new EvaluateAction(wh, List.of(m.modelId()), "Devel", tmp.resolve("reports")).execute();
        assertEquals(m.devel().meanCcc(), devel.models().get(0).result().concatenated().meanCcc(), 1e-4);
        ScoreResult scored = new ScoreAction(wh).model(m.modelId()).recordings("split = 'Test'").execute();
        assertEquals(2, scored.scored());
        assertEquals(60, wh.read(Tables.PREDICTIONS).where(col("model_id").equalTo(m.modelId())).count());

        // Again: the stored model is kept, its row stays as it was.
        long models = wh.version(Tables.MODELS);
        TrainResult again = new FusionTrainAction(wh).execute();
        assertFalse(again.trained());
        assertEquals(m.modelId(), again.manifest().modelId(), "the only model with features is the source by default");
        assertEquals(models, wh.version(Tables.MODELS));

        // A configuration that changes the CNN is refused before anything is trained.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FusionTrainAction(wh)
                .overrides(Map.of("emospark.model.cnnFilters", "4,4")).execute());
        assertTrue(e.getMessage().contains("emospark.model.cnnFilters is [4, 4], the source's [4, 8]"), e.getMessage());
        assertEquals(models, wh.version(Tables.MODELS));
    }

    @Test
    void aSweepTrainsEachConfigurationInItsOwnTaskFlagsTheBestAndEvaluatesAllOnDevel() throws IOException {
        Path file = Files.writeString(tmp.resolve("tiny-sweep.properties"), """
                emospark.train.epochs=2
                attention.emospark.model.fusion=attention
                concat.emospark.model.fusion=concat
                concat.emospark.fusion.init=random
                diverging.emospark.train.learningRate=1e38
                """);
        Path reports = tmp.resolve("sweep-reports");

        FusionSweepResult r = new FusionSweepAction(wh, file).features(source).reportDir(reports).execute();

        System.out.print(ResultText.of(r));
        assertEquals(List.of("attention", "concat", "diverging"), r.rows().stream().map(FusionSweepResult.Row::configuration).toList());
        assertEquals(List.of("diverging"), r.failed().stream().map(FusionSweepResult.Row::configuration).toList());
        assertTrue(r.failed().get(0).error().contains("loss"), r.failed().get(0).error());
        List<String> ids = r.rows().stream().filter(x -> x.error() == null).map(FusionSweepResult.Row::modelId).toList();
        assertTrue(ids.get(0).startsWith("tiny-sweep-attention-") && ids.get(1).startsWith("tiny-sweep-concat-"), ids.toString());
        assertEquals("random", r.rows().get(1).manifest().fusion().init());
        assertEquals(org.emospark.model.ModelConfig.Fusion.CONCAT, r.rows().get(1).manifest().config().fusion());

        // Each configuration in its own task of one job.
        int[] jobs = wh.spark().sparkContext().statusTracker().getJobIdsForGroup("train-fusion-sweep");
        assertEquals(1, jobs.length);
        SparkJobInfo job = wh.spark().sparkContext().statusTracker().getJobInfo(jobs[0]).get();
        SparkStageInfo stage = wh.spark().sparkContext().statusTracker().getStageInfo(job.stageIds()[0]).get();
        assertEquals(3, stage.numTasks());

        // models: both under the sweep's name, the better by mean Devel CCC flagged; evaluations: both on Devel.
        double[] devel = new double[2];
        for (int i = 0; i < 2; i++) {
            Row row = modelRow(ids.get(i));
            assertEquals("tiny-sweep", row.getAs("sweep"));
            assertEquals(source, row.getAs("source_model_id"));
            devel[i] = row.getAs("devel_ccc_mean");
            assertEquals(3, wh.read(Tables.EVALUATIONS).where(col("model_id").equalTo(ids.get(i))
                    .and(col("split").equalTo("Devel")).and(col("scope").equalTo("concatenated"))).count());
        }
        int best = devel[0] >= devel[1] ? 0 : 1;
        assertEquals(ids.get(best), r.bestModelId());
        assertTrue((boolean) modelRow(ids.get(best)).getAs("sweep_best"));
        assertFalse((boolean) modelRow(ids.get(1 - best)).getAs("sweep_best"));
        assertTrue(Files.isRegularFile(reports.resolve("compare-Devel.html")));
        assertTrue(ResultText.of(r).contains("<- best"), ResultText.of(r));

        // Again: the two stored models are kept, only the failed configuration is tried again.
        long models = wh.version(Tables.MODELS);
        long evaluations = wh.version(Tables.EVALUATIONS);
        FusionSweepResult again = new FusionSweepAction(wh, file).reportDir(reports).execute();
        assertEquals(0, again.rows().stream().filter(FusionSweepResult.Row::trained).count());
        assertEquals(1, again.failed().size());
        assertEquals(models, wh.version(Tables.MODELS));
        assertEquals(evaluations, wh.version(Tables.EVALUATIONS));
        assertEquals(Arrays.asList(ids.toArray()), again.rows().stream().filter(x -> x.error() == null)
                .map(FusionSweepResult.Row::modelId).toList());
    }
}
