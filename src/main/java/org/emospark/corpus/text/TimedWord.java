package org.emospark.corpus.text;

/** A word of an utterance with its span in seconds; {@code wordIndex} counts from 0 within the utterance. */
public record TimedWord(int wordIndex, String word, double startS, double endS) {
}
