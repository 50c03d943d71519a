package org.emospark.features.embedding;

/**
 * A vector file whose content is not what its format promises. The message names the file, where
 * (line, or byte offset for binary files), what was expected and what was found, e.g.
 * {@code glove.txt line 17: expected 100 values after the word, found 99}. I/O failures of the
 * underlying stream are reported as {@link java.io.IOException}, not as this exception.
 */
public class VectorFileException extends IllegalArgumentException {
    private final String sourceName;

    public VectorFileException(String sourceName, String message) {
        super(message);
        this.sourceName = sourceName;
    }

    /** The name the caller gave for the file ({@code sourceName} of {@link VectorFileReader#read}). */
    public String sourceName() {
        return sourceName;
    }
}
