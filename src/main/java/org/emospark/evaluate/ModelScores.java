package org.emospark.evaluate;

import java.util.Objects;
import org.emospark.metrics.DimensionScores;

/**
 * One row of a comparison (ablation) table.
 *
 * @param modelId the model or configuration name shown in the row
 * @param scores its scores, normally on the concatenation of the split
 */
public record ModelScores(String modelId, DimensionScores scores) {
    public ModelScores {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(scores, "scores");
    }
}
