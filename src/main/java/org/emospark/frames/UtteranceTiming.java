package org.emospark.frames;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per frame, the timing of the utterance whose word the frame holds: how fast it was spoken (letters per second,
 * {@code semantic_frames.speaking_rate}) and the silence after it until anyone speaks again (seconds,
 * {@code semantic_frames.pause_s}); NaN where the frame holds no word or the value is unknown. How a speaker times
 * utterances says how aroused they are whatever their voice or microphone, which a recording's
 * {@code model.predict.TimingLevel} reads.
 *
 * @param charsPerSecond one value per frame
 * @param pauseSeconds one value per frame, as long as {@code charsPerSecond}
 */
public record UtteranceTiming(float[] charsPerSecond, float[] pauseSeconds) implements Serializable {

    public UtteranceTiming {
        if (charsPerSecond == null || pauseSeconds == null || charsPerSecond.length != pauseSeconds.length) {
            throw new IllegalArgumentException("Utterance timing needs one rate and one pause per frame, got "
                    + (charsPerSecond == null ? "no" : charsPerSecond.length) + " rates and "
                    + (pauseSeconds == null ? "no" : pauseSeconds.length) + " pauses");
        }
    }

    /** {@code numFrames} frames without any timing. */
    public static UtteranceTiming none(int numFrames) {
        float[] rates = new float[numFrames];
        float[] pauses = new float[numFrames];
        Arrays.fill(rates, Float.NaN);
        Arrays.fill(pauses, Float.NaN);
        return new UtteranceTiming(rates, pauses);
    }

    public int numFrames() {
        return charsPerSecond.length;
    }

    /** Whether frame {@code f} knows both its utterance's rate and the pause after it. */
    public boolean timed(int f) {
        return charsPerSecond[f] > 0 && !Float.isInfinite(charsPerSecond[f]) && pauseSeconds[f] >= 0
                && !Float.isInfinite(pauseSeconds[f]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UtteranceTiming t && Arrays.equals(charsPerSecond, t.charsPerSecond)
                && Arrays.equals(pauseSeconds, t.pauseSeconds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(charsPerSecond) + Arrays.hashCode(pauseSeconds);
    }

    @Override
    public String toString() {
        return "UtteranceTiming[" + numFrames() + " frames]";
    }
}
