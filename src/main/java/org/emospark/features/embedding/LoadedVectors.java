package org.emospark.features.embedding;

import java.util.List;

/**
 * What {@link VectorFileReader} made of a vector file.
 *
 * @param sourceName        the name the caller gave for the file
 * @param format            the format read (the detected one when {@link VectorFormat#AUTO} was asked for)
 * @param vectors           the vocabulary
 * @param entries           word entries read, duplicates included
 * @param duplicates        entries whose word was already there ({@link DuplicateWords} decides which vector stays)
 * @param duplicateExamples where the first few duplicates are ({@code wiki.vec line 17: 'the'}), for a log line
 * @param limitReached      reading stopped at {@link VectorFileReader#maxWords(int)} with more entries left in the file
 */
public record LoadedVectors(String sourceName, VectorFormat format, WordVectors vectors, long entries, long duplicates,
        List<String> duplicateExamples, boolean limitReached) {
    /** How many duplicate positions {@link #duplicateExamples()} lists at most. */
    public static final int MAX_DUPLICATE_EXAMPLES = 10;

    public LoadedVectors {
        duplicateExamples = List.copyOf(duplicateExamples);
    }
}
