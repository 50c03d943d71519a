package org.emospark.frames;

import org.emospark.lake.PcmSource;
import org.emospark.lake.ScaledPcmSource;

/**
 * Level normalisation of what the network hears: a recording is scaled so that its subject's speech level
 * ({@code recordings.speech_level_db}, measured at ingest) lands at {@link #TARGET_DB}. The gain is bounded to
 * {@link #MAX_GAIN_DB} either way, so near-silent recordings are not blown up into noise.
 */
public final class InputLevel {
    /** Where the subject's speech level is put: 20 dB below full scale leaves headroom for loud passages. */
    public static final double TARGET_DB = -20;
    /** The largest boost or cut applied. */
    public static final double MAX_GAIN_DB = 40;

    private InputLevel() {
    }

    /** The linear gain that takes {@code speechLevelDb} to {@link #TARGET_DB}. */
    public static float gain(double speechLevelDb) {
        if (!Double.isFinite(speechLevelDb)) {
            throw new IllegalArgumentException("A speech level must be finite, cannot be: " + speechLevelDb);
        }
        double db = Math.max(-MAX_GAIN_DB, Math.min(MAX_GAIN_DB, TARGET_DB - speechLevelDb));
        return (float) Math.pow(10, db / 20);
    }

    /**
     * The recording's audio as the network hears it: scaled when {@code normalize}, as it is otherwise.
     *
     * @param speechLevelDb the recording's speech level; null when it has none: silent audio (nothing to scale) or
     *                      a lake ingested before levels were measured, which the next ingest re-processes
     */
    public static PcmSource apply(PcmSource pcm, boolean normalize, Double speechLevelDb) {
        return normalize && speechLevelDb != null ? new ScaledPcmSource(pcm, gain(speechLevelDb)) : pcm;
    }
}
