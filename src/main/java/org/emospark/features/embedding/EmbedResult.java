package org.emospark.features.embedding;

import java.util.List;
import org.emospark.features.speech2vec.Speech2VecReport;
import org.emospark.lake.MergeCounts;

/**
 * What an embed run produced: the set's name, where it came from, its size, and the table changes; the neighbour
 * check and the alignment report are null when not asked for, the Speech2Vec report when the set was not learnt from
 * speech.
 */
public record EmbedResult(String embeddingSet, String source, int dims, long vocabularySize, long sentences,
                          long tokens, ValenceNeighbours.Result neighbours, WordTranslation.Report alignment,
                          Speech2VecReport speech2vec,
                          List<MergeCounts> tables,
                          double elapsedSeconds) {
}
