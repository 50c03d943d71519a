package org.emospark.frames;

/**
 * The speaking rate as the network reads it. {@code semantic_frames.speaking_rate} holds, for each frame with a word,
 * the characters per second of that word's utterance (letters of its words over the span from its first word's start
 * to its last word's end); the network takes its logarithm against {@link #REFERENCE_CHARS_PER_S}, in units of
 * {@link #TYPICAL_SPREAD}, so that one unit is about one standard deviation of a speaker's utterance rates. The log
 * makes a rate twice as fast and one half as fast equally far from the reference; the bound keeps a mistimed
 * utterance (a long pause inside it, a wrong transcript time) from swamping the input.
 */
public final class SpeakingRate {
    /** Conversational English: about 12 letters a second (some 3 words of 4 letters each). */
    public static final double REFERENCE_CHARS_PER_S = 12;
    /** The spread of log utterance rates around a speaker's mean, about 0.25 in both sample corpora. */
    public static final double TYPICAL_SPREAD = 0.25;
    /** The largest magnitude of the input. */
    public static final float BOUND = 4;

    private SpeakingRate() {
    }

    /** The network's input for a stored rate; 0 (the reference) for a frame without one. */
    public static float input(Float charsPerSecond) {
        if (charsPerSecond == null || !(charsPerSecond > 0) || Float.isInfinite(charsPerSecond)) {
            return 0;
        }
        double x = Math.log(charsPerSecond / REFERENCE_CHARS_PER_S) / TYPICAL_SPREAD;
        return (float) Math.max(-BOUND, Math.min(BOUND, x));
    }
}
