package org.emospark.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-dimension scores over several recordings, in the two ways results are reported.
 *
 * <ul>
 *   <li>{@link #onConcatenation(List)}: every frame of every recording pooled, then CCC per dimension.
 *       The AVEC 2017 convention and the paper's model selection criterion.
 *   <li>{@link #perRecordingMean(List)}: CCC (Pearson, RMSE) of each recording, then the mean over
 *       recordings. Lower than the pooled CCC when recordings differ in their mean level.
 * </ul>
 */
public final class EmotionScoring {
    private EmotionScoring() {
    }

    /** Scores of the concatenation of all recordings. */
    public static DimensionScores onConcatenation(List<EmotionSeries> recordings) {
        checkNotEmpty(recordings);
        DimensionMoments moments = new DimensionMoments();
        for (EmotionSeries r : recordings) {
            moments.add(r.predicted(), r.gold());
        }
        return moments.scores();
    }

    /** The mean over recordings of each recording's scores (NaN entries skipped, see {@link DimensionScores#mean}). */
    public static DimensionScores perRecordingMean(List<EmotionSeries> recordings) {
        checkNotEmpty(recordings);
        List<DimensionScores> rows = new ArrayList<>(recordings.size());
        for (EmotionSeries r : recordings) {
            rows.add(r.scores());
        }
        return DimensionScores.mean(rows);
    }

    private static void checkNotEmpty(List<EmotionSeries> recordings) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("Cannot score no recordings");
        }
    }
}
