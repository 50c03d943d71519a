package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * A network whose LSTM can carry its state from one batch of windows into the next, so a recording is scored as one
 * continuous sequence however long it is: {@link SpeechEmotionNet} from audio and {@link FusionNet} from stored CNN
 * features (the first runs its CNN and hands over to the second).
 */
public interface StreamingNetwork {
    /**
     * Inference over K consecutive windows of one recording, in order ({@code inputs} as the network's forward pass
     * takes them), the LSTM starting from {@code (h0, c0)} ({@code [1, H]} each; {@code null}: zeros). Returns
     * {@code (outputs [K, T, outputs], h, c)}, the last two the state to pass with the next windows.
     */
    NDList forwardStream(ParameterStore ps, NDList inputs, NDArray h0, NDArray c0);
}
