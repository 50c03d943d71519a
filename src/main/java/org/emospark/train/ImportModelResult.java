package org.emospark.train;

import java.util.List;
import java.util.Map;
import org.emospark.lake.MergeCounts;

/**
 * What {@link ImportModelAction} did: the model, where it came from, whether its files were copied (false when this
 * warehouse held them already), the embedding set it brought (null for a model without the semantic stream), the
 * source's table versions it was trained on, and the merges into this warehouse's tables.
 */
public record ImportModelResult(String modelId, String from, boolean copied, String embeddingSet,
                                Map<String, Long> trainedOnVersions, List<MergeCounts> tables, double seconds) {
}
