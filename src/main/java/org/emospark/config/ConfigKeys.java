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

    public static final ConfigKey ALIGN_ADVERSARIAL_ROUNDS = new ConfigKey("emospark.embed.adversarialRounds", "3000",
            "Rounds of adversarial training in embed --align-method adversarial (each: 5 discriminator steps and one "
                    + "step of the map, batches of 32 words).");
    public static final ConfigKey S2V_VECTOR_SIZE = new ConfigKey("emospark.speech2vec.vectorSize", "100",
            "Speech2Vec vector size (embed --speech2vec); the same as the word2vec set it is aligned into.");
    public static final ConfigKey S2V_WINDOW = new ConfigKey("emospark.speech2vec.window", "3",
            "Speech2Vec skip-gram window: each spoken word learns to reconstruct the acoustics of the words up to this "
                    + "many before and after it in its utterance (its authors: 3).");
    public static final ConfigKey S2V_EPOCHS = new ConfigKey("emospark.speech2vec.epochs", "20",
            "Passes of Speech2Vec training over all (word, neighbour) pairs.");
    public static final ConfigKey S2V_BATCH = new ConfigKey("emospark.speech2vec.batchSize", "64",
            "(word, neighbour) pairs per Speech2Vec training step.");
    public static final ConfigKey S2V_LEARNING_RATE = new ConfigKey("emospark.speech2vec.learningRate", "0.001",
            "Adam's step size for Speech2Vec.");
    public static final ConfigKey S2V_MIN_COUNT = new ConfigKey("emospark.speech2vec.minCount", "1",
            "Words spoken fewer times are left out of the Speech2Vec set (1: every spoken word has a vector).");
    public static final ConfigKey S2V_MAX_WORD_SECONDS = new ConfigKey("emospark.speech2vec.maxWordSeconds", "1.0",
            "Speech2Vec reads at most this much of a word (its first MFCC frames): longer words cost no more.");
    public static final ConfigKey S2V_SEED = new ConfigKey("emospark.speech2vec.seed", "2021",
            "Seed of Speech2Vec's initial weights and pair order: the same lake and seed give the same vectors.");

    public static final ConfigKey MODEL_FUSION = new ConfigKey("emospark.model.fusion", "attention",
            "How the two streams are fused: attention (the paper) or concat (its ablation).");
    public static final ConfigKey MODEL_STREAMS = new ConfigKey("emospark.model.streams", "both",
            "Which streams feed the network: both, paralinguistic (CNN over audio only) or semantic (words only).");
    public static final ConfigKey MODEL_LOSS_WEIGHTS = new ConfigKey("emospark.model.lossWeights", "equal",
            "Weights of the 1 - CCC terms: equal, or faithful (1, 1/2, 1/3 for arousal, valence, liking as in the "
                    + "authors' code).");
    public static final ConfigKey MODEL_WINDOW_FRAMES = new ConfigKey("emospark.model.windowFrames", "100",
            "Frames per window (authors' code 100, paper 300); with the CNN, a multiple of 25 at 22.05 kHz.");
    public static final ConfigKey MODEL_CNN_FILTERS = new ConfigKey("emospark.model.cnnFilters", "50,125,250",
            "Filters of the three 1-D convolutions over raw audio.");
    public static final ConfigKey MODEL_CNN_KERNELS = new ConfigKey("emospark.model.cnnKernels", "8,6,6",
            "Kernel lengths of the convolutions (TensorFlow 'same' padding).");
    public static final ConfigKey MODEL_POOLS = new ConfigKey("emospark.model.pools", "10,5,5",
            "Max-pool size (= stride) after each convolution; their product must divide the frame input.");
    public static final ConfigKey MODEL_DROPOUT = new ConfigKey("emospark.model.dropout", "0.0",
            "Dropout rate after each convolution (the authors' code: 0.5, see conf/models/faithful.properties).");
    public static final ConfigKey MODEL_PROJECTION = new ConfigKey("emospark.model.projection", "1024",
            "Width of the per-stream ReLU projections.");
    public static final ConfigKey MODEL_STREAM_SIZE = new ConfigKey("emospark.model.streamSize", "512",
            "Width of the fusion streams and of the fused vector.");
    public static final ConfigKey MODEL_LSTM_UNITS = new ConfigKey("emospark.model.lstmUnits", "256",
            "Units of the peephole LSTM.");

    public static final ConfigKey MODEL_NORMALIZE_LEVEL = new ConfigKey("emospark.model.normalizeLevel", "true",
            "Scale each recording so its subject's speech level (recordings.speech_level_db, measured at ingest) "
                    + "lands at -20 dBFS before the CNN hears it: recordings made louder or softer look alike, while "
                    + "loudness within a recording still tells arousal (the authors' code: false).");
    public static final ConfigKey MODEL_PROSODY = new ConfigKey("emospark.model.prosody", "true",
            "Append each frame half's energy contour, voicing and pitch (computed from the samples the CNN hears) to "
                    + "the CNN's features, so that arousal's main cues need not be learnt from raw waveform "
                    + "(the authors' code: false).");
    public static final ConfigKey MODEL_PROSODY_CONTEXT = new ConfigKey("emospark.model.prosodyContext", "true",
            "With emospark.model.prosody, also append the subject's voice around each frame: the mean energy and "
                    + "pitch of its voiced halves and their share of the frames within 0.5, 1, 2 and 4 s either side, "
                    + "since arousal shows over seconds of speech rather than in one frame (the authors' code: false).");
    public static final ConfigKey MODEL_SPEAKING_RATE = new ConfigKey("emospark.model.speakingRate", "true",
            "Append to each frame's word vector the speaking rate of its utterance (semantic_frames.speaking_rate, "
                    + "letters per second, written by features --semantic): speakers talk faster when aroused, and "
                    + "the rate holds across voices and recording channels (the authors' code: false).");
    public static final ConfigKey MODEL_BIDIRECTIONAL = new ConfigKey("emospark.model.bidirectional", "true",
            "A second LSTM reads each window backwards beside the first, so every frame's prediction hears the rest "
                    + "of its window, as a batch scorer of recorded archives can; such a model scores window by "
                    + "window and cannot carry the LSTM's state (emospark.train.carryState) (the authors' code: false).");
    public static final ConfigKey MODEL_SMOOTH_SECONDS = new ConfigKey("emospark.model.smoothSeconds", "2.0",
            "Replace each predicted value by its mean over a centred window of this many seconds of the recording "
                    + "(as AVEC's baselines post-process continuous predictions): frame-to-frame jitter is not emotion. "
                    + "Part of the model: evaluate and score predict with it, train reports its Devel CCC with it "
                    + "(and, without priorSmoothing, chooses the epoch on the network's own outputs); 0: none (the "
                    + "authors' code: 0).");
    public static final ConfigKey MODEL_PRIOR_SMOOTHING = new ConfigKey("emospark.model.priorSmoothing", "true",
            "After that, condition each recording's outputs on how the Train labels move in time (their mean and "
                    + "autocovariance, fitted when the model is trained and stored with it), trusting the frames in which "
                    + "the subject speaks (from the turns table; every frame when a recording has none): between the "
                    + "subject's turns the labels carry on from the subject's last words, whatever the other speaker "
                    + "sounds like. Part of the model like smoothSeconds (the authors' code: false).");
    public static final ConfigKey MODEL_TIMING_LEVEL = new ConfigKey("emospark.model.timingLevel", "true",
            "After that, move each recording's outputs towards the level its subject's timing says: a line per "
                    + "dimension through the log speaking rate and the log pause after each subject utterance "
                    + "(semantic_frames.speaking_rate and pause_s), fitted on the Train utterances, read as the mean "
                    + "over a recording's utterances; how far each dimension moves (0, 0.25 .. 1) is chosen on Devel "
                    + "when the model is trained. Speakers pause less and talk faster when aroused, whatever their "
                    + "voice or microphone. Part of the model like smoothSeconds (the authors' code: false).");

    public static final ConfigKey TRAIN_EPOCHS = new ConfigKey("emospark.train.epochs", "30",
            "The most epochs to train.");
    public static final ConfigKey TRAIN_PATIENCE = new ConfigKey("emospark.train.patience", "6",
            "Stop after this many epochs without a better mean development CCC.");
    public static final ConfigKey TRAIN_PATIENCE_TOLERANCE = new ConfigKey("emospark.train.patienceTolerance", "0.005",
            "An epoch whose mean development CCC comes within this of the best so far also restarts the patience count "
                    + "(the best epoch still moves only on a strict improvement), so training does not stop on a plateau "
                    + "whose near-ties float rounding breaks either way (the authors' code: 0, only a better epoch).");
    public static final ConfigKey TRAIN_BATCH = new ConfigKey("emospark.train.batchSize", "5",
            "Windows per training step (authors' code 5, paper 25).");
    public static final ConfigKey TRAIN_LEARNING_RATE = new ConfigKey("emospark.train.learningRate", "5e-4",
            "Adam learning rate (authors' code 5e-4, paper 1e-4).");
    public static final ConfigKey TRAIN_BETA1 = new ConfigKey("emospark.train.beta1", "0.9",
            "Adam beta1.");
    public static final ConfigKey TRAIN_BETA2 = new ConfigKey("emospark.train.beta2", "0.99",
            "Adam beta2 (authors' code 0.99).");
    public static final ConfigKey TRAIN_LSTM_CLIP = new ConfigKey("emospark.train.lstmClipNorm", "5",
            "Global gradient-norm clip on the LSTM's parameters (paper: 5); 0 turns it off.");
    public static final ConfigKey TRAIN_MODALITY_DROPOUT = new ConfigKey("emospark.train.modalityDropout", "0.0",
            "Share of training windows whose word vectors are zeroed (drawn per batch), so the network learns to "
                    + "score audio without a transcript; 0: never (the authors' code).");
    public static final ConfigKey TRAIN_SHIFT_WINDOWS = new ConfigKey("emospark.train.shiftWindows", "false",
            "true: move each recording's window grid by a random offset every epoch (more distinct windows); "
                    + "false: windows always start at frame 0 (the authors' code).");
    public static final ConfigKey TRAIN_EDGE_WINDOWS = new ConfigKey("emospark.train.edgeWindows", "false",
            "true: each recording's frames after its last full window (and before the first, with shifted windows) get a "
                    + "full window of their own, overlapping its neighbour, so every frame is trained on (about a third "
                    + "more training time; not a measured gain, see docs/accuracy.md); false: they are left out (the "
                    + "authors' code; needed with carryState).");
    public static final ConfigKey TRAIN_AVERAGE_EPOCHS = new ConfigKey("emospark.train.averageEpochs", "0",
            "Keep an exponential moving average of the weights over about this many epochs of steps, score it on Devel "
                    + "each epoch and keep it as the model; 0: the weights as trained (the authors' code).");
    public static final ConfigKey TRAIN_CARRY_STATE = new ConfigKey("emospark.train.carryState", "false",
            "true: each batch row runs one recording's windows in order and the LSTM starts each window from the state "
                    + "the previous one ended in (truncated back-propagation through time); such models are scored "
                    + "with the state carried too. false: a zero state per window (the authors' code).");
    public static final ConfigKey TRAIN_AUGMENT_VOICE = new ConfigKey("emospark.train.augment.voice", "0",
            "Training windows' frames resampled by a factor drawn per window from [1/(1+v), 1+v], a higher or lower "
                    + "voice (pitch and formants); 0: off (the authors' code).");
    public static final ConfigKey TRAIN_AUGMENT_GAIN_DB = new ConfigKey("emospark.train.augment.gainDb", "0",
            "Training windows' level moved by a gain drawn per window from [-g, +g] dB; 0: off (the authors' code).");
    public static final ConfigKey TRAIN_AUGMENT_SNR_DB = new ConfigKey("emospark.train.augment.snrDb", "0",
            "White noise added to training windows at an SNR drawn per window from [s, 50] dB; 0: off (the authors' code).");
    public static final ConfigKey TRAIN_SCHEDULE = new ConfigKey("emospark.train.schedule", "fixed",
            "Adam's step size over the epochs: fixed (the authors' code) or cosine (from learningRate down to 5% of it "
                    + "along half a cosine over all the epochs' steps).");
    public static final ConfigKey TRAIN_REFIT = new ConfigKey("emospark.train.refit", "false",
            "true: once Devel has chosen the best epoch, train again from the same seed on Train and Devel together for "
                    + "that many epochs and keep that network (the models table's Devel scores stay those of the run that "
                    + "chose; the chosen epochs once more, on both splits); false: keep the chosen epoch's network, trained "
                    + "on Train alone (the authors' code; no steady gain measured on the sample corpora, see docs/accuracy.md).");
    public static final ConfigKey TRAIN_SEED = new ConfigKey("emospark.train.seed", "2021",
            "Seeds initialisation, dropout and window order; CPU training repeats (bit for bit with one thread).");

    public static final ConfigKey FUSION_INIT = new ConfigKey("emospark.fusion.init", "source",
            "How the fusion stage (train --stage fusion) starts the network after the CNN: source (the source model's "
                    + "parameters wherever place and shape match) or random (from the seed); the CNN is the source's either way.");

    public static final ConfigKey FEATURES_WORD_SPEAKERS = new ConfigKey("emospark.features.wordSpeakers", "subject",
            "Whose words fill semantic_frames: subject (words inside the subject's turns; all words when a recording "
                    + "has no turns) or all (the paper: the interlocutor's words too).");
    public static final ConfigKey SCORE_BATCH = new ConfigKey("emospark.score.batchSize", "4",
            "Windows per forward pass when scoring or computing CNN features (one recording's windows at a time); in "
                    + "the faithful network the first convolution alone outputs 88 MB per window of 100 frames.");

    public static final ConfigKey SCORE_WINDOWS = new ConfigKey("emospark.score.windows", "model",
            "model: as the model was trained (streaming for emospark.train.carryState=true, overlapping for a "
                    + "bidirectional model, faithful otherwise); faithful: every window of the model's length starts from "
                    + "a zero LSTM state; overlapping: windows every half window, each frame the cross-fade of the two "
                    + "around it (twice the work); streaming: the LSTM "
                    + "state runs on from window to window, so a recording is scored as one continuous sequence (not for "
                    + "a bidirectional model, which reads each window whole).");

    public static final ConfigKey SQL_SERVER_HOST = new ConfigKey("emospark.sqlServer.host", "127.0.0.1",
            "Address the Thrift JDBC server (sql-server) listens on; 0.0.0.0 serves other machines (no authentication).");
    public static final ConfigKey SQL_SERVER_PORT = new ConfigKey("emospark.sqlServer.port", "10000",
            "Port of the Thrift JDBC server (HiveServer2's default, 10000); 0 picks a free one.");
    public static final ConfigKey SQL_SERVER_DATABASE = new ConfigKey("emospark.sqlServer.database", "default",
            "Catalog database the SQL server registers the lake's tables and views in (jdbc:hive2://host:port/DB).");
    public static final ConfigKey SQL_SERVER_REFRESH_SECONDS = new ConfigKey("emospark.sqlServer.refreshSeconds", "60",
            "How often the SQL server registers tables and views that appeared in the lake since it started.");
    public static final ConfigKey SQL_SERVER_PASSWORD_FILE = new ConfigKey("emospark.sqlServer.passwordFile", "",
            "Users of the SQL server, one NAME:pbkdf2-sha256:... line each (made by jobs/emospark sql-password); "
                    + "empty: no passwords, which is allowed on loopback only.");
    public static final ConfigKey SQL_SERVER_ALLOW_UNAUTHENTICATED = new ConfigKey(
            "emospark.sqlServer.allowUnauthenticated", "false",
            "Serve beyond loopback without a password file all the same (a network you trust entirely).");
    public static final ConfigKey SQL_SERVER_KEY_STORE = new ConfigKey("emospark.sqlServer.keyStore", "",
            "A PKCS12 or JKS key store with the server's certificate and key: clients then connect with ssl=true; "
                    + "empty: no TLS.");
    public static final ConfigKey SQL_SERVER_KEY_STORE_PASSWORD_FILE = new ConfigKey(
            "emospark.sqlServer.keyStorePasswordFile", "",
            "A file whose first line is the key store's password (kept out of command lines and configuration).");

    public static List<ConfigKey> all() {
        return List.of(WAREHOUSE, SAMPLE_RATE, FRAME_SECONDS, CHUNK_SECONDS, INGEST_TASKS, SPARK_MASTER_DEFAULT,
                WORD_TIMING, W2V_VECTOR_SIZE, W2V_WINDOW, W2V_MIN_COUNT, W2V_ITERATIONS, W2V_SEED, W2V_PARTITIONS,
                ALIGN_ADVERSARIAL_ROUNDS, S2V_VECTOR_SIZE, S2V_WINDOW, S2V_EPOCHS, S2V_BATCH, S2V_LEARNING_RATE, S2V_MIN_COUNT, S2V_MAX_WORD_SECONDS,
                S2V_SEED,
                MODEL_FUSION, MODEL_STREAMS, MODEL_LOSS_WEIGHTS, MODEL_WINDOW_FRAMES, MODEL_CNN_FILTERS, MODEL_CNN_KERNELS,
                MODEL_POOLS, MODEL_DROPOUT, MODEL_PROJECTION, MODEL_STREAM_SIZE, MODEL_LSTM_UNITS, MODEL_NORMALIZE_LEVEL, MODEL_PROSODY, MODEL_PROSODY_CONTEXT, MODEL_SPEAKING_RATE, MODEL_BIDIRECTIONAL, MODEL_SMOOTH_SECONDS, MODEL_PRIOR_SMOOTHING, MODEL_TIMING_LEVEL, TRAIN_EPOCHS,
                TRAIN_PATIENCE, TRAIN_PATIENCE_TOLERANCE, TRAIN_BATCH, TRAIN_LEARNING_RATE, TRAIN_BETA1, TRAIN_BETA2, TRAIN_LSTM_CLIP, TRAIN_SHIFT_WINDOWS, TRAIN_EDGE_WINDOWS, TRAIN_AVERAGE_EPOCHS, TRAIN_CARRY_STATE,
                TRAIN_MODALITY_DROPOUT, TRAIN_AUGMENT_VOICE, TRAIN_AUGMENT_GAIN_DB, TRAIN_AUGMENT_SNR_DB, TRAIN_SCHEDULE, TRAIN_REFIT, TRAIN_SEED,
                FUSION_INIT,
                FEATURES_WORD_SPEAKERS, SCORE_BATCH, SCORE_WINDOWS, SQL_SERVER_HOST, SQL_SERVER_PORT, SQL_SERVER_DATABASE,
                SQL_SERVER_REFRESH_SECONDS, SQL_SERVER_PASSWORD_FILE, SQL_SERVER_ALLOW_UNAUTHENTICATED, SQL_SERVER_KEY_STORE,
                SQL_SERVER_KEY_STORE_PASSWORD_FILE);
    }
}
