package org.emospark.features.paralinguistic;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.emospark.executor.ExecutorModels;
import org.emospark.executor.LakeRecording;
import org.emospark.executor.ModelRef;
import org.emospark.executor.RecordingModelPass;
import org.emospark.executor.SharedModel;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.Tables;
import org.emospark.reject.InputRejectedException;

/**
 * The executor side of {@code features --paralinguistic}, one call per recording ({@link RecordingModelPass}): runs
 * the executor's shared copy of the model's CNN ({@link ExecutorModels}, loaded once per executor JVM) over the
 * recording framed for the model (all its audio and every labelled frame, on the window grid from frame 0 that
 * training and scoring use), {@code batchSize} windows per forward pass. Rows come out
 * lazily, one batch of windows at a time, so a task holds one batch's features whatever the recording's length. A
 * recording the model cannot read becomes one rejects row instead; it never fails the task.
 *
 * <p>Out: {@link #RESULT} rows, a {@code paralinguistic_frames} row per frame ({@code reject} null) or one row
 * holding a {@code rejects} row.
 */
final class CnnFeatureRows extends RecordingModelPass {
    static final StructType RESULT = new StructType(new StructField[] {
            new StructField("recording_id", DataTypes.StringType, false, Metadata.empty()),
            new StructField("frame", DataTypes.IntegerType, true, Metadata.empty()),
            new StructField("model_id", DataTypes.StringType, false, Metadata.empty()),
            new StructField("dims", DataTypes.IntegerType, true, Metadata.empty()),
            new StructField("vector", DataTypes.BinaryType, true, Metadata.empty()),
            new StructField("reject", Tables.REJECTS.schema(), true, Metadata.empty())});

    private final int batchSize;
    private final Timestamp seenAt;

    CnnFeatureRows(Broadcast<ModelRef> model, int batchSize, Timestamp seenAt) {
        super(model);
        this.batchSize = batchSize;
        this.seenAt = seenAt;
    }

    /** How the detail of a rejects row starts: it names the model, so rejects of one model can be told apart. */
    static String detailPrefix(String modelId) {
        return "model " + modelId + ": ";
    }

    @Override
    protected Iterator<Row> framed(LakeRecording recording, RecordingExample example, SharedModel model, String modelId) {
        return frames(example.recordingId(), modelId, model.paralinguisticFeatures(example, batchSize));
    }

    @Override
    protected Iterator<Row> rejected(LakeRecording recording, String modelId, InputRejectedException e) {
        Row reject = RowFactory.create(recording.sourceUri(), ParalinguisticFramesAction.STAGE, e.reason().code(),
                detailPrefix(modelId) + e.detail(), null, recording.recordingId(), seenAt);
        return Collections.singletonList(RowFactory.create(recording.recordingId(), null, modelId, null, null, reject))
                .iterator();
    }

    /** One row per frame, frame numbers counting up from 0 across the batches. */
    private static Iterator<Row> frames(String recordingId, String modelId, Iterator<float[][]> batches) {
        return new Iterator<>() {
            private List<float[]> batch = List.of();
            private int inBatch;
            private int frame;

            @Override
            public boolean hasNext() {
                while (inBatch == batch.size() && batches.hasNext()) {
                    batch = List.of(batches.next());
                    inBatch = 0;
                }
                return inBatch < batch.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                float[] v = batch.get(inBatch++);
                return RowFactory.create(recordingId, frame++, modelId, v.length, PcmCodec.encode(v, 0, v.length), null);
            }
        };
    }
}
