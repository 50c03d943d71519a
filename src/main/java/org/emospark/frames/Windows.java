package org.emospark.frames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts recordings into training and evaluation windows: consecutive, non-overlapping windows of {@code T}
 * frames within one recording, in order, never spanning two recordings ({@code shared/paper.md},
 * "Training and evaluation"). The notes do not say what the authors do with the last, partial window of a
 * recording, so it is an option ({@link LastWindow}):
 * <ul>
 *   <li>{@link LastWindow#DROP} (training): only full windows; the last {@code numFrames % T} frames of each
 *       recording are not trained on (under 10 s per recording at T = 100).</li>
 *   <li>{@link LastWindow#PAD} (evaluation): the partial tail becomes a full-length window whose first
 *       {@code validFrames} frames are real and the rest zero padding, so every frame is predicted and
 *       metrics ignore the padding by reading only {@code validFrames}.</li>
 *   <li>{@link LastWindow#OVERLAP} (training on every frame): a full window ending at the last frame, overlapping
 *       the one before it.</li>
 * </ul>
 * The window length itself is the caller's to check against the CNN ({@code ModelConfig.requireWindow}).
 */
public final class Windows {
    /** What happens to the frames after the last full window of a recording. */
    public enum LastWindow {
        /** Drop them: every window is full (training). */
        DROP,
        /** Pad them with zero frames to a full window with {@code validFrames < frames} (evaluation). */
        PAD,
        /**
         * Cover them with full windows that overlap their neighbours: one ending at the recording's last frame and,
         * when the grid starts after frame 0, one starting at frame 0 (training on every frame of a recording at
         * least one window long).
         */
        OVERLAP
    }

    private Windows() {
    }

    /** The windows of one recording of {@code numFrames} frames, in order; none when it has no frames. */
    public static List<Window> of(String recordingId, int numFrames, int windowFrames, LastWindow policy) {
        return of(recordingId, numFrames, windowFrames, policy, 0);
    }

    /**
     * As {@link #of(String, int, int, LastWindow)} with the window grid starting at frame {@code offset}
     * instead of 0 (training can move the grid each epoch so that windows do not always cut the recording
     * at the same frames); the first {@code offset} frames are left out.
     */
    public static List<Window> of(String recordingId, int numFrames, int windowFrames, LastWindow policy, int offset) {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(policy, "policy");
        if (numFrames < 0) {
            throw new IllegalArgumentException("Number of frames of " + recordingId + " must be at least 0, cannot be: "
                    + numFrames);
        }
        if (windowFrames < 1) {
            throw new IllegalArgumentException("Window frames must be at least 1, cannot be: " + windowFrames);
        }
        if (offset < 0 || offset >= Math.max(1, windowFrames)) {
            throw new IllegalArgumentException("Window grid offset must lie in [0, " + windowFrames + "), cannot be: " + offset);
        }
        List<Window> windows = new ArrayList<>(numFrames / windowFrames + 1);
        int start = Math.min(offset, numFrames);
        for (; start + windowFrames <= numFrames; start += windowFrames) {
            windows.add(new Window(recordingId, start, windowFrames, windowFrames));
        }
        if (policy == LastWindow.PAD && start < numFrames) {
            windows.add(new Window(recordingId, start, windowFrames, numFrames - start));
        }
        if (policy == LastWindow.OVERLAP && numFrames >= windowFrames) {
            if (windows.isEmpty() || windows.get(0).startFrame() > 0) {
                windows.add(0, new Window(recordingId, 0, windowFrames, windowFrames));
            }
            if (windows.get(windows.size() - 1).endFrame() < numFrames) {
                windows.add(new Window(recordingId, numFrames - windowFrames, windowFrames, windowFrames));
            }
        }
        return List.copyOf(windows);
    }

    /**
     * The windows of several recordings, recording by recording in the map's iteration order (pass a
     * {@code SortedMap} or {@code LinkedHashMap} for a stable order); no window spans two recordings.
     */
    public static List<Window> of(Map<String, Integer> framesByRecording, int windowFrames, LastWindow policy) {
        Objects.requireNonNull(framesByRecording, "framesByRecording");
        List<Window> windows = new ArrayList<>();
        for (Map.Entry<String, Integer> e : framesByRecording.entrySet()) {
            windows.addAll(of(e.getKey(), Objects.requireNonNull(e.getValue(), "frames of " + e.getKey()), windowFrames,
                    policy));
        }
        return List.copyOf(windows);
    }
}
