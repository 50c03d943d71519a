package org.emospark.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-dimension scores over several recordings, in the two ways results are reported.
 *
 * <ul>
 *   <li>{@link #onConcatenation(List)}: every frame of every recording pooled, then CCC per dimension.
 *       The AVEC 2017 convention and the paper's model selection criterion.
 *   <li>{@link #perRecordingMean(List)}: CCC (Pearson, RMSE) of each recording, then the mean over
 *       recordings. Lower than the pooled CCC when recordings differ in their mean level.
 * </ul>
 * {@link #onFrames} pools only some frames of each recording (those in the subject's turns, say).
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

    /**
     * The moments of the frames whose flag equals {@code selected}, pooled over the recordings (a recording without
     * flags contributes none): read {@link DimensionMoments#scores()} when {@link DimensionMoments#count()} is not 0.
     *
     * @param flags per recording id, one flag per frame of its series
     */
    public static DimensionMoments onFrames(List<EmotionSeries> recordings, Map<String, boolean[]> flags,
                                            boolean selected) {
        checkNotEmpty(recordings);
        DimensionMoments moments = new DimensionMoments();
        for (EmotionSeries r : recordings) {
            boolean[] f = flags.get(r.recordingId());
            if (f == null) {
                continue;
            }
            if (f.length != r.length()) {
                throw new IllegalArgumentException("Recording " + r.recordingId() + " has " + r.length() + " frames but "
                        + f.length + " flags");
            }
            for (int i = 0; i < f.length; i++) {
                if (f[i] == selected) {
                    for (Dimension d : Dimension.values()) {
                        moments.get(d).add(r.predicted()[i][d.index()], r.gold()[i][d.index()]);
                    }
                }
            }
        }
        return moments;
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
