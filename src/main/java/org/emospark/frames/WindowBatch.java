package org.emospark.frames;

import java.util.List;

/**
 * The host-side arrays of one batch of windows, ready to become NDArrays. The paralinguistic stream's input is
 * either raw audio {@code [B, T * frameInput]} for the whole network or the CNN's stored features
 * {@code [B, T, F]} for the fusion network (the other one null; both null without a paralinguistic stream);
 * then semantic vectors {@code [B, T, dims]} (null without a semantic stream) and gold labels {@code [B, T, 3]}
 * (null when unlabelled).
 */
public record WindowBatch(List<Window> windows, int frames, float[] audio, float[] semantic, float[] labels,
                          float[] features) {
    public WindowBatch {
        if (audio != null && features != null) {
            throw new IllegalArgumentException("A batch carries raw audio or CNN features, not both");
        }
    }

    /** A batch of raw audio (or none), for the whole network. */
    public WindowBatch(List<Window> windows, int frames, float[] audio, float[] semantic, float[] labels) {
        this(windows, frames, audio, semantic, labels, null);
    }

    public int size() {
        return windows.size();
    }
}
