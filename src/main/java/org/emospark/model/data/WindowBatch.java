package org.emospark.model.data;

import java.util.List;

/**
 * The host-side arrays of one batch of windows, ready to become NDArrays: audio {@code [B, T * frameInput]}
 * (null when the model has no paralinguistic stream), semantic vectors {@code [B, T, dims]} (null without a
 * semantic stream) and gold labels {@code [B, T, 3]} (null when unlabelled).
 */
public record WindowBatch(List<Window> windows, int frames, float[] audio, float[] semantic, float[] labels) {
    public int size() {
        return windows.size();
    }
}
