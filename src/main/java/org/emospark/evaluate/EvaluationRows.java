package org.emospark.evaluate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionSeries;

/**
 * An evaluation as rows of the {@code evaluations} table, per dimension: both aggregates, the frames inside and outside
 * the subject's turns (where there are any), and every recording.
 */
final class EvaluationRows {
    static final String CONCATENATED = "concatenated";
    static final String RECORDING_MEAN = "recording_mean";
    static final String RECORDING = "recording";
    static final String SUBJECT_TURNS = "subject_turns";
    static final String OUTSIDE_SUBJECT_TURNS = "outside_subject_turns";

    private EvaluationRows() {
    }

    static List<Row> of(SplitEvaluation result, Timestamp at) {
        long frames = result.recordings().stream().mapToLong(EmotionSeries::length).sum();
        List<Row> rows = new ArrayList<>();
        add(rows, result, CONCATENATED, "", result.concatenated(), frames, at);
        add(rows, result, RECORDING_MEAN, "", result.perRecordingMean(), frames, at);
        addPart(rows, result, SUBJECT_TURNS, result.inSubjectTurns(), at);
        addPart(rows, result, OUTSIDE_SUBJECT_TURNS, result.outsideSubjectTurns(), at);
        for (EmotionSeries s : result.recordings()) {
            add(rows, result, RECORDING, s.recordingId(), s.scores(), s.length(), at);
        }
        return rows;
    }

    private static void addPart(List<Row> rows, SplitEvaluation r, String scope, SplitEvaluation.Part part, Timestamp at) {
        if (part != null) {
            add(rows, r, scope, "", part.scores(), part.frames(), at);
        }
    }

    private static void add(List<Row> rows, SplitEvaluation r, String scope, String recording, DimensionScores scores,
                            long frames, Timestamp at) {
        for (Dimension d : Dimension.values()) {
            DimensionScores.Score s = scores.get(d);
            rows.add(RowFactory.create(r.modelId(), r.split(), scope, recording, d.name().toLowerCase(), nullIfNaN(s.ccc()),
                    nullIfNaN(s.pearson()), s.rmse(), frames, at));
        }
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
