package org.emospark.scoring;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.emospark.corpus.InputRejectedException;
import org.emospark.model.data.RecordingExample;
import org.emospark.model.predict.WindowMode;

/**
 * The executor side of scoring, one call per recording: gathers the recording from its sorted rows
 * ({@link ScoreRows}), frames it, and runs the executor's shared copy of the model over it ({@link ExecutorModels}):
 * CNN, fusion and LSTM in one pass, its windows in batches of {@code batchSize}. A recording the model cannot
 * score becomes a rejects row instead; it never fails the task.
 */
final class RecordingScorer implements FlatMapGroupsFunction<String, Row, Row> {
    private final Broadcast<ModelRef> model;
    private final int batchSize;
    private final WindowMode windows;
    private final Date scoreDate;
    private final Timestamp scoredAt;

    RecordingScorer(Broadcast<ModelRef> model, int batchSize, WindowMode windows, Date scoreDate, Timestamp scoredAt) {
        this.model = model;
        this.batchSize = batchSize;
        this.windows = windows;
        this.scoreDate = scoreDate;
        this.scoredAt = scoredAt;
    }

    @Override
    public Iterator<Row> call(String recordingId, Iterator<Row> rows) {
        LakeRecording recording = ScoreRows.recordingOf(recordingId, rows);
        ModelRef ref = model.value();
        SharedModel shared = ExecutorModels.get(ref);
        Row result;
        try {
            RecordingExample example = recording.toExample(shared.config());
            float[][] predicted = shared.predict(List.of(example), batchSize, windows).get(recordingId);
            result = ScoreRows.scored(recording, example, predicted, shared.config(), ref.modelId(), scoreDate, scoredAt);
        } catch (InputRejectedException e) {
            result = ScoreRows.rejected(recording, ref.modelId(), e, scoredAt);
        }
        return List.of(result).iterator();
    }
}
