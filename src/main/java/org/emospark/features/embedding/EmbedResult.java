package org.emospark.features.embedding;

import java.util.List;
import org.emospark.lake.MergeCounts;

/** What an embed run produced: the set's name, where it came from, its size, and the table changes. */
public record EmbedResult(String embeddingSet, String source, int dims, long vocabularySize, long sentences,
                          long tokens, ValenceNeighbours.Result neighbours, List<MergeCounts> tables,
                          double elapsedSeconds) {
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Embedding set %s (%s): %d words x %d dims%n", embeddingSet, source, vocabularySize,
                dims));
        if (sentences > 0) {
            sb.append(String.format("  trained on %d sentences, %d tokens%n", sentences, tokens));
        }
        if (neighbours != null) {
            sb.append("  ").append(neighbours.describe()).append(System.lineSeparator());
        }
        for (MergeCounts c : tables) {
            sb.append("  ").append(c).append(String.format(" (version %d)%n", c.version()));
        }
        sb.append(String.format("  time: %.1f s%n", elapsedSeconds));
        return sb.toString();
    }
}
