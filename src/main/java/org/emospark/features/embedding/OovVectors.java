package org.emospark.features.embedding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The vector of a word that is not in the vocabulary, derived from the word alone, so that it is
 * the same in every JVM, run, Spark executor and partition order.
 *
 * <p>Seed: the first 8 bytes, big-endian, of the SHA-256 of the word's UTF-8 bytes
 * ({@link #seedOf}); not {@link String#hashCode()}, which has 32 bits and collides easily. Values:
 * {@code dims} draws of {@link SplittableRandom#nextDouble(double, double)} from
 * {@code new SplittableRandom(seed)} over {@code [min, max)}, each narrowed to float (which may
 * round a draw just below {@code max} up to {@code max}). The word is hashed as given: pass
 * normalised tokens ({@link VectorLookup} does), or {@code Schön} and {@code schön} get different
 * vectors.
 *
 * <p>Range: the default is {@code [-0.25, 0.25]} ({@link #DEFAULT_SCALE}), the usual choice in
 * word2vec pipelines since Kim (2014): its variance, 0.25^2/3 ~ 0.02, is close to that of trained
 * word2vec values, so unknown words do not stand out by magnitude. The authors' code instead draws
 * {@code np.random.rand(100)}, i.e. {@code [0, 1)}, unseeded, once per word per run; the faithful
 * configuration can ask for that range with {@link #uniform(int, double, double)} (seeded here).
 *
 * <p>The value stream is {@link SplittableRandom}'s SplitMix64, unchanged since Java 8; its
 * Javadoc only promises equal sequences within one program execution, so the tests pin literal
 * values to catch a JDK that changes it.
 */
public final class OovVectors {
    /** Half-width of the default range {@code [-0.25, 0.25]}. */
    public static final double DEFAULT_SCALE = 0.25;

    private final int dims;
    private final double min;
    private final double max;

    private OovVectors(int dims, double min, double max) {
        if (dims < 1) {
            throw new IllegalArgumentException("Vector dimensions must be at least 1, cannot be: " + dims);
        }
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("OOV range must be finite with min < max, cannot be: [" + min + ", " + max + ")");
        }
        this.dims = dims;
        this.min = min;
        this.max = max;
    }

    /** Values in {@code [-0.25, 0.25]}. */
    public static OovVectors withDefaultScale(int dims) {
        return symmetric(dims, DEFAULT_SCALE);
    }

    /** Values in {@code [-scale, scale]}; {@code scale} must be positive. */
    public static OovVectors symmetric(int dims, double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("OOV scale must be a positive finite number, cannot be: " + scale);
        }
        return new OovVectors(dims, -scale, scale);
    }

    /** Values in {@code [min, max)} (before float rounding); {@code uniform(dims, 0, 1)} is the authors' range. */
    public static OovVectors uniform(int dims, double min, double max) {
        return new OovVectors(dims, min, max);
    }

    public int dims() {
        return dims;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** A new array with the vector of {@code word}. */
    public float[] vectorFor(String word) {
        float[] v = new float[dims];
        copyInto(word, v, 0);
        return v;
    }

    /** Writes the vector of {@code word} into {@code dest[offset .. offset + dims)}. */
    public void copyInto(String word, float[] dest, int offset) {
        Objects.checkFromIndexSize(offset, dims, dest.length);
        SplittableRandom random = new SplittableRandom(seedOf(word));
        for (int i = 0; i < dims; i++) {
            dest[offset + i] = (float) random.nextDouble(min, max);
        }
    }

    /** The first 8 bytes, big-endian, of SHA-256 over the word's UTF-8 bytes. */
    public static long seedOf(String word) {
        Objects.requireNonNull(word, "word");
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(word.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-256", e);
        }
        long seed = 0;
        for (int i = 0; i < 8; i++) {
            seed = (seed << 8) | (digest[i] & 0xffL);
        }
        return seed;
    }

    @Override
    public String toString() {
        return "OovVectors[dims=" + dims + ", range=[" + min + ", " + max + ")]";
    }
}
