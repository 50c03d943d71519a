package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

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

    /**
     * B windows side by side, row b continuing its own sequence: the network's forward pass with the LSTM of row b
     * starting from {@code (h0[b], c0[b])} ({@code [B, H]} each; {@code null}: zeros), in training mode or not. Returns
     * {@code (outputs [B, T, outputs], h, c)}, {@code h} and {@code c} {@code [B, H]}: what training with the state
     * carried across windows ({@code TrainSettings#carryState}) feeds the next batch. A bidirectional network
     * ({@code ModelConfig#bidirectional}) has no state to hand on: it returns {@code (outputs)} alone and refuses a
     * given state, as {@link #forwardStream} refuses to run at all.
     */
    NDList forwardCarried(ParameterStore ps, NDList inputs, NDArray h0, NDArray c0, boolean training,
                          PairList<String, Object> params);
}
