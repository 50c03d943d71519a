package org.emospark.features.embedding;

import static org.apache.spark.sql.functions.col;

import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;

/** Finding and loading embedding sets from the lake. */
public final class EmbeddingSets {
    /** How an aligned set's lineage names the set it was aligned into; always its last entry. */
    static final String ALIGNED_TO = ";aligned-to:";
    private EmbeddingSets() {
    }

    /** The most recently created set, or an error telling the user to run embed. */
    public static String latest(Warehouse warehouse) {
        if (!warehouse.exists(Tables.EMBEDDING_SETS)) {
            throw new IllegalArgumentException("No embeddings in " + warehouse + ": run 'emospark embed' first");
        }
        List<Row> rows = warehouse.read(Tables.EMBEDDING_SETS).orderBy(col("created_at").desc(),
                col("embedding_set")).select("embedding_set").limit(1).collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("No embeddings in " + warehouse + ": run 'emospark embed' first");
        }
        return rows.get(0).getString(0);
    }

    /**
     * The vectors of one set, restricted to {@code words} when given (the vocabulary a corpus
     * actually uses, which keeps what is shipped to executors small).
     */
    public static WordVectors load(Warehouse warehouse, String set, Collection<String> words) {
        Dataset<Row> rows = warehouse.read(Tables.EMBEDDINGS).where(col("embedding_set").equalTo(set));
        if (words != null) {
            rows = rows.where(col("word").isin(words.toArray()));
        }
        List<Row> collected = rows.select("word", "vector", "dims").collectAsList();
        if (collected.isEmpty() && words == null) {
            throw new IllegalArgumentException("Embedding set '" + set + "' not found in " + warehouse
                    + "; see SELECT * FROM embedding_sets");
        }
        int dims = collected.isEmpty() ? dims(warehouse, set) : collected.get(0).getInt(2);
        return collect(collected, dims);
    }

    /** Rows whose first two columns are {@code word} and {@code vector}, as word vectors of {@code dims}. */
    static WordVectors collect(List<Row> rows, int dims) {
        WordVectors.Builder b = WordVectors.builder(dims);
        for (Row r : rows) {
            List<Float> v = r.getList(1);
            float[] f = new float[v.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = v.get(i);
            }
            b.put(r.getString(0), f);
        }
        return b.build();
    }

    /**
     * Whether a model trained on {@code modelSet} can read frames built from {@code framesSet}: the same set, or one
     * aligned into it by {@code embed --align-to}.
     */
    public static boolean sameSpace(Warehouse warehouse, String modelSet, String framesSet) {
        return modelSet.equals(framesSet) || modelSet.equals(alignedInto(warehouse, framesSet));
    }

    /**
     * The set {@code set} was aligned into by {@code embed --align-to} (its vectors live in that set's space), or
     * null when it was not aligned.
     */
    public static String alignedInto(Warehouse warehouse, String set) {
        if (!warehouse.exists(Tables.EMBEDDING_SETS)) {
            return null;
        }
        List<Row> r = warehouse.read(Tables.EMBEDDING_SETS).where(col("embedding_set").equalTo(set))
                .select("lineage").collectAsList();
        if (r.isEmpty()) {
            return null;
        }
        String lineage = r.get(0).getString(0);
        int at = lineage.lastIndexOf(ALIGNED_TO);
        return at < 0 ? null : lineage.substring(at + ALIGNED_TO.length());
    }

    /** The set's number of dimensions, or an error naming the set when the lake has no such set. */
    public static int dims(Warehouse warehouse, String set) {
        List<Row> r = warehouse.read(Tables.EMBEDDING_SETS).where(col("embedding_set").equalTo(set))
                .select("dims").collectAsList();
        if (r.isEmpty()) {
            throw new IllegalArgumentException("Embedding set '" + set + "' not found in " + warehouse
                    + "; see SELECT * FROM embedding_sets");
        }
        return r.get(0).getInt(0);
    }
}
