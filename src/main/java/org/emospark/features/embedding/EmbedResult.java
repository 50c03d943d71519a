package org.emospark.features.embedding;

import java.util.List;
import org.emospark.lake.MergeCounts;

/**
 * What an embed run produced: the set's name, where it came from, its size, and the table changes; the neighbour
 * check and the alignment report are null when not asked for.
 */
public record EmbedResult(String embeddingSet, String source, int dims, long vocabularySize, long sentences,
                          long tokens, ValenceNeighbours.Result neighbours, WordTranslation.Report alignment,
                          List<MergeCounts> tables,
                          double elapsedSeconds) {
}
