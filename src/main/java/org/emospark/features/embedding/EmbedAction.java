package org.emospark.features.embedding;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.emospark.corpus.text.TagSynonyms;
import org.emospark.corpus.text.TextNormalizer;
import org.emospark.features.speech2vec.Speech2VecReport;
import org.emospark.features.speech2vec.Speech2VecSettings;
import org.emospark.features.speech2vec.Speech2VecTrainer;
import org.emospark.features.speech2vec.SpokenWords;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.Sha256;
import org.emospark.runtime.SparkAction;

/**
 * Makes a set of word vectors for the semantic stream and stores it in {@code embeddings}, with a
 * row in {@code embedding_sets} recording where it came from. Either trains word2vec (Spark MLlib,
 * skip-gram) on the lake's transcripts, optionally plus a folder of plain-text files (one sentence
 * per line), or imports pretrained vectors (word2vec text/binary, fastText .vec, GloVe text), or learns
 * Speech2Vec vectors from the lake's own speech (MFCCs of every timed word computed in the executors, the
 * encoder-decoder trained on the driver; {@link Speech2VecTrainer}). Text
 * goes through {@link TextNormalizer} and tags through {@link TagSynonyms}, exactly as at lookup.
 * The set's name is derived from its configuration and inputs, so re-running the same embed changes
 * nothing. Cost: training is one MLlib job over the text; an import reads the file on the driver; Speech2Vec is
 * one pass over the lake's audio in the executors, then training on the driver (on an hour of speech: 9 s and
 * 390 s on 2 cores, docs/benchmarks.md).
 */
public final class EmbedAction extends SparkAction<EmbedResult> {
    static final String SOURCE_WORD2VEC = "word2vec";
    static final String SOURCE_SPEECH2VEC = "speech2vec";
    private final Warehouse warehouse;
    private final EmbedSettings settings;
    private String textDir;
    private String importFile;
    private VectorFormat importFormat = VectorFormat.AUTO;
    private String name;
    private Map<String, Double> lexicon;
    private String alignTo;
    private Speech2VecSettings speech2vec;
    private List<String> concatenated;
    private WordTranslation.Method alignMethod = WordTranslation.Method.PROCRUSTES;
    private int adversarialRounds;
    private Consumer<String> progress = line -> { };

    public EmbedAction(Warehouse warehouse, EmbedSettings settings) {
        super(warehouse.spark(), "embed");
        this.warehouse = warehouse;
        this.settings = settings;
    }

    /** A folder (or glob) of plain-text files to train on beside the transcripts. */
    public EmbedAction textDir(String value) {
        this.textDir = value;
        return this;
    }

    /** Import pretrained vectors from this file instead of training. */
    public EmbedAction importFile(String file, VectorFormat format) {
        this.importFile = file;
        this.importFormat = format == null ? VectorFormat.AUTO : format;
        return this;
    }

    /** Name of the embedding set; by default derived from the config and inputs. */
    public EmbedAction name(String value) {
        this.name = value;
        return this;
    }

    /** A valence lexicon: when given, the result reports how often neighbours share valence sign. */
    public EmbedAction lexicon(Map<String, Double> value) {
        this.lexicon = value;
        return this;
    }

    /**
     * Align the new vectors into this existing set (orthogonal Procrustes over the words both hold, judged on
     * held-out words; see {@link WordTranslation}) and store the aligned vectors instead.
     */
    public EmbedAction alignTo(String existingSet) {
        this.alignTo = existingSet;
        return this;
    }

    /**
     * How {@link #alignTo} finds its map: Procrustes over the shared words (the default), or adversarially without a
     * dictionary for {@code rounds} rounds (seeded by the word2vec seed).
     */
    public EmbedAction alignMethod(WordTranslation.Method method, int rounds) {
        this.alignMethod = Objects.requireNonNull(method, "method");
        if (method == WordTranslation.Method.ADVERSARIAL && rounds < 1) {
            throw new IllegalArgumentException("Adversarial alignment needs at least one round, cannot have: " + rounds);
        }
        this.adversarialRounds = rounds;
        return this;
    }

    /** Learn Speech2Vec vectors from the lake's spoken words instead of word2vec from text. */
    public EmbedAction speech2vec(Speech2VecSettings value) {
        this.speech2vec = value;
        return this;
    }

    /**
     * Make a set whose vector for each word is the vectors of these sets one after the other (zeros for a set that
     * lacks the word), e.g. text and aligned speech vectors as one semantic input.
     */
    public EmbedAction concatenate(List<String> sets) {
        if (sets.size() < 2) {
            throw new IllegalArgumentException("Concatenating needs at least two embedding sets, not " + sets);
        }
        this.concatenated = List.copyOf(sets);
        return this;
    }

    /** Where per-epoch progress lines of Speech2Vec go. */
    public EmbedAction progress(Consumer<String> value) {
        this.progress = Objects.requireNonNull(value, "progress");
        return this;
    }

    @Override
    protected String description() {
        return importFile != null ? "Importing word vectors from " + importFile
                : concatenated != null ? "Concatenating embedding sets " + String.join(", ", concatenated)
                : speech2vec != null ? "Learning Speech2Vec vectors from the corpus's spoken words"
                : "Training word2vec on the corpus transcripts" + (textDir != null ? " and " + textDir : "");
    }

    @Override
    protected EmbedResult run(JobGroup group) {
        SparkSession spark = warehouse.spark();
        if ((importFile != null ? 1 : 0) + (speech2vec != null ? 1 : 0) + (concatenated != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("Import vectors, learn Speech2Vec vectors or concatenate sets: one at a "
                    + "time");
        }
        group.step(description());
        if (alignTo != null) {
            // At the door: training or reading a large file first would waste the run.
            int targetDims = EmbeddingSets.dims(warehouse, alignTo);
            if (speech2vec != null && targetDims != speech2vec.vectorSize()) {
                throw new IllegalArgumentException("Cannot align " + speech2vec.vectorSize() + "-dim Speech2Vec vectors "
                        + "into " + alignTo + " of " + targetDims + " dims: set emospark.speech2vec.vectorSize="
                        + targetDims);
            }
            if (importFile == null && speech2vec == null && concatenated == null && targetDims != settings.vectorSize()) {
                throw new IllegalArgumentException("Cannot align " + settings.vectorSize() + "-dim word2vec vectors "
                        + "into " + alignTo + " of " + targetDims + " dims: set emospark.embed.vectorSize=" + targetDims);
            }
        }
        Speech2VecReport speech = null;
        Built built;
        if (importFile != null) {
            built = importVectors();
        } else if (concatenated != null) {
            built = concatenation();
        } else if (speech2vec != null) {
            SpeechBuilt s = learnSpeech2Vec(group);
            built = s.built();
            speech = s.report();
        } else {
            built = train();
        }
        WordTranslation.Report alignment = null;
        if (alignTo != null) {
            group.step("Aligning " + built.name + " into " + alignTo);
            WordVectors vectors = vectorsOf(built);
            WordTranslation.Aligned aligned = WordTranslation.align(vectors, EmbeddingSets.load(warehouse, alignTo,
                    null), alignTo, alignMethod, adversarialRounds, settings.seed());
            alignment = aligned.report();
            built = aligned(built, vectors, aligned);
        }
        Timestamp now = new Timestamp(System.currentTimeMillis());
        StructType setSchema = Tables.EMBEDDING_SETS.schema();
        Dataset<Row> setRow = spark.createDataFrame(List.of(RowFactory.create(built.name, built.source,
                built.dims, built.vocabularySize, built.config, built.lineage, now)), setSchema);
        List<MergeCounts> counts = new ArrayList<>();
        spark.sparkContext().setJobDescription("Merging embedding set " + built.name + " into embeddings");
        counts.add(KeyedMerge.merge(warehouse, Tables.EMBEDDINGS, built.rows, List.of(built.name)));
        counts.add(KeyedMerge.merge(warehouse, Tables.EMBEDDING_SETS, setRow, List.of()));
        ValenceNeighbours.Result neighbours = null;
        if (lexicon != null) {
            neighbours = ValenceNeighbours.evaluate(EmbeddingSets.load(warehouse, built.name, null), lexicon, 10,
                    0.2);
        }
        return new EmbedResult(built.name, built.source, built.dims, built.vocabularySize, built.sentences,
                built.tokens, neighbours, alignment, speech, counts, group.elapsedSeconds());
    }

    private record Built(String name, String source, int dims, long vocabularySize, String config, String lineage,
                         Dataset<Row> rows, long sentences, long tokens) {
    }

    private Built train() {
        SparkSession spark = warehouse.spark();
        if (!warehouse.exists(Tables.UTTERANCES) && textDir == null) {
            throw new IllegalArgumentException("Nothing to train on: no utterances table in " + warehouse
                    + " (run ingest first) and no --text folder");
        }
        // Wordless utterances (only <filler>) are stored for their times; they hold no sentence to learn from.
        Dataset<String> lines = warehouse.read(Tables.UTTERANCES).where(not(WORDLESS.apply(col("text"))))
                .select(col("text")).as(Encoders.STRING());
        String lineage = "utterances@" + warehouse.version(Tables.UTTERANCES);
        if (textDir != null) {
            lines = lines.union(spark.read().textFile(textDir));
            lineage += ";text:" + textFingerprint(textDir);
        }
        spark.sparkContext().setJobDescription("Tokenising training text");
        Dataset<Row> sentences = lines.toDF("line")
                .select(TOKENS.apply(col("line")).as("tokens"))
                .filter(org.apache.spark.sql.functions.size(col("tokens")).gt(0))
                .cache();
        try {
            Row stats = sentences.agg(org.apache.spark.sql.functions.count("*"),
                    org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.size(col("tokens")))).head();
            long sentenceCount = stats.getLong(0);
            if (sentenceCount == 0) {
                throw new IllegalArgumentException("Nothing to train on: the transcripts and text hold no words");
            }
            spark.sparkContext().setJobDescription("Training word2vec (" + settings.toJson() + ") on "
                    + sentenceCount + " sentences");
            Word2VecModel model = new Word2Vec().setInputCol("tokens").setOutputCol("v")
                    .setVectorSize(settings.vectorSize()).setWindowSize(settings.window())
                    .setMinCount(settings.minCount()).setMaxIter(settings.iterations()).setSeed(settings.seed())
                    .setNumPartitions(settings.partitions()).fit(sentences);
            String setName = name != null ? name : "w2v-" + shortHash(settings.toJson() + "|" + lineage);
            // The model's vectors already live on the driver; the table is written from them.
            List<Row> rows = new ArrayList<>();
            for (Row r : model.getVectors().collectAsList()) {
                rows.add(RowFactory.create(setName, r.getString(0), toList(((Vector) r.get(1)).toArray()),
                        settings.vectorSize(), SOURCE_WORD2VEC));
            }
            return new Built(setName, SOURCE_WORD2VEC, settings.vectorSize(), rows.size(), settings.toJson(), lineage,
                    spark.createDataFrame(rows, Tables.EMBEDDINGS.schema()), sentenceCount, stats.getLong(1));
        } finally {
            sentences.unpersist();
        }
    }

    /** The sets side by side; its name follows from theirs, so concatenating again changes nothing. */
    private Built concatenation() {
        List<WordVectors> parts = new ArrayList<>();
        Set<String> words = new TreeSet<>();
        int dims = 0;
        for (String set : concatenated) {
            WordVectors v = EmbeddingSets.load(warehouse, set, null);
            parts.add(v);
            words.addAll(v.words());
            dims += v.dims();
        }
        String lineage = "concat:" + String.join("+", concatenated);
        String setName = name != null ? name : "concat-" + shortHash(lineage);
        String source = "concat";
        List<Row> rows = new ArrayList<>(words.size());
        for (String word : words) {
            float[] joined = new float[dims];
            int at = 0;
            for (WordVectors part : parts) {
                part.copyInto(word, joined, at);
                at += part.dims();
            }
            rows.add(RowFactory.create(setName, word, toList(joined), dims, source));
        }
        String config = "{\"concatenated\":[" + concatenated.stream().map(s -> "\"" + s + "\"")
                .collect(Collectors.joining(",")) + "]}";
        return new Built(setName, source, dims, rows.size(), config, lineage,
                warehouse.spark().createDataFrame(rows, Tables.EMBEDDINGS.schema()), 0, 0);
    }

    private record SpeechBuilt(Built built, Speech2VecReport report) {
    }

    /**
     * MFCCs of every timed word in the executors, then Speech2Vec trained on the driver. The set is named by its
     * settings and the versions of the tables it heard, so a rerun on the same lake names (and rewrites) the same set.
     */
    private SpeechBuilt learnSpeech2Vec(JobGroup group) {
        for (TableDef t : List.of(Tables.WORDS, Tables.AUDIO_CHUNKS, Tables.RECORDINGS)) {
            if (!warehouse.exists(t)) {
                throw new IllegalArgumentException("Nothing to learn Speech2Vec vectors from: no " + t.name()
                        + " table in " + warehouse + " (run ingest first)");
            }
        }
        // Table versions tell runs on one lake apart; the content digest tells lakes apart, whose versions repeat.
        String lineage = "words@" + warehouse.version(Tables.WORDS) + ";audio_chunks@"
                + warehouse.version(Tables.AUDIO_CHUNKS) + ";recordings@" + warehouse.version(Tables.RECORDINGS)
                + ";content:" + spokenContentDigest();
        group.step("Computing the MFCCs of every timed word");
        long extracting = System.nanoTime();
        SpokenWords.Collected heard = SpokenWords.collect(SpokenWords.of(warehouse, speech2vec));
        double extractSeconds = (System.nanoTime() - extracting) / 1e9;
        if (heard.words().isEmpty()) {
            throw new IllegalArgumentException("Nothing to learn Speech2Vec vectors from: " + warehouse
                    + " has no timed word with audio" + (heard.skipped().isEmpty() ? "" : " " + heard.skipped()));
        }
        group.step("Training Speech2Vec (" + speech2vec.toJson() + ") on " + heard.words().size() + " spoken words");
        Speech2VecTrainer.Trained trained = Speech2VecTrainer.train(heard.words(), speech2vec, progress);
        String setName = name != null ? name : "s2v-" + shortHash(speech2vec.toJson() + "|" + lineage);
        List<Row> rows = new ArrayList<>();
        trained.vectors().forEach((word, v) -> rows.add(RowFactory.create(setName, word, toList(v),
                speech2vec.vectorSize(), SOURCE_SPEECH2VEC)));
        Built built = new Built(setName, SOURCE_SPEECH2VEC, speech2vec.vectorSize(), rows.size(), speech2vec.toJson(),
                lineage, warehouse.spark().createDataFrame(rows, Tables.EMBEDDINGS.schema()), 0, heard.words().size());
        return new SpeechBuilt(built, new Speech2VecReport(heard.recordings(), heard.words().size(), heard.skipped(),
                trained.pairs(), trained.epochLosses(), extractSeconds, trained.seconds()));
    }

    /** A digest of what Speech2Vec hears: every timed word and every recording's audio fingerprint. */
    private String spokenContentDigest() {
        warehouse.spark().sparkContext().setJobDescription("Digesting the timed words and recordings heard");
        Row words = warehouse.read(Tables.WORDS).agg(org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.xxhash64(col("recording_id"),
                        col("word_index"), col("utterance_index"), col("word"), col("start_s"), col("end_s"))
                        .cast(DataTypes.createDecimalType(38, 0)))).head();
        Row recordings = warehouse.read(Tables.RECORDINGS).agg(org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.xxhash64(col("recording_id"),
                        col("input_fingerprint"), col("num_samples"), col("sample_rate"))
                        .cast(DataTypes.createDecimalType(38, 0)))).head();
        return shortHash(words.mkString("|") + "|" + recordings.mkString("|"));
    }

    private Built importVectors() {
        Path path = new Path(importFile);
        WordVectors vectors;
        String fingerprint;
        try {
            FileSystem fs = path.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
            FileStatus st = fs.getFileStatus(path);
            fingerprint = st.getLen() + "@" + st.getModificationTime();
            try (InputStream in = fs.open(path, 1 << 20)) {
                // Third-party vocabularies are cased and punctuated; lookups use normalised tokens.
                vectors = VectorFileReader.read(in, importFile, importFormat).vectors().keyedByNormalizedTokens();
            }
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("Vector file not found: " + importFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read vector file " + importFile + ": " + e.getMessage(), e);
        }
        String base = path.getName().replaceAll("\\.[^.]*$", "");
        String setName = name != null ? name : base + "-" + shortHash(importFile + "|" + fingerprint);
        String source = "import:" + path.getName();
        List<Row> rows = new ArrayList<>(vectors.size());
        int dims = vectors.dims();
        vectors.forEach((w, v) -> rows.add(RowFactory.create(setName, w, toList(v), dims, source)));
        Dataset<Row> df = warehouse.spark().createDataFrame(rows, Tables.EMBEDDINGS.schema());
        return new Built(setName, source, dims, vectors.size(),
                "{\"format\":\"" + importFormat + "\",\"file\":\"" + importFile.replace("\"", "\\\"") + "\"}",
                "file:" + importFile + "@" + fingerprint, df, 0, 0);
    }

    private static WordVectors vectorsOf(Built built) {
        return EmbeddingSets.collect(built.rows.select("word", "vector").collectAsList(), built.dims);
    }

    /**
     * The set mapped into the target's space. Its name and lineage say so: a set aligned into another target, or
     * by another fit, is another set.
     */
    private Built aligned(Built built, WordVectors vectors, WordTranslation.Aligned aligned) {
        WordTranslation.Report report = aligned.report();
        // The target's name, not the table's version: this run's own write moves the version, and a rerun must name
        // the same set.
        String lineage = built.lineage + EmbeddingSets.ALIGNED_TO + report.target();
        // Procrustes-aligned sets keep the names they always had; another method makes another set.
        String setName = name != null ? name : built.name + "-aligned-" + shortHash(switch (report.method()) {
            case PROCRUSTES -> lineage;
            case ADVERSARIAL -> lineage + "|" + report.method().label() + "|" + adversarialRounds + "|" + settings.seed();
        });
        String source = built.source + "+" + report.method().label();
        List<Row> rows = new ArrayList<>();
        vectors.forEach((w, v) -> rows.add(RowFactory.create(setName, w, toList(aligned.alignment().apply(v)),
                built.dims, source)));
        String config = built.config.substring(0, built.config.length() - 1) + ",\"alignment\":" + report.toJson() + "}";
        return new Built(setName, source, built.dims, rows.size(), config, lineage,
                warehouse.spark().createDataFrame(rows, Tables.EMBEDDINGS.schema()), built.sentences, built.tokens);
    }

    /** One training sentence: the normalised tokens of a line, tags replaced by their synonym word. */
    static String[] tokens(String line) {
        TagSynonyms synonyms = Synonyms.DEFAULT;
        List<String> out = new ArrayList<>();
        for (String t : TextNormalizer.normalize(line == null ? "" : line)) {
            out.add(synonyms.wordFor(t));
        }
        return out.toArray(String[]::new);
    }

    private static final UserDefinedFunction TOKENS = org.apache.spark.sql.functions.udf(
            (UDF1<String, String[]>) EmbedAction::tokens, DataTypes.createArrayType(DataTypes.StringType, false));

    private static final UserDefinedFunction WORDLESS = org.apache.spark.sql.functions.udf(
            (UDF1<String, Boolean>) text -> TextNormalizer.isEmptyOrOnlyFiller(
                    TextNormalizer.normalize(text == null ? "" : text)), DataTypes.BooleanType);

    /** Loaded once per JVM: the table is a classpath resource. */
    private static final class Synonyms {
        static final TagSynonyms DEFAULT = TagSynonyms.defaults();
    }

    private static List<Float> toList(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<Float> toList(double[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add((float) x);
        }
        return out;
    }

    private String textFingerprint(String dir) {
        try {
            Path p = new Path(dir);
            FileSystem fs = p.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
            FileStatus[] matches = fs.globStatus(p);
            StringBuilder sb = new StringBuilder();
            if (matches != null) {
                List<String> parts = new ArrayList<>();
                for (FileStatus m : matches) {
                    for (FileStatus f : m.isDirectory() ? fs.listStatus(m.getPath()) : new FileStatus[] {m}) {
                        parts.add(f.getPath().getName() + ":" + f.getLen() + ":" + f.getModificationTime());
                    }
                }
                parts.sort(String::compareTo);
                parts.forEach(sb::append);
            }
            return shortHash(dir + "|" + sb);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list text folder " + dir, e);
        }
    }

    /** The first 12 hex digits of SHA-256: enough to tell configurations apart in a set's name. */
    static String shortHash(String s) {
        return Sha256.hex(s).substring(0, 12);
    }
}
