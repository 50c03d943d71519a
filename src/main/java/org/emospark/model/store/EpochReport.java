package org.emospark.model.store;

import java.io.Serializable;
import org.emospark.metrics.DimensionScores;

/**
 * One epoch of training: mean training loss, development scores on the concatenation of all Devel
 * predictions (AVEC), wall time of the whole epoch and of its training pass alone, and the fraction of the
 * training pass spent waiting for batches.
 */
public record EpochReport(int epoch, double trainLoss, DimensionScores devel, double seconds, double trainPassSeconds,
                          double dataWaitFraction) implements Serializable {
    public double develMeanCcc() {
        return devel.meanCcc();
    }
}
