package org.emospark.model.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import org.emospark.metrics.DimensionScores;

/**
 * One epoch of training: mean training loss, development scores on the concatenation of all Devel
 * predictions (AVEC), wall time of the whole epoch and of its training pass alone, and the fraction of the
 * training pass spent waiting for batches.
 *
 * @param devel     the network's own Devel outputs, scored
 * @param keptDevel the same outputs as the kept model would give them (smoothed and conditioned on the Train labels'
 *                  prior), scored, when the model conditions its outputs so and epochs are chosen on them; null
 *                  otherwise (and in manifests written before)
 */
public record EpochReport(int epoch, double trainLoss, DimensionScores devel, double seconds, double trainPassSeconds,
                          double dataWaitFraction,
                          @JsonInclude(JsonInclude.Include.NON_NULL) DimensionScores keptDevel) implements Serializable {
    /** An epoch chosen on the network's own outputs. */
    public EpochReport(int epoch, double trainLoss, DimensionScores devel, double seconds, double trainPassSeconds,
                       double dataWaitFraction) {
        this(epoch, trainLoss, devel, seconds, trainPassSeconds, dataWaitFraction, null);
    }

    public double develMeanCcc() {
        return devel.meanCcc();
    }
}
