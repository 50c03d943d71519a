package org.emospark.ingest;

import java.io.Serializable;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.corpus.timing.WordAligners;

/** The executor-side parameters of ingest, checked at the door. */
public record IngestSettings(int sampleRate, double frameSeconds, double chunkSeconds, String wordTiming)
        implements Serializable {
    public IngestSettings {
        WordAligners.forName(wordTiming);
        wordTiming = wordTiming.trim().toLowerCase(java.util.Locale.ROOT);
        if (sampleRate < 1000 || sampleRate > 384000) {
            throw new IllegalArgumentException("Sample rate must be between 1000 and 384000 Hz, cannot be: " + sampleRate);
        }
        if (!(frameSeconds > 0) || frameSeconds > 10) {
            throw new IllegalArgumentException("Frame length must be in (0, 10] seconds, cannot be: " + frameSeconds);
        }
        if (!(chunkSeconds >= frameSeconds) || chunkSeconds > 600) {
            throw new IllegalArgumentException("Chunk length must be between one frame and 600 s, cannot be: " + chunkSeconds);
        }
    }

    public static IngestSettings from(EmosparkConfig config) {
        return new IngestSettings(config.getInt(ConfigKeys.SAMPLE_RATE), config.getDouble(ConfigKeys.FRAME_SECONDS),
                config.getDouble(ConfigKeys.CHUNK_SECONDS), config.get(ConfigKeys.WORD_TIMING));
    }

    /** The settings that shape ingest's rows; part of every recording's input fingerprint. */
    public String fingerprint() {
        return "ingest-v3|" + sampleRate + "|" + frameSeconds + "|" + chunkSeconds + "|" + wordTiming;
    }

    /** Samples per chunk, a whole number of frames so chunk boundaries never split a frame. */
    public int chunkSamples() {
        int frame = frameSamples();
        return Math.max(1, (int) Math.floor(chunkSeconds / frameSeconds)) * frame;
    }

    public int frameSamples() {
        return (int) Math.round(sampleRate * frameSeconds);
    }

    /** Frames covering {@code numSamples}: the signal is zero-padded at the end to a whole frame. */
    public int framesFor(long numSamples) {
        return (int) ((numSamples + frameSamples() - 1) / frameSamples());
    }
}
