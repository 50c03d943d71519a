package org.emospark.scoring;

import java.util.Iterator;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.emospark.corpus.InputRejectedException;
import org.emospark.model.data.RecordingExample;

/**
 * The executor side of a stored model's pass over the recordings of a {@link RecordingStream}, one call per
 * recording: gathers the recording from its sorted rows, gets the executor's shared copy of the model
 * ({@link ExecutorModels}: loaded once per executor JVM) and frames the recording for it. What the pass computes from
 * a framed recording, and the rows a recording the model cannot read becomes instead (a rejects row: it never fails
 * the task), are the subclass's.
 */
public abstract class RecordingModelPass implements FlatMapGroupsFunction<String, Row, Row> {
    private final Broadcast<ModelRef> model;

    protected RecordingModelPass(Broadcast<ModelRef> model) {
        this.model = model;
    }

    @Override
    public final Iterator<Row> call(String recordingId, Iterator<Row> rows) {
        LakeRecording recording = RecordingStream.gather(recordingId, rows);
        ModelRef ref = model.value();
        SharedModel shared = ExecutorModels.get(ref);
        RecordingExample example;
        try {
            example = recording.toExample(shared.config());
        } catch (InputRejectedException e) {
            return rejected(recording, ref.modelId(), e);
        }
        return framed(recording, example, shared, ref.modelId());
    }

    /** The rows of a recording framed for the model. */
    protected abstract Iterator<Row> framed(LakeRecording recording, RecordingExample example, SharedModel model,
                                            String modelId);

    /** The rows of a recording the model cannot read, and why. */
    protected abstract Iterator<Row> rejected(LakeRecording recording, String modelId, InputRejectedException e);
}
