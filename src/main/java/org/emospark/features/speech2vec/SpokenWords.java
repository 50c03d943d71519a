package org.emospark.features.speech2vec;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.emospark.corpus.text.TagSynonyms;
import org.emospark.executor.EngineThreads;
import org.emospark.executor.RecordingStream;
import org.emospark.lake.ForwardPcmSource;
import org.emospark.lake.PcmChunk;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.reject.UncheckedInputRejectedException;

/**
 * The lake's spoken words with their MFCCs, computed in the executors: one shuffle brings each recording's
 * {@code words} rows and then its audio chunks, in order, to one task ({@link RecordingStream#perRecording}), which
 * streams the audio forward under the words ({@link RecordingWords}), holding one or two chunks at a time. Every
 * word of the {@code words} table comes out: with its frames, or with the reason it has none. Tags are keyed by
 * their synonym word ({@code <laughter>} -> {@code laughter}), as the text vectors are.
 */
public final class SpokenWords {
    /** One row per word: frames are float32 little-endian, null with a skip reason. */
    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("recording_id", DataTypes.StringType, false),
            DataTypes.createStructField("word_index", DataTypes.IntegerType, false),
            DataTypes.createStructField("utterance_index", DataTypes.IntegerType, false),
            DataTypes.createStructField("word", DataTypes.StringType, false),
            DataTypes.createStructField("features", DataTypes.BinaryType, true),
            DataTypes.createStructField("skipped", DataTypes.StringType, true)});

    private SpokenWords() {
    }

    /** What came out: the spoken words in (recording, word) order, and how many were skipped for each reason. */
    public record Collected(List<SpokenWord> words, Map<String, Long> skipped, int recordings) {
    }

    /** The rows of every word of the lake (see {@link #SCHEMA}). */
    public static Dataset<Row> of(Warehouse warehouse, Speech2VecSettings settings) {
        Dataset<Row> words = warehouse.read(Tables.WORDS).groupBy("recording_id")
                .agg(collect_list(struct(col("word_index"), col("utterance_index"), col("word"), col("start_s"),
                        col("end_s"))).as("words"));
        Dataset<Row> heads = warehouse.read(Tables.RECORDINGS).join(words, "recording_id")
                .select(col("recording_id"), lit(-1).as("seq"), col("sample_rate"), col("num_samples"),
                        nullOf(DataTypes.LongType).as("start_sample"), nullOf(DataTypes.BinaryType).as("pcm"),
                        col("words"));
        // Only the chunks of recordings with a head row: every group then starts with its head.
        Dataset<Row> chunks = warehouse.read(Tables.AUDIO_CHUNKS).join(heads.select("recording_id"), "recording_id",
                "left_semi").select(col("recording_id"), col("chunk_index").as("seq"), col("sample_rate"),
                nullOf(DataTypes.LongType).as("num_samples"), col("start_sample"), col("pcm"),
                nullOf(heads.schema().apply("words").dataType()).as("words"));
        return RecordingStream.perRecording(heads.unionByName(chunks), new PerRecording(settings.maxFrames()), SCHEMA);
    }

    /** The rows of {@link #of}, collected on the driver. */
    public static Collected collect(Dataset<Row> rows) {
        TagSynonyms synonyms = TagSynonyms.defaults();
        List<SpokenWord> words = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        Set<String> recordings = new HashSet<>();
        for (Row r : rows.orderBy("recording_id", "word_index").collectAsList()) {
            recordings.add(r.getString(0));
            if (r.isNullAt(4)) {
                skipped.merge(r.getString(5), 1L, Long::sum);
            } else {
                words.add(new SpokenWord(r.getString(0), r.getInt(1), r.getInt(2), synonyms.wordFor(r.getString(3)),
                        PcmCodec.decode(r.getAs(4))));
            }
        }
        return new Collected(words, skipped, recordings.size());
    }

    private static Column nullOf(DataType type) {
        return lit(null).cast(type);
    }

    /** One recording's rows in, one row per word out. */
    private static final class PerRecording implements FlatMapGroupsFunction<String, Row, Row> {
        private final int maxFrames;

        PerRecording(int maxFrames) {
            this.maxFrames = maxFrames;
        }

        @Override
        public Iterator<Row> call(String recordingId, Iterator<Row> rows) {
            Row head = rows.next();
            int rate = head.getInt(head.fieldIndex("sample_rate"));
            List<TimedWord> words = new ArrayList<>();
            for (Row w : head.<Row>getList(head.fieldIndex("words"))) {
                words.add(new TimedWord(w.getInt(0), w.getInt(1), w.getString(2), w.getDouble(3), w.getDouble(4)));
            }
            Iterator<PcmChunk> chunks = RecordingStream.chunks(rows);
            List<Row> out = new ArrayList<>(words.size());
            EngineThreads.apply();
            try (NDManager manager = NDManager.newBaseManager()) {
                RecordingWords.Result result = RecordingWords.of(manager, recordingId, new ForwardPcmSource(recordingId,
                        head.<Long>getAs("num_samples"), rate, chunks), new Mfcc(rate), words, maxFrames);
                for (SpokenWord w : result.words()) {
                    out.add(RowFactory.create(recordingId, w.wordIndex(), w.utteranceIndex(), w.word(),
                            PcmCodec.encode(w.features(), 0, w.features().length), null));
                }
                for (RecordingWords.Skipped s : result.skipped()) {
                    TimedWord w = s.word();
                    out.add(RowFactory.create(recordingId, w.wordIndex(), w.utteranceIndex(), w.word(), null,
                            s.why().reason()));
                }
            } catch (UncheckedInputRejectedException e) {
                // The recording's audio is broken: none of its words is heard, each says why.
                out.clear();
                for (TimedWord w : words) {
                    out.add(RowFactory.create(recordingId, w.wordIndex(), w.utteranceIndex(), w.word(), null,
                            "the recording's audio cannot be read: " + e.getMessage()));
                }
            }
            while (rows.hasNext()) {
                rows.next();
            }
            return out.iterator();
        }
    }
}
