package org.emospark.scoring;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.emospark.executor.LakeRecording;
import org.emospark.executor.ModelRef;
import org.emospark.executor.RecordingModelPass;
import org.emospark.executor.SharedModel;
import org.emospark.frames.RecordingExample;
import org.emospark.model.predict.WindowMode;
import org.emospark.reject.InputRejectedException;

/**
 * The executor side of scoring, one call per recording ({@link RecordingModelPass}): runs the executor's shared copy
 * of the model over the framed recording, CNN, fusion and LSTM in one pass, its windows in batches of
 * {@code batchSize}, faithful or streaming ({@link WindowMode}); a recording the model cannot score becomes a rejects
 * row instead.
 */
final class RecordingScorer extends RecordingModelPass {
    private final int batchSize;
    private final WindowMode windows;
    private final Date scoreDate;
    private final Timestamp scoredAt;

    RecordingScorer(Broadcast<ModelRef> model, int batchSize, WindowMode windows, Date scoreDate, Timestamp scoredAt) {
        super(model);
        this.batchSize = batchSize;
        this.windows = windows;
        this.scoreDate = scoreDate;
        this.scoredAt = scoredAt;
    }

    @Override
    protected Iterator<Row> framed(LakeRecording recording, RecordingExample example, SharedModel model, String modelId) {
        float[][] predicted = model.predict(List.of(example), batchSize, windows).get(example.recordingId());
        // Before the row goes out, so a recording whose chunks hold too much audio is a reject and nothing else.
        recording.checkAllAudioRead();
        return List.of(ScoreRows.scored(recording, example, predicted, model.config(), modelId, scoreDate, scoredAt))
                .iterator();
    }

    @Override
    protected Iterator<Row> rejected(LakeRecording recording, String modelId, InputRejectedException e) {
        return List.of(ScoreRows.rejected(recording, modelId, e, scoredAt)).iterator();
    }
}
