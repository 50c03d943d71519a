package org.emospark.frames;

import java.io.Serializable;
import java.util.Objects;

/**
 * A window of {@code frames} consecutive frames of one recording starting at {@code startFrame}; the first
 * {@code validFrames} are real, the rest (only in a padded last window) are zero padding that metrics and
 * the loss must ignore.
 */
public record Window(String recordingId, int startFrame, int frames, int validFrames) implements Serializable {
    public Window {
        Objects.requireNonNull(recordingId, "recordingId");
        if (startFrame < 0 || frames < 1 || validFrames < 1 || validFrames > frames) {
            throw new IllegalArgumentException("A window needs startFrame >= 0 and 1 <= validFrames <= frames, cannot be: "
                    + recordingId + " start " + startFrame + ", " + frames + " frames, " + validFrames + " valid");
        }
    }

    /** One past the last real frame of the recording in this window. */
    public int endFrame() {
        return startFrame + validFrames;
    }

    /** Whether the window ends with zero padding. */
    public boolean isPadded() {
        return validFrames < frames;
    }
}
