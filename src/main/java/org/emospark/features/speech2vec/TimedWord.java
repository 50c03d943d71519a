package org.emospark.features.speech2vec;

/** A row of the {@code words} table: where in the transcript and when in the audio. */
public record TimedWord(int wordIndex, int utteranceIndex, String word, double startS, double endS) {
}
