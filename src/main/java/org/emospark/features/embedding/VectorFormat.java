package org.emospark.features.embedding;

/**
 * The on-disk formats {@link VectorFileReader} reads. The text formats separate fields with spaces
 * or tabs (runs of them count as one separator; a trailing separator, as word2vec and fastText
 * write, is fine); values are plain decimals such as {@code -0.0123} or {@code 1.5e-3}.
 */
public enum VectorFormat {
    /** Let the reader decide from the first bytes; see {@link VectorFileReader} for the rules. */
    AUTO,
    /** word2vec text ({@code -binary 0}, gensim {@code binary=False}): a {@code count dims} line, then {@code word v1 ... vD} per line. */
    WORD2VEC_TEXT,
    /**
     * word2vec binary ({@code -binary 1}): a {@code count dims\n} line, then per word its UTF-8 bytes up to
     * a space and {@code dims} float32 little-endian values, optionally followed by {@code \n}.
     */
    WORD2VEC_BINARY,
    /** fastText {@code .vec}: the same layout as {@link #WORD2VEC_TEXT}; reported separately so logs say what was read. */
    FASTTEXT_VEC,
    /** GloVe text: no header, {@code word v1 ... vD} per line; {@code D} is taken from the first line. */
    GLOVE_TEXT
}
