package org.emospark.features.semantic;

import java.util.HashMap;
import java.util.Map;

/**
 * The silence after each utterance until anyone speaks again, in seconds: from its end to the earliest start of
 * another utterance of the recording (whoever speaks it, a laugh or a filler as much as words) at or after that end; 0
 * when another utterance is under way at that end (overlapping speech); unknown (NaN) after the recording's last
 * utterance. Speakers pause less when aroused, and a pause, unlike a voice's pitch or loudness, does not move with the
 * voice or the microphone. Like {@link UtteranceRates} it needs no word-level alignment: the transcript's utterance times
 * ({@code utterances.start_s}, {@code end_s}) suffice.
 */
public final class UtterancePauses {
    private UtterancePauses() {
    }

    /**
     * Per word, the pause after its utterance.
     *
     * @param utteranceOf per word, the index of its utterance
     * @param spans every utterance of the recording, by index: {start, end} in seconds
     */
    public static double[] perWord(int[] utteranceOf, Map<Integer, double[]> spans) {
        Map<Integer, Double> pauses = new HashMap<>();
        double[] out = new double[utteranceOf.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pauses.computeIfAbsent(utteranceOf[i], u -> pauseAfter(u, spans));
        }
        return out;
    }

    private static double pauseAfter(int utterance, Map<Integer, double[]> spans) {
        double[] own = spans.get(utterance);
        if (own == null) {
            return Double.NaN;
        }
        double end = own[1];
        double next = Double.POSITIVE_INFINITY;
        for (Map.Entry<Integer, double[]> e : spans.entrySet()) {
            if (e.getKey() == utterance) {
                continue;
            }
            double[] s = e.getValue();
            if (s[0] < end && s[1] > end) {
                return 0;
            }
            if (s[0] >= end) {
                next = Math.min(next, s[0]);
            }
        }
        return Double.isInfinite(next) ? Double.NaN : next - end;
    }
}
