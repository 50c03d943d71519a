package org.emospark.features.embedding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.emospark.corpus.text.TextNormalizer;

/**
 * An immutable vocabulary: each word maps to a vector of the same {@link #dims()}. Words keep the
 * order in which they were added (file order for {@link VectorFileReader}, which for word2vec and
 * fastText files is descending frequency).
 *
 * <p>Vectors go out as copies ({@link #get}, {@link #copyInto}, {@link #forEach}), so nobody can
 * change the vocabulary through them. Memory is one {@code float[]} per word plus one map entry:
 * roughly {@code 4 * dims + 100} bytes per word, e.g. about 2.7 GB of heap for 2 M words x 300 dims.
 */
public final class WordVectors {
    private final int dims;
    private final Map<String, float[]> vectors;

    private WordVectors(int dims, Map<String, float[]> vectors) {
        this.dims = dims;
        this.vectors = Collections.unmodifiableMap(vectors);
    }

    /** A builder for vectors of {@code dims} values each. */
    public static Builder builder(int dims) {
        return new Builder(dims);
    }

    /** The number of values per vector. */
    public int dims() {
        return dims;
    }

    /** The number of words. */
    public int size() {
        return vectors.size();
    }

    public boolean contains(String word) {
        return vectors.containsKey(word);
    }

    /** A copy of the word's vector, or {@code null} when the word is not in the vocabulary. */
    public float[] get(String word) {
        float[] v = vectors.get(word);
        return v == null ? null : v.clone();
    }

    /**
     * Copies the word's vector into {@code dest[offset .. offset + dims)} without allocating, and
     * returns {@code true}; returns {@code false} and leaves {@code dest} alone when the word is unknown.
     */
    public boolean copyInto(String word, float[] dest, int offset) {
        float[] v = vectors.get(word);
        if (v == null) {
            return false;
        }
        System.arraycopy(v, 0, dest, offset, dims);
        return true;
    }

    /** The words, in vocabulary order (unmodifiable). */
    public Set<String> words() {
        return vectors.keySet();
    }

    /** Calls {@code action} with each word, in vocabulary order, and a fresh copy of its vector. */
    public void forEach(BiConsumer<String, float[]> action) {
        vectors.forEach((w, v) -> action.accept(w, v.clone()));
    }

    /**
     * The vocabulary re-keyed by {@link TextNormalizer} tokens, for a third-party file whose words
     * are not written the way our transcripts are (cased German such as {@code Haus}, {@code Schön}).
     * A word that normalises to exactly one token is kept under that token; when several words give
     * the same token the first in vocabulary order wins (in a frequency-sorted file the most frequent
     * spelling, e.g. {@code Haus} over {@code HAUS}); words that normalise to no token or to several
     * (e.g. {@code Baden-Württemberg}) are left out. The vectors are shared, not copied.
     */
    public WordVectors keyedByNormalizedTokens() {
        Map<String, float[]> keyed = new LinkedHashMap<>();
        vectors.forEach((word, v) -> {
            List<String> tokens = TextNormalizer.normalize(word);
            if (tokens.size() == 1) {
                keyed.putIfAbsent(tokens.get(0), v);
            }
        });
        return new WordVectors(dims, keyed);
    }

    @Override
    public String toString() {
        return "WordVectors[" + size() + " words x " + dims + " dims]";
    }

    /** Collects words and vectors; not thread-safe. */
    public static final class Builder {
        private final int dims;
        private final Map<String, float[]> vectors;
        private boolean built;

        private Builder(int dims) {
            this(dims, 16);
        }

        Builder(int dims, int expectedSize) {
            if (dims < 1) {
                throw new IllegalArgumentException("Vector dimensions must be at least 1, cannot be: " + dims);
            }
            this.dims = dims;
            // A header may promise millions of words; presize only moderately so a wrong header costs little.
            this.vectors = new LinkedHashMap<>(Math.max(16, Math.min(expectedSize, 1 << 20) * 4 / 3 + 1));
        }

        public int dims() {
            return dims;
        }

        public boolean contains(String word) {
            return vectors.containsKey(word);
        }

        /**
         * Adds a copy of {@code vector} for {@code word}, replacing an earlier vector of the same word
         * (which keeps its position); returns whether there was one.
         */
        public boolean put(String word, float[] vector) {
            Objects.requireNonNull(vector, "vector");
            if (vector.length != dims) {
                throw new IllegalArgumentException("Vector for '" + word + "' must have " + dims + " values, cannot have: "
                        + vector.length);
            }
            return putOwned(word, vector.clone());
        }

        /** As {@link #put}, taking ownership of the array (the reader's path, to avoid a copy per word). */
        boolean putOwned(String word, float[] vector) {
            Objects.requireNonNull(word, "word");
            if (built) {
                throw new IllegalStateException("This builder has already built its WordVectors");
            }
            return vectors.put(word, vector) != null;
        }

        public int size() {
            return vectors.size();
        }

        /** The vocabulary; the builder cannot be used afterwards (the map is handed over, not copied). */
        public WordVectors build() {
            built = true;
            return new WordVectors(dims, vectors);
        }
    }
}
