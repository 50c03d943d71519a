package org.emospark.features.speech2vec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a Speech2Vec set was learnt: the words heard (and those left out, by reason), the (word, neighbour) pairs, the
 * reconstruction error of each epoch, and the time of each stage.
 */
public record Speech2VecReport(int recordings, long spokenWords, Map<String, Long> skipped, long pairs,
                               List<Double> epochLosses, double extractSeconds, double trainSeconds) {
    public Speech2VecReport {
        skipped = Map.copyOf(skipped);
        epochLosses = List.copyOf(epochLosses);
    }

    public String describe() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "speech2vec: %,d spoken words from %d recordings (MFCCs in %.1f s, %.0f words/s); %,d (word, neighbour) "
                        + "pairs, %d epochs in %.1f s; reconstruction error %.4f -> %.4f per coefficient",
                spokenWords, recordings, extractSeconds, spokenWords / Math.max(1e-9, extractSeconds), pairs,
                epochLosses.size(), trainSeconds, epochLosses.get(0), epochLosses.get(epochLosses.size() - 1)));
        skipped.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.append(String.format(Locale.ROOT,
                "; %,d words without frames (%s)", e.getValue(), e.getKey())));
        return s.toString();
    }
}
