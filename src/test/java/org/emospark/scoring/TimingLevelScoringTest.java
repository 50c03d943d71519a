package org.emospark.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.LakeExamples;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.TimingLevel;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with a timing level scores in the executors as the driver predicts: the rates and pauses of
 * {@code semantic_frames} reach it through the scoring stream as they reach {@code evaluate} through the lake's
 * examples.
 */
class TimingLevelScoringTest {
    @TempDir
    Path tmp;

    @Test
    void theScoreJobMovesEachRecordingAsTheDriverDoes() throws IOException {
        TinyLake.Trained lake = TinyLake.trained(tmp);
        Warehouse wh = lake.warehouse();
        ModelConfig config = TinyLake.CONFIG.toBuilder().timingLevel(true).build();
        TimingLevel level = new TimingLevel(new double[][] {{0.5, 0.2, -0.3}, {0.1, 0, 0.2}, {0, 0, 0}},
                new double[] {0, 0, 1}, new double[] {1, 0.5, 0});
        String leveled = "tiny-leveled00";
        ModelStore store = ModelStore.of(wh);
        Map<String, float[][]> expected;
        Map<String, float[][]> unmoved;
        List<RecordingExample> test = new LakeExamples(wh, config).load(List.of("Test"), false).examples();
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = store.load(lake.modelId(), manager);
            ModelManifest m = store.manifest(lake.modelId());
            store.save(new ModelManifest(leveled, m.name(), m.createdAt(), config, m.settings(), m.embeddingSet(),
                    m.inputVersions(), m.trainRecordings(), m.develRecordings(), m.trainAudioSeconds(), m.parameterCount(),
                    m.epochs(), m.bestEpoch(), m.devel(), m.trainWallSeconds(), m.audioSecondsPerSecond(),
                    m.dataWaitFraction(), null, null, null, level), ModelStore.parametersOf(net));
            expected = new RecordingPredictor(net, config, 3, WindowMode.FAITHFUL).withLevel(level).predict(manager, test);
            unmoved = new RecordingPredictor(net, config, 3, WindowMode.FAITHFUL).predict(manager, test);
        }
        for (RecordingExample e : test) {
            assertNotNull(level.level(e.subject(), e.timing()), e.recordingId() + " has a timed subject utterance");
        }

        ScoreResult result = new ScoreAction(wh).model(leveled).recordings("split = 'Test'").batchSize(3).execute();

        assertEquals(test.size(), result.scored());
        boolean moved = false;
        for (RecordingExample e : test) {
            List<Row> rows = wh.read(Tables.PREDICTIONS).where("model_id = '" + leveled + "' AND recording_id = '"
                    + e.recordingId() + "'").orderBy("frame").collectAsList();
            float[][] p = expected.get(e.recordingId());
            assertEquals(p.length, rows.size(), e.recordingId());
            for (int f = 0; f < p.length; f++) {
                assertEquals(p[f][0], (float) rows.get(f).getAs("arousal"), 1e-5f, e.recordingId() + " frame " + f);
                assertEquals(p[f][1], (float) rows.get(f).getAs("valence"), 1e-5f, e.recordingId() + " frame " + f);
                moved |= Math.abs(p[f][0] - unmoved.get(e.recordingId())[f][0]) > 1e-3;
            }
        }
        assertTrue(moved, "the level moved the outputs, so the comparison above can fail");
    }
}
