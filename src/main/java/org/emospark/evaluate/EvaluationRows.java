package org.emospark.evaluate;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionSeries;

/** An evaluation as rows of the {@code evaluations} table: both aggregates and every recording, per dimension. */
final class EvaluationRows {
    static final String CONCATENATED = "concatenated";
    static final String RECORDING_MEAN = "recording_mean";
    static final String RECORDING = "recording";

    private EvaluationRows() {
    }

    static List<Row> of(SplitEvaluation result, Timestamp at) {
        long frames = result.recordings().stream().mapToLong(EmotionSeries::length).sum();
        List<Row> rows = new ArrayList<>();
        add(rows, result, CONCATENATED, "", result.concatenated(), frames, at);
        add(rows, result, RECORDING_MEAN, "", result.perRecordingMean(), frames, at);
        for (EmotionSeries s : result.recordings()) {
            add(rows, result, RECORDING, s.recordingId(), s.scores(), s.length(), at);
        }
        return rows;
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
