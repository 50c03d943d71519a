package org.emospark.corpus.text;

import java.util.List;

/**
 * One transcript row: where it is in the file, its span in seconds ({@code 0 <= startS <= endS}),
 * its text without the surrounding single quotes, and its tokens from {@link TextNormalizer}.
 */
public record Utterance(int lineNumber, double startS, double endS, String text, List<String> tokens) {
    public Utterance {
        tokens = List.copyOf(tokens);
    }

    /** No token, or only {@code <filler>}: the paper's rule takes no words from such a row. */
    public boolean wordless() {
        return TextNormalizer.isEmptyOrOnlyFiller(tokens);
    }
}
