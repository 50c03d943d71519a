package org.emospark.features.semantic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emospark.corpus.text.TextNormalizer;
import org.emospark.corpus.text.TimedWord;

/**
 * How fast each utterance is spoken, in letters per second: the letters and digits of its words
 * ({@link TextNormalizer#spokenCharacters}; tags such as {@code <laughter>} count none) over the span from its first word's start to its last word's end. Speakers talk
 * faster when aroused, and a rate per utterance needs no word-level alignment: the transcript's utterance times and
 * text are enough. Pauses inside an utterance count as part of it, as a listener hears them.
 */
public final class UtteranceRates {
    /** Spans shorter than this give no rate: a mistimed or one-syllable utterance says nothing about tempo. */
    public static final double MIN_SPAN_S = 0.3;

    private UtteranceRates() {
    }

    /**
     * Per word of {@code words}, the rate of its utterance, or NaN where the utterance has no letters or spans less
     * than {@link #MIN_SPAN_S}.
     *
     * @param utteranceOf per word, the index of its utterance (same length as {@code words})
     */
    public static double[] perWord(List<TimedWord> words, int[] utteranceOf) {
        if (utteranceOf.length != words.size()) {
            throw new IllegalArgumentException(words.size() + " words but " + utteranceOf.length + " utterance indices");
        }
        Map<Integer, double[]> spans = new HashMap<>();   // utterance -> {letters, first start, last end}
        for (int i = 0; i < words.size(); i++) {
            TimedWord w = words.get(i);
            double[] s = spans.computeIfAbsent(utteranceOf[i], k -> new double[] {0, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY});
            s[0] += TextNormalizer.spokenCharacters(w.word());
            s[1] = Math.min(s[1], w.startS());
            s[2] = Math.max(s[2], w.endS());
        }
        double[] out = new double[words.size()];
        for (int i = 0; i < out.length; i++) {
            double[] s = spans.get(utteranceOf[i]);
            double span = s[2] - s[1];
            out[i] = s[0] > 0 && span >= MIN_SPAN_S ? s[0] / span : Double.NaN;
        }
        return out;
    }
}
