package org.emospark.evaluate;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionScoring;
import org.emospark.metrics.EmotionSeries;

/**
 * What an evaluation of one model on one split produced: the per-recording series and the scores.
 *
 * @param modelId the model (checkpoint) evaluated
 * @param split e.g. {@code Devel} or {@code Test}
 * @param date when it was evaluated
 * @param recordings predicted and gold series, one per recording, in report order
 * @param concatenated scores on the concatenation of all recordings (AVEC convention)
 * @param perRecordingMean mean over recordings of each recording's scores
 */
public record SplitEvaluation(String modelId, String split, LocalDate date, List<EmotionSeries> recordings,
        DimensionScores concatenated, DimensionScores perRecordingMean) {

    public SplitEvaluation {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(concatenated, "concatenated");
        Objects.requireNonNull(perRecordingMean, "perRecordingMean");
        recordings = List.copyOf(recordings);
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("Evaluation of " + modelId + " on " + split + " has no recordings");
        }
    }

    /** Scores computed from the recordings, dated today. */
    public static SplitEvaluation of(String modelId, String split, List<EmotionSeries> recordings) {
        return of(modelId, split, LocalDate.now(), recordings);
    }

    /** Scores computed from the recordings. */
    public static SplitEvaluation of(String modelId, String split, LocalDate date, List<EmotionSeries> recordings) {
        return new SplitEvaluation(modelId, split, date, recordings, EmotionScoring.onConcatenation(recordings),
                EmotionScoring.perRecordingMean(recordings));
    }

    /** This model's row of a comparison table (scores on the concatenation). */
    public ModelScores toModelScores() {
        return new ModelScores(modelId, concatenated);
    }
}
