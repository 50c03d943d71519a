package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The authors' fallback when forced alignment is not available: an utterance's duration is split
 * evenly over its tokens, token {@code k} of {@code n} spanning
 * {@code [start + k*d/n, start + (k+1)*d/n]} with {@code d = end - start}. Every token gets a slot,
 * tags included (drop them beforehand if they should not take time). Neighbouring words share their
 * boundary exactly, the first word starts at {@code start} and the last ends at {@code end}, bit for
 * bit, so the spans cover the utterance without gap or overlap.
 */
public final class UniformWordTiming {
    private UniformWordTiming() {
    }

    public static List<TimedWord> split(Utterance utterance) {
        return split(utterance.startS(), utterance.endS(), utterance.tokens());
    }

    /**
     * @throws IllegalArgumentException when start or end is not finite or end is before start
     */
    public static List<TimedWord> split(double startS, double endS, List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        if (!Double.isFinite(startS) || !Double.isFinite(endS) || endS < startS) {
            throw new IllegalArgumentException("Utterance span must be finite with start <= end, cannot be: ["
                    + startS + ", " + endS + "]");
        }
        int n = tokens.size();
        double duration = endS - startS;
        List<TimedWord> words = new ArrayList<>(n);
        double from = startS;
        for (int k = 0; k < n; k++) {
            double to = k + 1 == n ? endS : Math.min(endS, startS + (k + 1) * duration / n);
            words.add(new TimedWord(k, tokens.get(k), from, to));
            from = to;
        }
        return List.copyOf(words);
    }
}
