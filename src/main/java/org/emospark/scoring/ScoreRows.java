package org.emospark.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.emospark.executor.LakeRecording;
import org.emospark.executor.RecordingStream;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.Tables;
import org.emospark.model.ModelConfig;
import org.emospark.reject.InputRejectedException;

/**
 * The rows scoring moves, in and out of the executors.
 *
 * <p>In: one {@link RecordingStream} per recording, with its word vectors.
 *
 * <p>Out: one row per recording: its {@code predictions} rows and its {@code recording_emotion} row when it was
 * scored, its {@code rejects} row when it was not. Each is a struct (or array of structs) of the table's own
 * schema, so splitting the result into the tables is a select.
 */
final class ScoreRows {
    private ScoreRows() {
    }

    static final StructType RESULT = new StructType(new StructField[] {
            new StructField("recording_id", DataTypes.StringType, false, Metadata.empty()),
            new StructField("predictions", DataTypes.createArrayType(Tables.PREDICTIONS.schema(), false), true,
                    Metadata.empty()),
            new StructField("emotion", Tables.RECORDING_EMOTION.schema(), true, Metadata.empty()),
            new StructField("reject", Tables.REJECTS.schema(), true, Metadata.empty())});

    /** An array&lt;float&gt; cell as a float array. */
    /** The result of a scored recording: a predictions row per frame and its recording_emotion row. */
    static Row scored(LakeRecording recording, RecordingExample example, float[][] predicted, ModelConfig config,
                      String modelId, Date scoreDate, Timestamp scoredAt) {
        Row[] frames = new Row[predicted.length];
        BigDecimal step = BigDecimal.valueOf(config.frameSeconds());
        for (int f = 0; f < frames.length; f++) {
            // The frame's start as its decimal value (0.3, not 0.30000000000000004), like the labels' times.
            double time = step.multiply(BigDecimal.valueOf(f)).doubleValue();
            frames[f] = RowFactory.create(example.recordingId(), f, time, predicted[f][0], predicted[f][1],
                    predicted[f][2], modelId, scoreDate);
        }
        EmotionSummary s = EmotionSummary.of(predicted, example.subject());
        double audioSeconds = example.pcm().length() / (double) config.sampleRate();
        Row emotion = RowFactory.create(modelId, example.recordingId(), scoreDate, s.frames(), audioSeconds,
                s.arousal().mean(), s.arousal().p10(), s.arousal().p50(), s.arousal().p90(),
                s.valence().mean(), s.valence().p10(), s.valence().p50(), s.valence().p90(),
                s.liking().mean(), s.liking().p10(), s.liking().p50(), s.liking().p90(),
                s.highArousalPositive(), s.highArousalNegative(), s.lowArousalPositive(), s.lowArousalNegative(),
                s.speechRatio(), recording.hasTranscript(), scoredAt);
        return RowFactory.create(example.recordingId(), frames, emotion, null);
    }

    /**
     * The result of a recording that could not be scored: its rejects row, stage {@link ScoreAction#STAGE}, the
     * detail prefixed with the model (whether a recording can be scored can depend on the model).
     */
    static Row rejected(LakeRecording recording, String modelId, InputRejectedException e, Timestamp seenAt) {
        Row reject = RowFactory.create(recording.sourceUri(), ScoreAction.STAGE, e.reason().code(),
                detailPrefix(modelId) + e.detail(), null, recording.recordingId(), seenAt);
        return RowFactory.create(recording.recordingId(), null, null, reject);
    }

    /** How the detail of a score reject starts: it names the model, so rejects of one model can be told apart. */
    static String detailPrefix(String modelId) {
        return "model " + modelId + ": ";
    }

    static Dataset<Row> predictions(Dataset<Row> results) {
        return results.where(col("predictions").isNotNull()).select(explode(col("predictions")).as("p")).select("p.*");
    }

    static Dataset<Row> emotion(Dataset<Row> results) {
        return results.where(col("emotion").isNotNull()).select("emotion.*");
    }

    static Dataset<Row> rejects(Dataset<Row> results) {
        return results.where(col("reject").isNotNull()).select("reject.*");
    }
}
