package org.emospark.corpus.text;

/**
 * One row of an AVEC label file: the frame index {@code round(timeS * 10)}, the time as written,
 * and the three continuous dimensions in [-1, 1].
 */
public record LabelRow(int frame, double timeS, double arousal, double valence, double liking) {
}
