package org.emospark.lake;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The one definition of every lake table: name, schema, keys and write scope. */
public final class Tables {
    private Tables() {
    }

    public static final TableDef RECORDINGS = new TableDef("recordings",
            "One row per recording: where it came from, its split, and what the audio is.",
            schema(
                    field("recording_id", StringType, false),
                    field("corpus", StringType, false),
                    field("split", StringType, false),
                    field("speaker", StringType, true),
                    field("language", StringType, true),
                    field("source_uri", StringType, false),
                    field("source_format", StringType, false),
                    field("source_sample_rate", IntegerType, false),
                    field("source_channels", IntegerType, false),
                    field("sample_rate", IntegerType, false),
                    field("channels", IntegerType, false),
                    field("num_samples", LongType, false),
                    field("num_frames", IntegerType, false),
                    field("duration_s", DoubleType, false),
                    field("num_chunks", IntegerType, false),
                    field("content_hash", StringType, false),
                    field("input_fingerprint", StringType, false),
                    field("has_labels", BooleanType, false),
                    field("has_transcript", BooleanType, false),
                    field("has_turns", BooleanType, false),
                    field("ingested_at", TimestampType, false),
                    // Last, so that a table created before it gains it by ALTER TABLE ADD COLUMNS in the same place.
                    field("speech_level_db", DoubleType, true)),
            List.of("recording_id"), List.of("ingested_at"), null, List.of());

    public static final TableDef AUDIO_CHUNKS = new TableDef("audio_chunks",
            "Mono audio at the lake's sample rate, in bounded chunks; pcm is float32 little-endian.",
            schema(
                    field("recording_id", StringType, false),
                    field("chunk_index", IntegerType, false),
                    field("start_sample", LongType, false),
                    field("start_s", DoubleType, false),
                    field("num_samples", IntegerType, false),
                    field("sample_rate", IntegerType, false),
                    field("pcm", BinaryType, false)),
            List.of("recording_id", "chunk_index"), List.of(), "recording_id", List.of());

    public static final TableDef UTTERANCES = new TableDef("utterances",
            "Transcript utterances as given (utterance level), with their normalised text; rows of only <filler> "
                    + "(or nothing left after normalisation) have no words and are kept for their times.",
            schema(
                    field("recording_id", StringType, false),
                    field("utterance_index", IntegerType, false),
                    field("start_s", DoubleType, false),
                    field("end_s", DoubleType, false),
                    field("text", StringType, false),
                    field("source_line", IntegerType, false)),  // 0: derived from a word-level transcript
            List.of("recording_id", "utterance_index"), List.of(), "recording_id", List.of());

    public static final TableDef WORDS = new TableDef("words",
            "Words in time; timing_source says how the times were obtained (given, aligned, uniform).",
            schema(
                    field("recording_id", StringType, false),
                    field("word_index", IntegerType, false),
                    field("utterance_index", IntegerType, false),
                    field("word", StringType, false),
                    field("start_s", DoubleType, false),
                    field("end_s", DoubleType, false),
                    field("timing_source", StringType, false)),
            List.of("recording_id", "word_index"), List.of(), "recording_id", List.of());

    public static final TableDef LABELS = new TableDef("labels",
            "Gold emotion ratings, one row per 100 ms frame.",
            schema(
                    field("recording_id", StringType, false),
                    field("frame", IntegerType, false),
                    field("time_s", DoubleType, false),
                    field("arousal", DoubleType, false),
                    field("valence", DoubleType, false),
                    field("liking", DoubleType, false)),
            List.of("recording_id", "frame"), List.of(), "recording_id", List.of());

    public static final TableDef TURNS = new TableDef("turns",
            "Who speaks when: the subject's (and, where given, the interlocutor's) turns.",
            schema(
                    field("recording_id", StringType, false),
                    field("turn_index", IntegerType, false),
                    field("start_s", DoubleType, false),
                    field("end_s", DoubleType, false),
                    field("speaker", StringType, false)),
            List.of("recording_id", "turn_index"), List.of(), "recording_id", List.of());

    public static final TableDef REJECTS = new TableDef("rejects",
            "Every input (file or line) kept out of the lake, with a reason a person can act on.",
            schema(
                    field("source_uri", StringType, false),
                    field("stage", StringType, false),
                    field("reason", StringType, false),
                    field("detail", StringType, false),
                    field("line", IntegerType, true),
                    field("recording_id", StringType, true),
                    field("seen_at", TimestampType, false)),
            List.of("source_uri", "stage", "reason", "detail"), List.of("seen_at"), "source_uri", List.of());

    public static final TableDef EMBEDDING_SETS = new TableDef("embedding_sets",
            "One row per set of word vectors: where it came from, its training config and data lineage.",
            schema(
                    field("embedding_set", StringType, false),
                    field("source", StringType, false),
                    field("dims", IntegerType, false),
                    field("vocabulary_size", LongType, false),
                    field("config", StringType, false),
                    field("lineage", StringType, false),
                    field("created_at", TimestampType, false)),
            List.of("embedding_set"), List.of("created_at"), null, List.of());

    public static final TableDef EMBEDDINGS = new TableDef("embeddings",
            "Word vectors: one row per word of each embedding set.",
            schema(
                    field("embedding_set", StringType, false),
                    field("word", StringType, false),
                    field("vector", DataTypes.createArrayType(FloatType, false), false),
                    field("dims", IntegerType, false),
                    field("source", StringType, false)),
            List.of("embedding_set", "word"), List.of(), "embedding_set", List.of());

    public static final TableDef SEMANTIC_FRAMES = new TableDef("semantic_frames",
            "The semantic stream: per 100 ms frame the vector of the word being spoken (zeros in silence).",
            schema(
                    field("recording_id", StringType, false),
                    field("frame", IntegerType, false),
                    field("word", StringType, true),
                    field("known", BooleanType, false),
                    field("vector", DataTypes.createArrayType(FloatType, false), false),
                    field("embedding_set", StringType, false),
                    field("speaking_rate", FloatType, true),
                    field("pause_s", FloatType, true)),
            List.of("recording_id", "frame"), List.of(), "recording_id", List.of());

    public static final TableDef PARALINGUISTIC_FRAMES = new TableDef("paralinguistic_frames",
            "The paralinguistic stream as a model's CNN computes it: per 100 ms frame its output (dims float32 "
                    + "little-endian values), one row per frame and model; the fusion stage trains from these.",
            schema(
                    field("recording_id", StringType, false),
                    field("frame", IntegerType, false),
                    field("model_id", StringType, false),
                    field("dims", IntegerType, false),
                    field("vector", BinaryType, false)),
            List.of("recording_id", "frame", "model_id"), List.of(), "recording_id", List.of("model_id"));

    public static final TableDef MODELS = new TableDef("models",
            "One row per trained model: its config, what it was trained on (table versions), and its Devel scores.",
            schema(
                    field("model_id", StringType, false),
                    field("name", StringType, false),
                    field("path", StringType, false),
                    field("fusion", StringType, false),
                    field("streams", StringType, false),
                    field("shuffled_labels", BooleanType, false),
                    field("config", StringType, false),
                    field("settings", StringType, false),
                    field("embedding_set", StringType, true),
                    field("input_versions", StringType, false),
                    field("train_recordings", IntegerType, false),
                    field("train_audio_s", DoubleType, false),
                    field("parameters", LongType, false),
                    field("epochs_run", IntegerType, false),
                    field("best_epoch", IntegerType, false),
                    field("devel_ccc_arousal", DoubleType, false),
                    field("devel_ccc_valence", DoubleType, false),
                    field("devel_ccc_liking", DoubleType, false),
                    field("devel_ccc_mean", DoubleType, false),
                    field("train_wall_s", DoubleType, false),
                    field("audio_s_per_s", DoubleType, false),
                    field("data_wait_fraction", DoubleType, false),
                    field("created_at", TimestampType, false),
                    // Added with the fusion stage; tables of earlier versions gain them as nulls (Warehouse.ensure).
                    field("stage", StringType, true),  // end_to_end | fusion
                    field("source_model_id", StringType, true),  // fusion: whose CNN and features it kept
                    field("sweep", StringType, true),  // fusion: the sweep that trained it
                    field("sweep_best", BooleanType, true),  // fusion: the sweep's best by Devel CCC
                    field("imported_from", StringType, true)),  // import-model: the warehouse it was trained in
            List.of("model_id"), List.of("train_wall_s", "audio_s_per_s", "data_wait_fraction", "created_at"), null,
            List.of());

    public static final TableDef EVALUATIONS = new TableDef("evaluations",
            "Scores of a model on a split per dimension: on the concatenation of all recordings (AVEC), as the "
                    + "per-recording mean, on the frames inside and outside the subject's turns, and per recording.",
            schema(
                    field("model_id", StringType, false),
                    field("split", StringType, false),
                    // concatenated | recording_mean | subject_turns | outside_subject_turns | recording
                    field("scope", StringType, false),
                    field("recording_id", StringType, false),  // "" but for scope recording
                    field("dimension", StringType, false),
                    field("ccc", DoubleType, true),
                    field("pearson", DoubleType, true),
                    field("rmse", DoubleType, false),
                    field("frames", LongType, false),
                    field("evaluated_at", TimestampType, false)),
            List.of("model_id", "split", "scope", "recording_id", "dimension"), List.of("evaluated_at"), "model_id",
            List.of());

    public static final TableDef PREDICTIONS = new TableDef("predictions",
            "A model's arousal, valence and liking for every 100 ms frame of a scored recording; one row per frame and "
                    + "model, in the partition of the date it was scored on (a rescore moves the rows).",
            schema(
                    field("recording_id", StringType, false),
                    field("frame", IntegerType, false),
                    field("time_s", DoubleType, false),
                    field("arousal", FloatType, false),
                    field("valence", FloatType, false),
                    field("liking", FloatType, false),
                    field("model_id", StringType, false),
                    field("score_date", DateType, false)),
            List.of("recording_id", "frame", "model_id"), List.of(), "recording_id", List.of("score_date"));

    public static final TableDef RECORDING_EMOTION = new TableDef("recording_emotion",
            "One row per scored recording and model: how its predicted emotion is distributed over time. Its rows "
                    + "are the record of which recordings a model has scored.",
            schema(
                    field("model_id", StringType, false),
                    field("recording_id", StringType, false),
                    field("score_date", DateType, false),
                    field("frames", IntegerType, false),
                    field("audio_s", DoubleType, false),
                    field("arousal_mean", DoubleType, false),
                    field("arousal_p10", DoubleType, false),
                    field("arousal_p50", DoubleType, false),
                    field("arousal_p90", DoubleType, false),
                    field("valence_mean", DoubleType, false),
                    field("valence_p10", DoubleType, false),
                    field("valence_p50", DoubleType, false),
                    field("valence_p90", DoubleType, false),
                    field("liking_mean", DoubleType, false),
                    field("liking_p10", DoubleType, false),
                    field("liking_p50", DoubleType, false),
                    field("liking_p90", DoubleType, false),
                    // Quadrants of the arousal-valence plane; 0 counts as high arousal and positive valence.
                    field("share_high_arousal_positive_valence", DoubleType, false),
                    field("share_high_arousal_negative_valence", DoubleType, false),
                    field("share_low_arousal_positive_valence", DoubleType, false),
                    field("share_low_arousal_negative_valence", DoubleType, false),
                    field("speech_ratio", DoubleType, false),  // frames of subject speech per the turns
                    field("has_transcript", BooleanType, false),  // false: scored with zero word vectors
                    field("scored_at", TimestampType, false)),
            List.of("recording_id", "model_id"), List.of("scored_at"), "recording_id", List.of());

    /** Tables written by ingest, in the order they are written: {@code recordings} last, as the commit mark. */
    public static List<TableDef> ingestTables() {
        return List.of(REJECTS, LABELS, TURNS, UTTERANCES, WORDS, AUDIO_CHUNKS, RECORDINGS);
    }

    public static List<TableDef> all() {
        return List.of(RECORDINGS, AUDIO_CHUNKS, UTTERANCES, WORDS, LABELS, TURNS, REJECTS, EMBEDDING_SETS, EMBEDDINGS,
                SEMANTIC_FRAMES, PARALINGUISTIC_FRAMES, MODELS, EVALUATIONS, PREDICTIONS, RECORDING_EMOTION);
    }

    private static StructType schema(StructField... fields) {
        return new StructType(fields);
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }
}
