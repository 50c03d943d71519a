package org.emospark.features.speech2vec;

import java.util.Objects;

/**
 * One spoken occurrence of a word as Speech2Vec reads it: its place in the transcript and its MFCC frames,
 * {@code [frames, Mfcc.COEFFICIENTS]} row-major, normalised per recording ({@link RecordingWords}).
 */
public record SpokenWord(String recordingId, int wordIndex, int utteranceIndex, String word, float[] features) {
    public SpokenWord {
        Objects.requireNonNull(recordingId, "recordingId");
        Objects.requireNonNull(word, "word");
        if (features.length == 0 || features.length % Mfcc.COEFFICIENTS != 0) {
            throw new IllegalArgumentException("A spoken word needs whole frames of " + Mfcc.COEFFICIENTS
                    + " coefficients, not " + features.length + " values");
        }
    }

    public int frames() {
        return features.length / Mfcc.COEFFICIENTS;
    }
}
