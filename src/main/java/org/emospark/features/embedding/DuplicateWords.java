package org.emospark.features.embedding;

/**
 * What {@link VectorFileReader} does when a word occurs a second time in a vector file. Such files
 * exist (some published fastText and GloVe files repeat a few tokens), so failing is not the default.
 */
public enum DuplicateWords {
    /**
     * Keep the first vector and skip later ones, counting them (gensim's behaviour). The default: in
     * the frequency-sorted files word2vec and fastText write, the first entry is the better-trained one.
     */
    KEEP_FIRST,
    /** Let a later vector replace the earlier one, keeping the word's first position (the authors' loader, a Python dict). */
    KEEP_LAST,
    /** Refuse the file with a {@link VectorFileException} naming the line (or byte offset) of the repeat. */
    FAIL
}
