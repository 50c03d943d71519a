package org.emospark.scoring;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.emospark.executor.ExecutorModels;
import org.emospark.executor.LakeRecording;
import org.emospark.executor.ModelRef;
import org.emospark.executor.SharedModel;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.reject.InputRejectedException;

/**
 * A Spark ML {@link Transformer} that scores a column of audio with a stored model, so the network can sit in an
 * MLlib {@code Pipeline} over any DataFrame, not only over the lake's tables. Each row is one recording: its
 * {@code audioCol} holds mono samples at the model's sample rate (float32 little-endian bytes as in
 * {@code audio_chunks.pcm}, or an array of floats), its optional {@code wordsCol} one word vector per 100 ms
 * frame (an array of float arrays, frame-major; missing, null or short means zeros), its optional {@code speakingRateCol}
 * the speaking rate per frame in letters per second, as {@code semantic_frames.speaking_rate} holds it (read only by
 * models trained with {@code emospark.model.speakingRate}; missing, null or NaN means none), its optional
 * {@code pauseCol} the pause after each frame's utterance in seconds, as {@code semantic_frames.pause_s} holds it (read
 * with the rate by models trained with {@code emospark.model.timingLevel}; likewise). Without turns, all of the
 * audio counts as the subject's. The output adds {@code arousalCol}, {@code valenceCol} and {@code likingCol}:
 * one float per frame covering all the audio (null where the audio is null).
 *
 * <p>Built on the same loader as {@link ScoreAction}: the model comes from the warehouse's model store, once per
 * executor JVM and device ({@link ExecutorModels}), and each row's windows run in batches of {@code batchSize}.
 * Not persistable with {@code Pipeline.write()}: the model itself lives in the model store, by id.
 */
public final class EmotionScorer extends Transformer {
    private final String uid;
    private final Param<String> modelId;
    private final Param<String> warehouse;
    private final Param<String> audioCol;
    private final Param<String> wordsCol;
    private final Param<String> speakingRateCol;
    private final Param<String> pauseCol;
    private final Param<String> arousalCol;
    private final Param<String> valenceCol;
    private final Param<String> likingCol;
    private final IntParam batchSize;

    public EmotionScorer() {
        this(Identifiable$.MODULE$.randomUID("emotionScorer"));
    }

    public EmotionScorer(String uid) {
        this.uid = uid;
        modelId = new Param<>(this, "modelId", "id of the stored model (see the models table)");
        warehouse = new Param<>(this, "warehouse", "warehouse root whose model store holds the model");
        audioCol = new Param<>(this, "audioCol", "mono audio at the model's sample rate: float32 LE bytes or array<float>");
        wordsCol = new Param<>(this, "wordsCol", "optional: one word vector per frame, array<array<float>>; '' for none");
        speakingRateCol = new Param<>(this, "speakingRateCol",
                "optional: letters per second of each frame's utterance, array<float>; '' for none");
        pauseCol = new Param<>(this, "pauseCol",
                "optional: seconds of silence after each frame's utterance, array<float>; '' for none");
        arousalCol = new Param<>(this, "arousalCol", "output: arousal per frame");
        valenceCol = new Param<>(this, "valenceCol", "output: valence per frame");
        likingCol = new Param<>(this, "likingCol", "output: liking per frame");
        batchSize = new IntParam(this, "batchSize", "windows per forward pass", ParamValidators.gtEq(1));
        setDefault(audioCol, "audio");
        setDefault(wordsCol, "");
        setDefault(speakingRateCol, "");
        setDefault(pauseCol, "");
        setDefault(arousalCol, "arousal");
        setDefault(valenceCol, "valence");
        setDefault(likingCol, "liking");
        setDefault(batchSize, (Object) 4);
    }

    // Spark ML finds a stage's params through public no-argument methods returning Param, hence the accessors.

    public Param<String> modelId() {
        return modelId;
    }

    public Param<String> warehouse() {
        return warehouse;
    }

    public Param<String> audioCol() {
        return audioCol;
    }

    public Param<String> wordsCol() {
        return wordsCol;
    }

    public Param<String> speakingRateCol() {
        return speakingRateCol;
    }

    public Param<String> pauseCol() {
        return pauseCol;
    }

    public Param<String> arousalCol() {
        return arousalCol;
    }

    public Param<String> valenceCol() {
        return valenceCol;
    }

    public Param<String> likingCol() {
        return likingCol;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public EmotionScorer setModelId(String value) {
        set(modelId, value);
        return this;
    }

    public EmotionScorer setWarehouse(String value) {
        set(warehouse, value);
        return this;
    }

    public EmotionScorer setAudioCol(String value) {
        set(audioCol, value);
        return this;
    }

    public EmotionScorer setWordsCol(String value) {
        set(wordsCol, value);
        return this;
    }

    public EmotionScorer setSpeakingRateCol(String value) {
        set(speakingRateCol, value);
        return this;
    }

    public EmotionScorer setPauseCol(String value) {
        set(pauseCol, value);
        return this;
    }

    public EmotionScorer setBatchSize(int value) {
        set(batchSize, (Object) value);
        return this;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (!isDefined(modelId) || !isDefined(warehouse)) {
            throw new IllegalArgumentException("EmotionScorer needs modelId and warehouse set");
        }
        DataType audio = fieldType(schema, $(audioCol));
        if (!audio.equals(DataTypes.BinaryType) && !isArrayOf(audio, DataTypes.FloatType)) {
            throw new IllegalArgumentException("Audio column " + $(audioCol) + " must be binary (float32 LE) or "
                    + "array<float>, cannot be: " + audio.simpleString());
        }
        if (!$(wordsCol).isEmpty()) {
            DataType words = fieldType(schema, $(wordsCol));
            if (!(words instanceof ArrayType a) || !isArrayOf(a.elementType(), DataTypes.FloatType)) {
                throw new IllegalArgumentException("Words column " + $(wordsCol) + " must be array<array<float>>, "
                        + "cannot be: " + words.simpleString());
            }
        }
        for (Param<String> p : List.of(speakingRateCol, pauseCol)) {
            if (!$(p).isEmpty() && !isArrayOf(fieldType(schema, $(p)), DataTypes.FloatType)) {
                throw new IllegalArgumentException(p.name() + " " + $(p) + " must be array<float>, cannot be: "
                        + fieldType(schema, $(p)).simpleString());
            }
        }
        StructType out = schema;
        for (String name : List.of($(arousalCol), $(valenceCol), $(likingCol))) {
            if (List.of(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException("Output column " + name + " already exists");
            }
            out = out.add(name, DataTypes.createArrayType(DataTypes.FloatType, false), true);
        }
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        SparkSession spark = dataset.sparkSession();
        ModelRef ref = ModelRef.of(new Warehouse(spark, $(warehouse)), $(modelId));
        Broadcast<ModelRef> model = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ref);
        StructType in = dataset.schema();
        int words = $(wordsCol).isEmpty() ? -1 : in.fieldIndex($(wordsCol));
        int rates = $(speakingRateCol).isEmpty() ? -1 : in.fieldIndex($(speakingRateCol));
        int pauses = $(pauseCol).isEmpty() ? -1 : in.fieldIndex($(pauseCol));
        return dataset.toDF().mapPartitions(new RowScorer(model, in.fieldIndex($(audioCol)), words, rates, pauses,
                (Integer) $(batchSize)), Encoders.row(out));
    }

    @Override
    public EmotionScorer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    private static DataType fieldType(StructType schema, String name) {
        if (!List.of(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("No column " + name + " among " + List.of(schema.fieldNames()));
        }
        StructField f = schema.apply(name);
        return f.dataType();
    }

    private static boolean isArrayOf(DataType type, DataType element) {
        return type instanceof ArrayType a && a.elementType().equals(element);
    }

    /** The executor side: each row's audio and words framed ({@link LakeRecording}) and run through the shared model. */
    private record RowScorer(Broadcast<ModelRef> model, int audioIndex, int wordsIndex, int ratesIndex, int pausesIndex,
                             int batchSize)
            implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            SharedModel shared = ExecutorModels.get(model.value());
            ModelConfig config = shared.config();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row row = rows.next();
                    Object[] values = new Object[row.length() + 3];
                    for (int i = 0; i < row.length(); i++) {
                        values[i] = row.get(i);
                    }
                    if (!row.isNullAt(audioIndex)) {
                        float[][] predicted = predict(shared, config, row);
                        for (int d = 0; d < RecordingExample.OUTPUTS; d++) {
                            float[] series = new float[predicted.length];
                            for (int f = 0; f < series.length; f++) {
                                series[f] = predicted[f][d];
                            }
                            values[row.length() + d] = series;
                        }
                    }
                    return RowFactory.create(values);
                }
            };
        }

        private float[][] predict(SharedModel shared, ModelConfig config, Row row) {
            byte[] pcm;
            if (row.get(audioIndex) instanceof byte[] bytes) {
                pcm = bytes;
            } else {
                float[] samples = PcmCodec.floats(row.getList(audioIndex));
                pcm = PcmCodec.encode(samples, 0, samples.length);
            }
            LakeRecording recording = new LakeRecording("row", null, "", config.sampleRate(), pcm.length / Float.BYTES,
                    List.of(), wordFrames(row)).speakingRates(perFrame(row, ratesIndex)).pauses(perFrame(row, pausesIndex));
            recording.addChunk(0, config.sampleRate(), pcm);
            try {
                RecordingExample example = recording.toExample(config);
                return shared.predict(List.of(example), batchSize).get("row");
            } catch (InputRejectedException e) {
                if (pcm.length == 0) {
                    return new float[0][RecordingExample.OUTPUTS];
                }
                throw new IllegalArgumentException("Cannot score a row of " + pcm.length / Float.BYTES + " samples: "
                        + e.detail(), e);
            }
        }

        /** Frame -> the value of the array<float> column at {@code index} (-1: none), where not null or NaN. */
        private static Map<Integer, Float> perFrame(Row row, int index) {
            Map<Integer, Float> out = new HashMap<>();
            if (index >= 0 && !row.isNullAt(index)) {
                List<Float> values = row.getList(index);
                for (int f = 0; f < values.size(); f++) {
                    if (values.get(f) != null && !values.get(f).isNaN()) {
                        out.put(f, values.get(f));
                    }
                }
            }
            return out;
        }

        private Map<Integer, float[]> wordFrames(Row row) {
            Map<Integer, float[]> out = new HashMap<>();
            if (wordsIndex >= 0 && !row.isNullAt(wordsIndex)) {
                // The elements of a nested array arrive as Scala sequences.
                List<scala.collection.Seq<Float>> frames = row.getList(wordsIndex);
                for (int f = 0; f < frames.size(); f++) {
                    if (frames.get(f) != null) {
                        out.put(f, PcmCodec.floats(scala.collection.JavaConverters.seqAsJavaList(frames.get(f))));
                    }
                }
            }
            return out;
        }
    }
}
