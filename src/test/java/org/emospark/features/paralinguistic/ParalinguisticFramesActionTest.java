package org.emospark.features.paralinguistic;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.emospark.frames.RecordingExample;
import org.emospark.jobs.ResultText;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.data.LakeExamples;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.store.ModelStore;
import org.emospark.testing.StoredModels;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** features --paralinguistic on a tiny lake with a tiny trained model, through the action the features job runs. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParalinguisticFramesActionTest {
    /** Frames of the six recordings (3.0, 2.5, 4.2, 2.6, 3.3 and 2.7 s). */
    private static final long FRAMES = 30 + 25 + 42 + 26 + 33 + 27;

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

    private static long version() {
        return wh.version(Tables.PARALINGUISTIC_FRAMES);
    }

    @Test
    @Order(1)
    void everyFrameOfEveryRecordingHoldsWhatTheModelsCnnComputesAndARerunChangesNothing() {
        ParalinguisticFramesResult r = new ParalinguisticFramesAction(wh).batchSize(2).execute();

        assertEquals(modelId, r.modelId(), "the most recently trained model by default");
        assertEquals(6, r.computed());
        assertEquals(0, r.rejected());
        assertEquals(FRAMES, r.frames());
        assertEquals(FRAMES, r.table().inserted());
        assertEquals(18.3, r.audioSeconds(), 1e-9);
        assertTrue(ResultText.of(r).contains("6 computed, 0 rejected") && ResultText.of(r).contains("s of audio per second"),
                ResultText.of(r));

        // What the driver's copy of the model computes, recording by recording, other batches.
        Map<String, RecordingExample> examples = new java.util.HashMap<>();
        for (RecordingExample e : new LakeExamples(wh, TinyLake.CONFIG).load(List.of("Train", "Devel", "Test"), false)
                .examples()) {
            examples.put(e.recordingId(), e);
        }
        int width = TinyLake.CONFIG.paralinguisticFeatures();
        try (NDManager manager = NDManager.newBaseManager()) {
            RecordingPredictor cnn = RecordingPredictor.paralinguisticFeatures(ModelStore.of(wh).load(modelId, manager), 3);
            for (RecordingExample e : examples.values()) {
                float[][] expected = cnn.predict(manager, List.of(e)).get(e.recordingId());
                List<Row> rows = wh.read(Tables.PARALINGUISTIC_FRAMES).where(col("recording_id").equalTo(e.recordingId()))
                        .orderBy("frame").collectAsList();
                assertEquals(e.numFrames(), rows.size(), e.recordingId());
                for (int f = 0; f < rows.size(); f++) {
                    Row row = rows.get(f);
                    assertEquals(f, (int) row.getAs("frame"));
                    assertEquals(modelId, row.getAs("model_id"));
                    assertEquals(width, (int) row.getAs("dims"));
                    assertArrayEquals(expected[f], PcmCodec.decode(row.getAs("vector")), 1e-5f, e.recordingId() + " frame " + f);
                }
            }
        }

        // The same lake, model and batch size again: no row changes, no table gets a new version. (Another batch size
        // may change the last bits of some frames: PyTorch picks its convolution kernels by the batch's shape.)
        long frames = version();
        long rejects = wh.version(Tables.REJECTS);
        ParalinguisticFramesResult again = new ParalinguisticFramesAction(wh).model(modelId).batchSize(2).execute();
        assertFalse(again.table().changedAnything(), again.table().toString());
        assertEquals(frames, version());
        assertEquals(rejects, wh.version(Tables.REJECTS));
        assertEquals(FRAMES, wh.read(Tables.PARALINGUISTIC_FRAMES).count());
    }

    @Test
    @Order(2)
    void aRecordingWithoutAudioBecomesARejectLosesItsFramesAndStaysOneReject() {
        DeltaTable.forPath(wh.spark(), wh.pathOf(Tables.AUDIO_CHUNKS)).delete("recording_id = 'Test_02'");

        ParalinguisticFramesResult r = new ParalinguisticFramesAction(wh).model(modelId).execute();

        assertEquals(5, r.computed());
        assertEquals(Map.of("no_audio_chunks", 1L), r.rejectedByReason());
        assertEquals(27, r.table().deleted(), "its frames of this model are gone");
        assertEquals(FRAMES - 27, wh.read(Tables.PARALINGUISTIC_FRAMES).count());
        assertTrue(ResultText.of(r).contains("1 rejected (no_audio_chunks: 1)"), ResultText.of(r));
        List<Row> rejects = wh.read(Tables.REJECTS).where(col("stage").equalTo("features")).collectAsList();
        assertEquals(1, rejects.size(), rejects.toString());
        assertEquals("Test_02", rejects.get(0).getAs("recording_id"));
        assertTrue(((String) rejects.get(0).getAs("detail")).startsWith("model " + modelId + ": "), rejects.toString());

        long frames = version();
        long rejectsVersion = wh.version(Tables.REJECTS);
        ParalinguisticFramesResult again = new ParalinguisticFramesAction(wh).model(modelId).execute();
        assertEquals(1, again.rejected());
        assertEquals(frames, version());
        assertEquals(rejectsVersion, wh.version(Tables.REJECTS), "the same one reject");
    }

    @Test
    @Order(3)
    void anotherModelsFeaturesGoBesideTheFirstsWithoutRewritingThem() {
        String[] firstFiles = wh.read(Tables.PARALINGUISTIC_FRAMES).where(col("model_id").equalTo(modelId)).inputFiles();
        try (NDManager manager = NDManager.newBaseManager()) {
            StoredModels.store(manager, wh.root(), "other-0123456789", TinyLake.CONFIG, 5);
        }

        ParalinguisticFramesResult r = new ParalinguisticFramesAction(wh).model("other-0123456789").execute();

        assertEquals(FRAMES - 27, r.table().inserted(), "Test_02 has no audio for this model either");
        assertEquals(0, r.table().updated() + r.table().deleted());
        assertEquals(2 * (FRAMES - 27), wh.read(Tables.PARALINGUISTIC_FRAMES).count());
        assertArrayEquals(firstFiles, wh.read(Tables.PARALINGUISTIC_FRAMES).where(col("model_id").equalTo(modelId))
                .inputFiles(), "the first model's files stay as they were");
    }

    @Test
    @Order(4)
    void aModelWithoutACnnOrUnknownIsRefusedNamingIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StoredModels.store(manager, wh.root(), "words-0123456789", TinyLake.CONFIG.withStreams(ModelConfig.Streams.SEMANTIC), 3);
        }
        IllegalArgumentException words = assertThrows(IllegalArgumentException.class,
                () -> new ParalinguisticFramesAction(wh).model("words-0123456789").execute());
        assertTrue(words.getMessage().contains("words-0123456789") && words.getMessage().contains("no CNN"),
                words.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new ParalinguisticFramesAction(wh).model("nope-0000000000").execute());
        assertTrue(unknown.getMessage().contains("nope-0000000000"), unknown.getMessage());
    }

    @Test
    @Order(5)
    void aRecordingWhoseChunksTurnOutBrokenAfterItsFramesWereComputedKeepsNoneOfThem() {
        // A second chunk past the end of Train_02's samples: the reader finds it only after the last frame went out.
        long samples = wh.read(Tables.RECORDINGS).where(col("recording_id").equalTo("Train_02")).first()
                .getAs("num_samples");
        wh.read(Tables.AUDIO_CHUNKS).where("recording_id = 'Train_02' AND chunk_index = 0")
                .withColumn("chunk_index", col("chunk_index").plus(1))
                .withColumn("start_sample", col("start_sample").plus(samples))
                .write().format("delta").mode("append").save(wh.pathOf(Tables.AUDIO_CHUNKS));
        long before = wh.read(Tables.PARALINGUISTIC_FRAMES).where(col("model_id").equalTo(modelId)).count();

        ParalinguisticFramesResult r = new ParalinguisticFramesAction(wh).model(modelId).batchSize(1).execute();

        assertEquals(Map.of("no_audio_chunks", 1L, "broken_audio_chunks", 1L), r.rejectedByReason());
        assertEquals(4, r.computed());
        assertEquals(25, r.table().deleted(), "Train_02's 25 frames are gone");
        assertEquals(before - 25, wh.read(Tables.PARALINGUISTIC_FRAMES).where(col("model_id").equalTo(modelId)).count());
        Row reject = wh.read(Tables.REJECTS).where(col("stage").equalTo("features")
                .and(col("recording_id").equalTo("Train_02"))).first();
        assertTrue(((String) reject.getAs("detail")).contains("more than its " + samples + " samples"), reject.toString());
    }
}
