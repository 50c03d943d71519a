package org.emospark.config;

import java.util.List;

/**
 * Every {@code emospark.*} key the application reads, side by side with its default. Keys that
 * start with {@code spark.} in the config files go to the SparkSession unchanged; secrets never
 * belong in those files (use the environment or Hadoop credential providers).
 */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    public static final ConfigKey WAREHOUSE = new ConfigKey("emospark.warehouse", "./warehouse",
            "Root of the Delta Lake warehouse: a local path, hdfs://... or s3a://bucket/prefix.");
    public static final ConfigKey SAMPLE_RATE = new ConfigKey("emospark.audio.sampleRate", "22050",
            "Sample rate (Hz) all audio is resampled to at ingest; the paper uses 22050.");
    public static final ConfigKey FRAME_SECONDS = new ConfigKey("emospark.audio.frameSeconds", "0.1",
            "Length of one label/feature frame in seconds (AVEC 2017: 0.1).");
    public static final ConfigKey CHUNK_SECONDS = new ConfigKey("emospark.ingest.chunkSeconds", "30",
            "Audio is stored in rows of at most this many seconds, so rows stay bounded for long recordings.");
    public static final ConfigKey INGEST_TASKS = new ConfigKey("emospark.ingest.maxTasks", "2000",
            "Upper bound on ingest tasks; each task decodes whole recordings.");
    public static final ConfigKey SPARK_MASTER_DEFAULT = new ConfigKey("emospark.spark.defaultMaster", "local[*]",
            "Master used when neither spark-submit nor the config sets spark.master.");

    public static final ConfigKey WORD_TIMING = new ConfigKey("emospark.words.timing", "pause",
            "How ingest times the words of utterance-level transcripts: pause (acoustic aligner) or uniform "
                    + "(the authors' fallback). Word-level transcripts (CTM, JSON) keep their given times.");
    public static final ConfigKey W2V_VECTOR_SIZE = new ConfigKey("emospark.embed.vectorSize", "100",
            "word2vec vector size (the paper: 100).");
    public static final ConfigKey W2V_WINDOW = new ConfigKey("emospark.embed.window", "4",
            "word2vec context window (the paper: 4).");
    public static final ConfigKey W2V_MIN_COUNT = new ConfigKey("emospark.embed.minCount", "5",
            "Words seen fewer times are left out of the vocabulary (the paper: 7 on Wikipedia text).");
    public static final ConfigKey W2V_ITERATIONS = new ConfigKey("emospark.embed.iterations", "5",
            "word2vec passes over the training text.");
    public static final ConfigKey W2V_SEED = new ConfigKey("emospark.embed.seed", "2021",
            "word2vec random seed; with one partition, training is reproducible.");
    public static final ConfigKey W2V_PARTITIONS = new ConfigKey("emospark.embed.partitions", "1",
            "word2vec training partitions: more is faster on large text, but results then vary run to run.");

    public static List<ConfigKey> all() {
        return List.of(WAREHOUSE, SAMPLE_RATE, FRAME_SECONDS, CHUNK_SECONDS, INGEST_TASKS, SPARK_MASTER_DEFAULT,
                WORD_TIMING, W2V_VECTOR_SIZE, W2V_WINDOW, W2V_MIN_COUNT, W2V_ITERATIONS, W2V_SEED, W2V_PARTITIONS);
    }
}
