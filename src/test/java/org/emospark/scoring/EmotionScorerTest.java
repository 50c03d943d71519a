package org.emospark.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.SpeakingRate;
import org.emospark.frames.UtteranceTiming;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.PcmSource;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.TimingLevel;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;
import org.emospark.testing.StoredModels;
import org.emospark.testing.TestSpark;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmotionScorerTest {
    private static final ModelConfig CONFIG = TinyLake.CONFIG;
    private static final String MODEL = "tiny-transformer01";

    @TempDir
    static Path tmp;
    private static String root;
    /** Driver predictions per row id, for the rows below. */
    private static Map<String, float[][]> expected;

    private static float[] audio(int n, double hz) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (0.5 * StrictMath.sin(hz * i));
        }
        return s;
    }

    /** Word vectors for 25 frames: a one-hot vector in frames 3..9, none (null) elsewhere. */
    private static List<float[]> words() {
        List<float[]> out = new ArrayList<>();
        for (int f = 0; f < 25; f++) {
            out.add(f >= 3 && f < 10 ? new float[] {f % 4 == 0 ? 1 : 0, f % 4 == 1 ? 1 : 0, f % 4 == 2 ? 1 : 0, 0.5f} : null);
        }
        return out;
    }

    private static RecordingExample example(String id, float[] pcm, List<float[]> words) {
        int frames = (pcm.length + 99) / 100;
        float[] semantic = new float[frames * 4];
        for (int f = 0; words != null && f < Math.min(frames, words.size()); f++) {
            if (words.get(f) != null) {
                System.arraycopy(words.get(f), 0, semantic, f * 4, 4);
            }
        }
        boolean[] subject = new boolean[frames];
        Arrays.fill(subject, true);
        return new RecordingExample(id, null, frames, PcmSource.of(pcm), subject, 4, semantic, null);
    }

    @BeforeAll
    static void storeAModel() {
        root = "file:" + tmp.toAbsolutePath();
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = StoredModels.store(manager, root, MODEL, CONFIG, 21);
            expected = new RecordingPredictor(net, CONFIG, 2).predict(manager,
                    List.of(example("a", audio(2500, 0.05), words()), example("b", audio(1234, 0.11), null)));
        }
    }

    private static Dataset<Row> frame(boolean audioAsBytes) {
        StructType schema = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("audio", audioAsBytes ? DataTypes.BinaryType : DataTypes.createArrayType(DataTypes.FloatType, false), true)
                .add("words", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), true), true);
        List<Row> rows = new ArrayList<>();
        float[] a = audio(2500, 0.05);
        float[] b = audio(1234, 0.11);
        rows.add(RowFactory.create("a", audioAsBytes ? PcmCodec.encode(a, 0, a.length) : a, words().toArray()));
        rows.add(RowFactory.create("b", audioAsBytes ? PcmCodec.encode(b, 0, b.length) : b, null));
        rows.add(RowFactory.create("c", null, null));
        return TestSpark.session().createDataFrame(rows, schema);
    }

    private static EmotionScorer scorer() {
        return new EmotionScorer().setModelId(MODEL).setWarehouse(root).setWordsCol("words").setBatchSize(2);
    }

    @Test
    void scoresEachRowsAudioAndWordsInAPipelineAsTheDriverWould() {
        for (boolean bytes : new boolean[] {true, false}) {
            Dataset<Row> input = frame(bytes);
            PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {scorer()}).fit(input);
            List<Row> out = fitted.transform(input).orderBy("id").collectAsList();

            assertEquals(3, out.size());
            for (Row r : out.subList(0, 2)) {
                float[][] want = expected.get(r.getString(0));
                String[] columns = {"arousal", "valence", "liking"};
                for (int d = 0; d < 3; d++) {
                    List<Float> got = r.getList(r.fieldIndex(columns[d]));
                    assertEquals(want.length, got.size(), r.getString(0) + " frames");
                    for (int f = 0; f < want.length; f++) {
                        assertEquals(want[f][d], got.get(f), 1e-6f, r.getString(0) + " " + columns[d] + " frame " + f);
                    }
                }
            }
            assertTrue(out.get(2).isNullAt(out.get(2).fieldIndex("arousal")), "no audio, no prediction");
        }
    }

    @Test
    void theWordsChangeThePredictionsSoTheComparisonAboveCanFail() {
        Dataset<Row> input = frame(true).where("id = 'a'");
        List<Float> withWords = scorer().transform(input).head().getList(3);
        List<Float> withoutWords = scorer().setWordsCol("").transform(input).head().getList(3);
        assertTrue(!withWords.equals(withoutWords), "predictions ignore the words column");
    }

    @Test
    void aModelThatReadsTheSpeakingRateGetsItFromItsColumn() {
        ModelConfig config = CONFIG.toBuilder().speakingRate(true).build();
        String model = "tiny-rate01";
        float[] pcm = audio(2500, 0.05);
        List<Float> rates = new ArrayList<>();
        float[] semantic = new float[25 * 5];
        for (int f = 0; f < 25; f++) {
            float[] w = words().get(f);
            rates.add(w == null ? Float.NaN : 8f + f);
            if (w != null) {
                System.arraycopy(w, 0, semantic, f * 5, 4);
                semantic[f * 5 + 4] = SpeakingRate.input(8f + f);
            }
        }
        boolean[] subject = new boolean[25];
        Arrays.fill(subject, true);
        float[][] want;
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = StoredModels.store(manager, root, model, config, 22);
            want = new RecordingPredictor(net, config, 2).predict(manager, List.of(new RecordingExample("a", null, 25,
                    PcmSource.of(pcm), subject, 5, semantic, null))).get("a");
        }
        StructType schema = new StructType().add("audio", DataTypes.BinaryType, false)
                .add("words", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), true), true)
                .add("rates", DataTypes.createArrayType(DataTypes.FloatType, true), true);
        Dataset<Row> input = TestSpark.session().createDataFrame(List.of(RowFactory.create(PcmCodec.encode(pcm, 0,
                pcm.length), words().toArray(), rates.toArray())), schema);
        EmotionScorer scorer = new EmotionScorer().setModelId(model).setWarehouse(root).setWordsCol("words")
                .setSpeakingRateCol("rates").setBatchSize(2);

        List<Float> got = scorer.transform(input).head().getList(3);
        for (int f = 0; f < want.length; f++) {
            assertEquals(want[f][0], got.get(f), 1e-6f, "arousal frame " + f);
        }
        assertTrue(!got.equals(scorer.setSpeakingRateCol("").transform(input).head().getList(3)),
                "predictions ignore the rates column");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scorer.setSpeakingRateCol("words")
                .transformSchema(schema)).getMessage().contains("must be array<float>"));
    }

    @Test
    void aModelWithATimingLevelReadsTheRatesAndPausesFromTheirColumns() {
        ModelConfig config = CONFIG.toBuilder().timingLevel(true).build();
        String model = "tiny-level1";
        TimingLevel level = new TimingLevel(new double[][] {{0.5, 0.2, -0.3}, {0, 0, 0}, {0, 0, 0}},
                new double[] {0, 1, 1}, new double[] {1, 0, 0});
        float[] pcm = audio(2500, 0.05);
        List<Float> rates = new ArrayList<>();
        List<Float> pauses = new ArrayList<>();
        float[] semantic = new float[25 * 4];
        UtteranceTiming timing = UtteranceTiming.none(25);
        for (int f = 0; f < 25; f++) {
            float[] w = words().get(f);
            // Two utterances: frames 3-6 and 7-9.
            float rate = w == null ? Float.NaN : f < 7 ? 10f : 16f;
            float pause = w == null ? Float.NaN : f < 7 ? 0.4f : 1.2f;
            rates.add(rate);
            pauses.add(pause);
            timing.charsPerSecond()[f] = rate;
            timing.pauseSeconds()[f] = pause;
            if (w != null) {
                System.arraycopy(w, 0, semantic, f * 4, 4);
            }
        }
        boolean[] subject = new boolean[25];
        Arrays.fill(subject, true);
        float[][] want;
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = StoredModels.store(manager, root, model, config, 23);
            ModelStore store = new ModelStore(root, new Configuration());
            ModelManifest m = store.manifest(model);
            store.save(new ModelManifest(m.modelId(), m.name(), m.createdAt(), m.config(), m.settings(), m.embeddingSet(),
                    m.inputVersions(), m.trainRecordings(), m.develRecordings(), m.trainAudioSeconds(), m.parameterCount(),
                    m.epochs(), m.bestEpoch(), m.devel(), m.trainWallSeconds(), m.audioSecondsPerSecond(),
                    m.dataWaitFraction(), null, null, null, level), ModelStore.parametersOf(net));
            want = new RecordingPredictor(net, config, 2).withLevel(level).predict(manager, List.of(new RecordingExample(
                    "a", null, 25, PcmSource.of(pcm), subject, 4, semantic, null, timing))).get("a");
        }
        StructType schema = new StructType().add("audio", DataTypes.BinaryType, false)
                .add("words", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), true), true)
                .add("rates", DataTypes.createArrayType(DataTypes.FloatType, true), true)
                .add("pauses", DataTypes.createArrayType(DataTypes.FloatType, true), true);
        Dataset<Row> input = TestSpark.session().createDataFrame(List.of(RowFactory.create(PcmCodec.encode(pcm, 0,
                pcm.length), words().toArray(), rates.toArray(), pauses.toArray())), schema);
        EmotionScorer scorer = new EmotionScorer().setModelId(model).setWarehouse(root).setWordsCol("words")
                .setSpeakingRateCol("rates").setPauseCol("pauses").setBatchSize(2);

        List<Float> got = scorer.transform(input).head().getList(4);
        for (int f = 0; f < want.length; f++) {
            assertEquals(want[f][0], got.get(f), 1e-6f, "arousal frame " + f);
        }
        assertTrue(!got.equals(scorer.setPauseCol("").transform(input).head().getList(4)),
                "without pauses no utterance is timed, and nothing moves");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scorer.setPauseCol("words")
                .transformSchema(schema)).getMessage().contains("must be array<float>"));
    }

    @Test
    void aMissingOrMistypedColumnAndAnExistingOutputAreRefusedBeforeAnythingRuns() {
        StructType schema = frame(true).schema();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scorer().setAudioCol("wav").transformSchema(schema))
                .getMessage().contains("No column wav"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> scorer().setAudioCol("id").transformSchema(schema))
                .getMessage().contains("must be binary"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> scorer().transformSchema(schema.add("valence", DataTypes.DoubleType))).getMessage()
                .contains("valence already exists"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EmotionScorer().setWarehouse(root).transformSchema(schema)).getMessage().contains("modelId"));
    }
}
