package org.emospark.executor;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.emospark.frames.RecordingExample;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.UncheckedInputRejectedException;

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
        Iterator<Row> out;
        try {
            out = framed(recording, example, shared, ref.modelId());
        } catch (UncheckedInputRejectedException e) {
            return rejected(recording, ref.modelId(), e.getCause());
        }
        return new RejectingOnFault(recording, ref.modelId(), out);
    }

    /**
     * The framed rows, ending in the rejected rows instead when the streamed audio turns out broken while the model
     * reads it (or holds samples past the recording's end, found once the rows are done). Rows already handed out
     * stay out: the caller drops the rows of a recording that ends in a reject.
     */
    private final class RejectingOnFault implements Iterator<Row> {
        private final LakeRecording recording;
        private final String modelId;
        private Iterator<Row> rows;
        private boolean checked;

        RejectingOnFault(LakeRecording recording, String modelId, Iterator<Row> rows) {
            this.recording = recording;
            this.modelId = modelId;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            try {
                if (rows.hasNext()) {
                    return true;
                }
                if (!checked) {
                    checked = true;
                    recording.checkAllAudioRead();
                }
                return false;
            } catch (UncheckedInputRejectedException e) {
                checked = true;
                rows = rejected(recording, modelId, e.getCause());
                return rows.hasNext();
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return rows.next();
        }
    }

    /** The rows of a recording framed for the model. */
    protected abstract Iterator<Row> framed(LakeRecording recording, RecordingExample example, SharedModel model,
                                            String modelId);

    /** The rows of a recording the model cannot read, and why. */
    protected abstract Iterator<Row> rejected(LakeRecording recording, String modelId, InputRejectedException e);
}
