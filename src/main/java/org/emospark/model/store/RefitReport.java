package org.emospark.model.store;

import java.io.Serializable;
import java.util.List;

/**
 * The second training of a model with {@code emospark.train.refit}: once Devel had chosen the epoch, the network was
 * trained again from the same seed on these recordings (Train and Devel) for that many epochs, and that network is the
 * one stored. Nothing in it was chosen on a score: its Devel recordings were training data.
 *
 * @param recordings the recordings it was trained on
 * @param trainLosses the mean training loss of each of its epochs
 * @param seconds its wall time
 */
public record RefitReport(List<String> recordings, List<Double> trainLosses, double seconds) implements Serializable {
    public RefitReport {
        recordings = List.copyOf(recordings);
        trainLosses = List.copyOf(trainLosses);
    }

    /** How many epochs it trained: the epoch Devel chose in the first run. */
    public int epochs() {
        return trainLosses.size();
    }
}
