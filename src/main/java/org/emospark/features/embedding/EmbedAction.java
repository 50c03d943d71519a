package org.emospark.features.embedding;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.Sha256;
import org.emospark.runtime.SparkAction;

/**
 * Makes a set of word vectors for the semantic stream and stores it in {@code embeddings}, with a
 * row in {@code embedding_sets} recording where it came from. Either trains word2vec (Spark MLlib,
 * skip-gram) on the lake's transcripts, optionally plus a folder of plain-text files (one sentence
 * per line), or imports pretrained vectors (word2vec text/binary, fastText .vec, GloVe text). Text
 * goes through {@link TextNormalizer} and tags through {@link TagSynonyms}, exactly as at lookup.
 * The set's name is derived from its configuration and inputs, so re-running the same embed changes
 * nothing. Cost: training is one MLlib job over the text; an import reads the file on the driver.
 */
public final class EmbedAction extends SparkAction<EmbedResult> {
    static final String SOURCE_WORD2VEC = "word2vec";
    private final Warehouse warehouse;
    private final EmbedSettings settings;
    private String textDir;
    private String importFile;
    private VectorFormat importFormat = VectorFormat.AUTO;
    private String name;
    private Map<String, Double> lexicon;
    private String alignTo;

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

    @Override
    protected String description() {
        return importFile != null ? "Importing word vectors from " + importFile : "Training word2vec on the corpus transcripts" + (textDir != null ? " and " + textDir : "");
    }

    @Override
    protected EmbedResult run(JobGroup group) {
        SparkSession spark = warehouse.spark();
        group.step(importFile != null ? "Importing word vectors from " + importFile
                : "Training word2vec on transcripts" + (textDir != null ? " and " + textDir : ""));
        if (alignTo != null) {
            // At the door: training or reading a large file first would waste the run.
            int targetDims = EmbeddingSets.dims(warehouse, alignTo);
            if (importFile == null && targetDims != settings.vectorSize()) {
                throw new IllegalArgumentException("Cannot align " + settings.vectorSize() + "-dim word2vec vectors "
                        + "into " + alignTo + " of " + targetDims + " dims: set emospark.embed.vectorSize=" + targetDims);
            }
        }
        Built built = importFile != null ? importVectors() : train();
        WordTranslation.Report alignment = null;
        if (alignTo != null) {
            group.step("Aligning " + built.name + " into " + alignTo);
            WordVectors vectors = vectorsOf(built);
            WordTranslation.Aligned aligned = WordTranslation.align(vectors, EmbeddingSets.load(warehouse, alignTo,
                    null), alignTo);
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
                built.tokens, neighbours, alignment, counts, group.elapsedSeconds());
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
        Dataset<String> lines = warehouse.read(Tables.UTTERANCES).select(col("text")).as(Encoders.STRING());
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
        String setName = name != null ? name : built.name + "-aligned-" + shortHash(lineage);
        String source = built.source + "+procrustes";
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
