package org.emospark.corpus.timing;

import java.util.List;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.Utterance;

/**
 * Gives each word of a transcript utterance its span in the audio, from the recording's
 * {@link EnergyEnvelope} alone, so that alignment can run after the audio has streamed past.
 *
 * <p>Contract for every implementation: the result holds one {@link TimedWord} per token of
 * {@link Utterance#tokens()}, in order, with the same word and {@code wordIndex} 0..n-1; every span
 * lies inside {@code [utterance.startS(), utterance.endS()]}, has {@code startS <= endS}, and
 * starts no earlier than the previous word ends (spans may leave gaps for pauses, never overlap).
 * Implementations are stateless and thread-safe.
 */
public interface WordAligner {

    /** The word spans of {@code utterance}; see the interface comment for the guarantees. */
    List<TimedWord> align(Utterance utterance, EnergyEnvelope envelope);
}
