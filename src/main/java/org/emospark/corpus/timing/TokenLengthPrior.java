package org.emospark.corpus.timing;

import java.util.Map;
import org.emospark.corpus.text.TextNormalizer;

/**
 * How long a token is expected to take, relative to the other tokens of its utterance, in units of
 * roughly one letter's worth of speech. Only ratios matter: {@link PauseAwareAligner} scales the
 * units of an utterance so that they add up to its speech time, which adapts to the speaking rate.
 *
 * <p>A word is {@value #WORD_BASE_UNITS} units plus one per letter or digit: spoken words are not
 * proportional to their spelling, short words take a fixed share (onset, vowel, release). On the
 * synthetic sample corpus a word lasts about 0.20 s + 0.04 s per letter, i.e. a base of 5 letters,
 * and {@link PauseAwareAligner}'s 90th percentile error is 66 ms with a base of 5, 70 ms with 4,
 * 79 ms with 3. That corpus synthesises every word on its own, with a full onset and release, which
 * connected speech does not have (short function words shrink there), so we take 4 rather than the
 * corpus optimum. Tags are non-speech sounds whose length does not follow their name: they have their
 * own units (from the sample corpus's typical lengths at 0.04 s a unit: laughter about 0.65 s,
 * breathing 0.4 s), {@value #OTHER_TAG_UNITS} units for a tag not listed.
 */
public final class TokenLengthPrior {
    /** Units every word takes besides its letters. */
    public static final double WORD_BASE_UNITS = 4;
    /** Units of a tag that has no entry of its own. */
    public static final double OTHER_TAG_UNITS = 10;

    private static final Map<String, Double> TAG_UNITS = Map.of(
            "<laughter>", 16.0,
            "<breathing>", 10.0,
            "<coughing>", 8.0,
            "<clearingthroat>", 9.0,
            TextNormalizer.FILLER, 8.0);

    private TokenLengthPrior() {
    }

    /** The expected length of a token in units (always positive). */
    public static double units(String token) {
        if (TextNormalizer.isTag(token)) {
            return TAG_UNITS.getOrDefault(token, OTHER_TAG_UNITS);
        }
        return WORD_BASE_UNITS + TextNormalizer.spokenCharacters(token);
    }
}
