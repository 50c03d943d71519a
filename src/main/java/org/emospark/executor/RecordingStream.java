package org.emospark.executor;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.emospark.corpus.text.Turn;
import org.emospark.frames.TurnSpan;
import org.emospark.lake.PcmChunk;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;

/**
 * Each recording's lake rows in one stream, for executor code that works on whole recordings (scoring, CNN
 * features): one shuffle brings a recording's rows to one task, sorted by {@code seq}. First the recording's own row
 * ({@code seq = -1}: its {@code recordings} columns, subject turns and, when asked for, the word vectors of the frames
 * with a word and the number of its label rows), then one row per audio chunk ({@code seq = chunk_index}). Streaming
 * the chunks in order keeps a task from holding more than the recording it works on; the recording's own row comes
 * first, so a recording without chunks still arrives. {@link #gather} turns a recording's rows into a
 * {@link LakeRecording}.
 *
 * <p>Columns: recording_id, seq, split, source_uri, sample_rate, num_samples, start_sample, pcm, subject_turns (array
 * of start_s, end_s), word_frames (array of frame, vector, speaking_rate, pause_s), label_frames, speech_level_db.
 */
public final class RecordingStream {
    static final int RECORDING_SEQ = -1;

    private RecordingStream() {
    }

    /**
     * The stream of the recordings in {@code ids} (a one-column {@code recording_id} frame, best broadcast).
     *
     * @param words bring the word vectors of the frames with a word ({@code semantic_frames}); else none
     * @param labelFrames bring the number of label rows, so frames cover all labelled frames too; else none
     */
    public static Dataset<Row> of(Warehouse warehouse, Dataset<Row> ids, boolean words, boolean labelFrames) {
        Dataset<Row> recordings = warehouse.read(Tables.RECORDINGS).join(ids, "recording_id", "left_semi")
                .select("recording_id", "split", "source_uri", "sample_rate", "num_samples", "speech_level_db");
        Dataset<Row> turns = warehouse.read(Tables.TURNS).where(col("speaker").equalTo(Turn.SUBJECT))
                .join(ids, "recording_id", "left_semi").groupBy("recording_id")
                .agg(collect_list(struct(col("start_s"), col("end_s"))).as("subject_turns"));
        Dataset<Row> heads = recordings.join(turns, "recording_id", "left");
        if (words) {
            // Frames without a word hold zeros by definition (features --semantic), so only the others travel.
            heads = heads.join(warehouse.read(Tables.SEMANTIC_FRAMES).where(col("word").isNotNull())
                    .join(ids, "recording_id", "left_semi").groupBy("recording_id")
                    .agg(collect_list(struct(col("frame"), col("vector"), col("speaking_rate"), col("pause_s")))
                            .as("word_frames")),
                    "recording_id", "left");
        } else {
            StructType frames = Tables.SEMANTIC_FRAMES.schema();
            heads = heads.withColumn("word_frames", nullOf(DataTypes.createArrayType(DataTypes.createStructType(
                    new StructField[] {frames.apply("frame"), frames.apply("vector"), frames.apply("speaking_rate"),
                            frames.apply("pause_s")}), false)));
        }
        heads = labelFrames
                ? heads.join(warehouse.read(Tables.LABELS).join(ids, "recording_id", "left_semi").groupBy("recording_id")
                        .agg(count("*").cast(DataTypes.IntegerType).as("label_frames")), "recording_id", "left")
                : heads.withColumn("label_frames", nullOf(DataTypes.IntegerType));
        heads = heads.select(col("recording_id"), lit(RECORDING_SEQ).as("seq"), col("split"), col("source_uri"),
                col("sample_rate"), col("num_samples"), nullOf(DataTypes.LongType).as("start_sample"),
                nullOf(DataTypes.BinaryType).as("pcm"), col("subject_turns"), col("word_frames"), col("label_frames"),
                col("speech_level_db"));
        Dataset<Row> chunks = warehouse.read(Tables.AUDIO_CHUNKS).join(ids, "recording_id", "left_semi")
                .select(col("recording_id"), col("chunk_index").as("seq"), nullOf(DataTypes.StringType).as("split"),
                        nullOf(DataTypes.StringType).as("source_uri"), col("sample_rate"),
                        nullOf(DataTypes.LongType).as("num_samples"), col("start_sample"), col("pcm"),
                        nullOf(heads.schema().apply("subject_turns").dataType()).as("subject_turns"),
                        nullOf(heads.schema().apply("word_frames").dataType()).as("word_frames"),
                        nullOf(DataTypes.IntegerType).as("label_frames"), nullOf(DataTypes.DoubleType).as("speech_level_db"));
        return heads.unionByName(chunks);
    }

    /** Runs {@code perRecording} once per recording of the stream, over its rows in order; rows of {@code schema} out. */
    public static Dataset<Row> perRecording(Dataset<Row> stream, FlatMapGroupsFunction<String, Row, Row> perRecording,
                                            StructType schema) {
        return stream.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .flatMapSortedGroups(new Column[] {stream.col("seq")}, perRecording, Encoders.row(schema));
    }

    /**
     * One recording's rows (in {@code seq} order, as {@link #perRecording} hands them) as a {@link LakeRecording}: its
     * head row read now, its audio chunks left in {@code stream} for the model to read forward
     * ({@link LakeRecording#streamChunks}), so the caller must use the recording before it moves on.
     */
    public static LakeRecording gather(String recordingId, Iterator<Row> stream) {
        if (!stream.hasNext()) {
            throw new IllegalStateException("No rows for recording " + recordingId);
        }
        Row head = stream.next();
        if (head.getInt(head.fieldIndex("seq")) != RECORDING_SEQ) {
            throw new IllegalStateException("The stream of recording " + recordingId + " does not start with its "
                    + "recordings row (seq " + RECORDING_SEQ + ") but with seq " + head.getAs("seq"));
        }
        Integer labelFrames = head.getAs("label_frames");
        LakeRecording recording = new LakeRecording(recordingId, head.getAs("split"), head.getAs("source_uri"),
                head.<Integer>getAs("sample_rate"),
                head.<Long>getAs("num_samples"), turns(head.getList(head.fieldIndex("subject_turns"))),
                wordFrames(head.getList(head.fieldIndex("word_frames"))), labelFrames == null ? 0 : labelFrames)
                .speechLevel(head.getAs("speech_level_db"))
                .speakingRates(column(head.getList(head.fieldIndex("word_frames")), 2))
                .pauses(column(head.getList(head.fieldIndex("word_frames")), 3));
        // The chunks stay in Spark's iterator until the model reads them: a task holds one window's chunks, not the
        // recording's.
        recording.streamChunks(chunks(stream));
        return recording;
    }

    /**
     * The audio chunks left in a recording's rows (after its head row), read as they are asked for: rows with
     * {@code start_sample}, {@code sample_rate} and {@code pcm}.
     */
    public static Iterator<PcmChunk> chunks(Iterator<Row> stream) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public PcmChunk next() {
                Row chunk = stream.next();
                return new PcmChunk(chunk.<Long>getAs("start_sample"), chunk.<Integer>getAs("sample_rate"),
                        chunk.getAs("pcm"));
            }
        };
    }

    private static List<TurnSpan> turns(List<Row> rows) {
        return rows == null ? List.of() : rows.stream().map(t -> new TurnSpan(t.getDouble(0), t.getDouble(1))).toList();
    }

    private static Map<Integer, float[]> wordFrames(List<Row> rows) {
        Map<Integer, float[]> out = new HashMap<>();
        if (rows != null) {
            for (Row r : rows) {
                out.put(r.getInt(0), PcmCodec.floats(r.getList(1)));
            }
        }
        return out;
    }

    /** Frame -> the float at {@code index} of each word frame's struct, where it is not null. */
    private static Map<Integer, Float> column(List<Row> rows, int index) {
        Map<Integer, Float> out = new HashMap<>();
        if (rows != null) {
            for (Row r : rows) {
                if (!r.isNullAt(index)) {
                    out.put(r.getInt(0), r.getFloat(index));
                }
            }
        }
        return out;
    }

    private static Column nullOf(DataType type) {
        return lit(null).cast(type);
    }
}
