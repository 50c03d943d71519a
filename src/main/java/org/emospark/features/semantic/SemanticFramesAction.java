package org.emospark.features.semantic;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.emospark.corpus.text.TagSynonyms;
import org.emospark.config.ConfigKeys;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.Turn;
import org.emospark.frames.TurnSpan;
import org.emospark.features.embedding.EmbeddingSets;
import org.emospark.features.embedding.VectorLookup;
import org.emospark.features.embedding.WordVectors;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * Writes {@code semantic_frames}: for every recording, one row per 100 ms frame holding the vector of
 * the word spoken in it (the paper's rules, {@link WordFrames}), zeros where nobody speaks, and the speaking rate of
 * that word's utterance ({@link UtteranceRates}). The
 * driver only collects the corpus vocabulary and ships the matching vectors to the executors
 * (broadcast); each recording's frames are built in one task from its words. Cost: one shuffle to
 * group words by recording, then one MERGE keyed on (recording_id, frame).
 */
public final class SemanticFramesAction extends SparkAction<SemanticFramesResult> {
    private final Warehouse warehouse;
    private String embeddingSet;
    private WordSpeakers speakers = WordSpeakers.parse(ConfigKeys.FEATURES_WORD_SPEAKERS.defaultValue());

    public SemanticFramesAction(Warehouse warehouse) {
        super(warehouse.spark(), "features-semantic");
        this.warehouse = warehouse;
    }

    /** The embedding set to use; default: the most recently created one. */
    public SemanticFramesAction embeddingSet(String value) {
        this.embeddingSet = value;
        return this;
    }

    /** Whose words fill the frames: the subject's (default) or everyone's (the paper). */
    public SemanticFramesAction wordSpeakers(WordSpeakers value) {
        this.speakers = java.util.Objects.requireNonNull(value, "speakers");
        return this;
    }

    @Override
    protected String description() {
        return "Semantic frames from embedding set " + (embeddingSet != null ? embeddingSet : "(the latest)");
    }

    @Override
    protected SemanticFramesResult run(JobGroup group) {
        if (!warehouse.exists(Tables.RECORDINGS)) {
            throw new IllegalArgumentException("No recordings in " + warehouse + ": run 'emospark ingest' first");
        }
        String set = embeddingSet != null ? embeddingSet : EmbeddingSets.latest(warehouse);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
        Dataset<Row> words = warehouse.read(Tables.WORDS);
        group.step("Collecting the corpus vocabulary");
        List<String> tokens = words.select("word").distinct().as(Encoders.STRING()).collectAsList();
        WordVectors vectors = EmbeddingSets.load(warehouse, set, lookupKeys(tokens));
        Broadcast<Vocabulary> vocabulary = jsc.broadcast(Vocabulary.of(vectors));

        Dataset<Row> wordsByRecording = words.groupBy("recording_id").agg(collect_list(
                struct(col("word_index"), col("word"), col("start_s"), col("end_s"), col("utterance_index"))).as("words"));
        Dataset<Row> recordings = warehouse.read(Tables.RECORDINGS).select("recording_id", "num_frames")
                .join(wordsByRecording, "recording_id", "left")
                .join(subjectTurns(), "recording_id", "left")
                .join(utteranceSpans(), "recording_id", "left");
        WordSpeakers who = speakers;
        JavaRDD<Row> frames = recordings.javaRDD().flatMap(r -> framesOf(r, set, vocabulary.value(), who));
        Dataset<Row> df = warehouse.spark().createDataFrame(frames, Tables.SEMANTIC_FRAMES.schema())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            group.step("Building semantic frames (" + set + ")");
            Row stats = df.agg(count("*"), sum(when(col("word").isNotNull(), 1).otherwise(0)),
                    sum(when(col("word").isNotNull().and(col("known").equalTo(false)), 1).otherwise(0))).head();
            List<String> ids = warehouse.read(Tables.RECORDINGS).select("recording_id").as(Encoders.STRING())
                    .collectAsList();
            group.step("Merging semantic frames into " + warehouse.pathOf(Tables.SEMANTIC_FRAMES));
            MergeCounts merged = KeyedMerge.merge(warehouse, Tables.SEMANTIC_FRAMES, df, ids);
            return new SemanticFramesResult(set, speakers.key(), ids.size(), stats.getLong(0), stats.isNullAt(1) ? 0 : stats.getLong(1),
                    stats.isNullAt(2) ? 0 : stats.getLong(2), merged, group.elapsedSeconds());
        } finally {
            df.unpersist();
        }
    }

    /** The vocabulary words the corpus's tokens may be looked up as. */
    static Set<String> lookupKeys(List<String> tokens) {
        TagSynonyms synonyms = TagSynonyms.defaults();
        Set<String> keys = new LinkedHashSet<>();
        for (String t : tokens) {
            keys.addAll(VectorLookup.candidateWords(t, synonyms));
        }
        return keys;
    }

    /** recording_id and the list of its utterances (utterance_index, start_s, end_s), whoever spoke them. */
    private Dataset<Row> utteranceSpans() {
        return warehouse.read(Tables.UTTERANCES).groupBy("recording_id")
                .agg(collect_list(struct(col("utterance_index"), col("start_s"), col("end_s"))).as("utterances"));
    }

    /** recording_id and the list of its subject turns (start_s, end_s); recordings without turns are absent. */
    private Dataset<Row> subjectTurns() {
        if (!warehouse.exists(Tables.TURNS)) {
            return warehouse.spark().createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
                    .add("recording_id", "string").add("turns", "array<struct<start_s:double,end_s:double>>"));
        }
        return warehouse.read(Tables.TURNS).where(col("speaker").equalTo(Turn.SUBJECT)).groupBy("recording_id")
                .agg(collect_list(struct(col("start_s"), col("end_s"))).as("turns"));
    }

    private static Iterator<Row> framesOf(Row recording, String set, Vocabulary vocabulary, WordSpeakers speakers) {
        String id = recording.getString(0);
        int numFrames = recording.getInt(1);
        List<TimedWord> all = new ArrayList<>();
        Map<TimedWord, Integer> utteranceOf = new IdentityHashMap<>();
        if (!recording.isNullAt(2)) {
            List<Row> rows = new ArrayList<>(recording.getList(2));
            rows.sort(Comparator.comparingInt(w -> w.getInt(0)));
            for (Row w : rows) {
                TimedWord word = new TimedWord(w.getInt(0), w.getString(1), w.getDouble(2), w.getDouble(3));
                all.add(word);
                utteranceOf.put(word, w.getInt(4));
            }
        }
        List<TurnSpan> turns = new ArrayList<>();
        if (!recording.isNullAt(3)) {
            for (Row t : recording.<Row>getList(3)) {
                turns.add(new TurnSpan(t.getDouble(0), t.getDouble(1)));
            }
        }
        List<TimedWord> timed = speakers.select(all, turns);
        VectorLookup lookup = vocabulary.lookup();
        SemanticFrames frames = WordFrames.fill(timed, numFrames, lookup);
        Map<Integer, double[]> spans = new HashMap<>();
        if (!recording.isNullAt(4)) {
            for (Row u : recording.<Row>getList(4)) {
                spans.put(u.getInt(0), new double[] {u.getDouble(1), u.getDouble(2)});
            }
        }
        int[] utterances = timed.stream().mapToInt(utteranceOf::get).toArray();
        double[] rates = UtteranceRates.perWord(timed, utterances);
        double[] pauses = UtterancePauses.perWord(utterances, spans);
        int dims = frames.dims();
        boolean[] known = new boolean[timed.size()];
        for (int i = 0; i < known.length; i++) {
            known[i] = lookup.lookup(timed.get(i).word()).known();
        }
        return new Iterator<>() {
            private int f;

            @Override
            public boolean hasNext() {
                return f < numFrames;
            }

            @Override
            public Row next() {
                int wi = frames.wordIndexPerFrame()[f];
                float[] v = new float[dims];
                System.arraycopy(frames.values(), f * dims, v, 0, dims);
                String word = wi < 0 ? null : timed.get(wi).word();
                Float rate = wi < 0 || Double.isNaN(rates[wi]) ? null : (float) rates[wi];
                Float pause = wi < 0 || Double.isNaN(pauses[wi]) ? null : (float) pauses[wi];
                return RowFactory.create(id, f++, word, wi >= 0 && known[wi], v, set, rate, pause);
            }
        };
    }

    /** The vectors shipped to executors: a plain map, rebuilt into a lookup once per executor JVM. */
    static final class Vocabulary implements Serializable {
        private final int dims;
        private final HashMap<String, float[]> vectors;
        private transient VectorLookup lookup;

        private Vocabulary(int dims, HashMap<String, float[]> vectors) {
            this.dims = dims;
            this.vectors = vectors;
        }

        static Vocabulary of(WordVectors v) {
            HashMap<String, float[]> map = new HashMap<>();
            v.forEach(map::put);
            return new Vocabulary(v.dims(), map);
        }

        synchronized VectorLookup lookup() {
            if (lookup == null) {
                WordVectors.Builder b = WordVectors.builder(dims);
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    b.put(e.getKey(), e.getValue());
                }
                lookup = VectorLookup.of(b.build());
            }
            return lookup;
        }
    }
}
