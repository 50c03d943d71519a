package org.emospark.features.embedding;

import java.util.List;
import java.util.Objects;
import org.emospark.corpus.text.TagSynonyms;
import org.emospark.corpus.text.TextNormalizer;

/**
 * The vector for a transcript token, in this order:
 * <ol>
 *   <li>a tag becomes its word through {@link TagSynonyms} ({@code <laughter>} -> {@code laughter});</li>
 *   <li>the word itself in the vocabulary ({@link Source#EXACT});</li>
 *   <li>the word without apostrophes ({@link TextNormalizer#withoutApostrophes}: {@code geht's} ->
 *       {@code gehts}), since tokenizers disagree on them ({@link Source#WITHOUT_APOSTROPHES});</li>
 *   <li>otherwise the word's {@link OovVectors} vector ({@link Source#OOV}), seeded by the word from
 *       step 1 (so {@code <laughter>} and {@code laughter} share it).</li>
 * </ol>
 *
 * <p>Tokens must come from {@link TextNormalizer#normalize}, the same normaliser the vocabulary was
 * trained (or re-keyed, {@link WordVectors#keyedByNormalizedTokens()}) with; a token that the
 * normaliser would change (e.g. {@code Schön}, {@code hallo,}) is refused with an
 * {@link IllegalArgumentException}, because it would silently miss the vocabulary. Thread-safe.
 */
public final class VectorLookup {
    /** Where a vector came from. */
    public enum Source {
        EXACT, WITHOUT_APOSTROPHES, OOV
    }

    /**
     * One lookup.
     *
     * @param token  the token asked for
     * @param word   the vocabulary word that matched, or for {@link Source#OOV} the word that seeded the vector
     * @param source how the vector was found
     * @param vector a fresh array of {@link #dims()} values
     */
    public record Result(String token, String word, Source source, float[] vector) {
        /** Whether the vocabulary had the word (exactly or without apostrophes). */
        public boolean known() {
            return source != Source.OOV;
        }
    }

    private final WordVectors vectors;
    private final TagSynonyms synonyms;
    private final OovVectors oov;

    public VectorLookup(WordVectors vectors, TagSynonyms synonyms, OovVectors oov) {
        this.vectors = Objects.requireNonNull(vectors, "vectors");
        this.synonyms = Objects.requireNonNull(synonyms, "synonyms");
        this.oov = Objects.requireNonNull(oov, "oov");
        if (oov.dims() != vectors.dims()) {
            throw new IllegalArgumentException("OOV vectors must have the vocabulary's " + vectors.dims()
                    + " dimensions, cannot have: " + oov.dims());
        }
    }

    /** The shipped tag synonyms ({@link TagSynonyms#defaults()}) and OOV vectors in {@code [-0.25, 0.25]}. */
    public static VectorLookup of(WordVectors vectors) {
        return new VectorLookup(vectors, TagSynonyms.defaults(), OovVectors.withDefaultScale(vectors.dims()));
    }

    public int dims() {
        return vectors.dims();
    }

    public Result lookup(String token) {
        float[] v = new float[dims()];
        String[] matched = new String[1];
        Source source = copyInto(token, v, 0, matched);
        return new Result(token, matched[0], source, v);
    }

    /**
     * Writes the token's vector into {@code dest[offset .. offset + dims)} and tells how it was found.
     *
     * @throws IllegalArgumentException when {@code token} is not one token of {@link TextNormalizer}
     */
    public Source copyInto(String token, float[] dest, int offset) {
        return copyInto(token, dest, offset, null);
    }

    private Source copyInto(String token, float[] dest, int offset, String[] matched) {
        Objects.requireNonNull(token, "token");
        Objects.checkFromIndexSize(offset, dims(), dest.length);
        List<String> normalized = TextNormalizer.normalize(token);
        if (normalized.size() != 1 || !normalized.get(0).equals(token)) {
            throw new IllegalArgumentException("Token '" + token + "' is not normalised: pass tokens from "
                    + "TextNormalizer.normalize, which gives " + normalized + " for it");
        }
        List<String> candidates = candidateWords(token, synonyms);
        String word = candidates.get(0);
        for (int i = 0; i < candidates.size(); i++) {
            if (vectors.copyInto(candidates.get(i), dest, offset)) {
                remember(matched, candidates.get(i));
                return i == 0 ? Source.EXACT : Source.WITHOUT_APOSTROPHES;
            }
        }
        oov.copyInto(word, dest, offset);
        remember(matched, word);
        return Source.OOV;
    }

    /**
     * The vocabulary words a normalised token is looked up as, in order: its tag synonym (or the
     * token itself), then that without apostrophes when it differs. Callers that ship only part of
     * a vocabulary ship these words, so they find exactly what a lookup would.
     */
    public static List<String> candidateWords(String token, TagSynonyms synonyms) {
        String word = synonyms.wordFor(token);
        String bare = TextNormalizer.withoutApostrophes(word);
        return bare.equals(word) ? List.of(word) : List.of(word, bare);
    }

    private static void remember(String[] matched, String word) {
        if (matched != null) {
            matched[0] = word;
        }
    }
}
