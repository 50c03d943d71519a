package org.emospark.evaluate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emospark.metrics.DimensionMoments;
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
 * @param inSubjectTurns the concatenation of the frames the model reads as the subject's (inside the subject's turns;
 *                       every frame of a recording without turns), or null when there are none or nobody said
 * @param outsideSubjectTurns the concatenation of the other frames (the other speaker's turns and the silences between
 *                            turns), or null likewise
 */
public record SplitEvaluation(String modelId, String split, LocalDate date, List<EmotionSeries> recordings,
        DimensionScores concatenated, DimensionScores perRecordingMean, Part inSubjectTurns, Part outsideSubjectTurns) {

    /** Scores of some of the frames, and how many. */
    public record Part(DimensionScores scores, long frames) {
        public Part {
            Objects.requireNonNull(scores, "scores");
            if (frames < 1) {
                throw new IllegalArgumentException("A part of an evaluation has at least one frame, cannot have: " + frames);
            }
        }

        static Part of(DimensionMoments moments) {
            return moments.count() == 0 ? null : new Part(moments.scores(), moments.count());
        }
    }

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

    /**
     * Scores computed from the recordings, dated today, also inside and outside the subject's turns.
     *
     * @param subjectFrames per recording id, whether each frame is the subject's
     */
    public static SplitEvaluation of(String modelId, String split, List<EmotionSeries> recordings,
                                     Map<String, boolean[]> subjectFrames) {
        return of(modelId, split, LocalDate.now(), recordings, subjectFrames);
    }

    /** Scores computed from the recordings (no parts: nobody said which frames are the subject's). */
    public static SplitEvaluation of(String modelId, String split, LocalDate date, List<EmotionSeries> recordings) {
        return of(modelId, split, date, recordings, Map.of());
    }

    /** Scores computed from the recordings, also inside and outside the subject's turns. */
    public static SplitEvaluation of(String modelId, String split, LocalDate date, List<EmotionSeries> recordings,
                                     Map<String, boolean[]> subjectFrames) {
        return new SplitEvaluation(modelId, split, date, recordings, EmotionScoring.onConcatenation(recordings),
                EmotionScoring.perRecordingMean(recordings),
                Part.of(EmotionScoring.onFrames(recordings, subjectFrames, true)),
                Part.of(EmotionScoring.onFrames(recordings, subjectFrames, false)));
    }

    /** This model's row of a comparison table (scores on the concatenation). */
    public ModelScores toModelScores() {
        return new ModelScores(modelId, concatenated);
    }
}
