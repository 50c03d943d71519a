package org.emospark.testing;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;

/**
 * A lake of hand-made rows with the scoring history the SQL views must read right, written through the lake's own
 * merge: two models, {@link #OLD} trained before {@link #NEW}; Test_01 scored by both (by the old one last),
 * Test_02 by the new one only, Train_01 by the old one only (the new one's run on it died after writing
 * predictions but before its recording_emotion row), Devel_01 never scored. The new model is evaluated on Test.
 *
 * <p>Every recording_emotion row has its own arousal_mean, and each prediction's arousal is {@link #arousal}, so a
 * view that picks the wrong model or row shows it in the numbers.
 */
public final class ScoredLake {
    public static final String OLD = "attention-both-0ld0000000";
    public static final String NEW = "attention-both-new0000000";
    /** Frames of predictions per recording. */
    public static final Map<String, Integer> FRAMES = Map.of("Test_01", 3, "Test_02", 2, "Train_01", 2);
    /** arousal_mean of each (recording, model) row of recording_emotion. */
    public static final Map<List<String>, Double> AROUSAL_MEAN = Map.of(
            List.of("Test_01", OLD), 0.11, List.of("Test_01", NEW), 0.22,
            List.of("Test_02", NEW), 0.33, List.of("Train_01", OLD), 0.44);
    /** The new model's Test CCC on the concatenation, arousal, valence, liking. */
    public static final double[] NEW_TEST_CCC = {0.6, 0.5, 0.4};

    private ScoredLake() {
    }

    /** The arousal this lake predicts for a frame of a recording by a model. */
    public static float arousal(String model, int frame) {
        return (model.equals(NEW) ? 0.5f : -0.5f) + 0.01f * frame;
    }

    public static Warehouse build(Path dir) {
        Warehouse wh = buildUnevaluated(dir);
        addEvaluations(wh);
        return wh;
    }

    /** The lake without its evaluations table, as before the new model was evaluated. */
    public static Warehouse buildUnevaluated(Path dir) {
        Warehouse wh = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
        write(wh, Tables.RECORDINGS, List.of(
                recording("Test_01", "Test", "spk1"), recording("Test_02", "Test", "spk2"),
                recording("Train_01", "Train", "spk1"), recording("Devel_01", "Devel", "spk3")));
        write(wh, Tables.MODELS, List.of(
                row(Tables.MODELS, Map.of("model_id", OLD, "name", "old", "fusion", "attention", "streams", "both",
                        "devel_ccc_arousal", 0.3, "devel_ccc_mean", 0.2, "created_at", at("2026-01-01 10:00:00"))),
                row(Tables.MODELS, Map.of("model_id", NEW, "name", "new", "fusion", "attention", "streams", "both",
                        "devel_ccc_arousal", 0.7, "devel_ccc_mean", 0.6, "created_at", at("2026-03-01 10:00:00")))));
        write(wh, Tables.RECORDING_EMOTION, List.of(
                emotion("Test_01", NEW, "2026-03-02 01:00:00"),
                // Scored by the old model after the new one had scored it: the views still show the newer model.
                emotion("Test_01", OLD, "2026-03-05 01:00:00"),
                emotion("Test_02", NEW, "2026-03-02 01:00:00"),
                emotion("Train_01", OLD, "2026-01-02 01:00:00")));
        List<Row> predictions = new ArrayList<>();
        predictions.addAll(predictions("Test_01", OLD));
        predictions.addAll(predictions("Test_01", NEW));
        predictions.addAll(predictions("Test_02", NEW));
        predictions.addAll(predictions("Train_01", OLD));
        predictions.addAll(predictions("Train_01", NEW));  // no recording_emotion row: not scored by NEW
        write(wh, Tables.PREDICTIONS, predictions);
        return wh;
    }

    /** Writes the new model's evaluations: Test (concatenated, recording mean, per recording) and Devel. */
    public static void addEvaluations(Warehouse wh) {
        List<Row> evaluations = new ArrayList<>();
        String[] dims = {"arousal", "valence", "liking"};
        for (int d = 0; d < 3; d++) {
            evaluations.add(evaluation(NEW, "Test", "concatenated", "", dims[d], NEW_TEST_CCC[d]));
            evaluations.add(evaluation(NEW, "Test", "recording_mean", "", dims[d], 0.9));
            evaluations.add(evaluation(NEW, "Test", "recording", "Test_01", dims[d], 0.95));
            evaluations.add(evaluation(NEW, "Devel", "concatenated", "", dims[d], 0.85));
        }
        write(wh, Tables.EVALUATIONS, evaluations);
    }

    private static void write(Warehouse wh, TableDef table, List<Row> rows) {
        KeyedMerge.merge(wh, table, wh.spark().createDataFrame(rows, table.schema()), List.of());
    }

    private static Row recording(String id, String split, String speaker) {
        return row(Tables.RECORDINGS, Map.of("recording_id", id, "corpus", "calls", "split", split, "speaker", speaker,
                "language", "de", "num_frames", FRAMES.getOrDefault(id, 4), "ingested_at", at("2025-12-01 00:00:00")));
    }

    private static Row emotion(String recording, String model, String scoredAt) {
        return row(Tables.RECORDING_EMOTION, Map.of("recording_id", recording, "model_id", model,
                "score_date", Date.valueOf(scoredAt.substring(0, 10)), "frames", FRAMES.get(recording),
                "arousal_mean", AROUSAL_MEAN.get(List.of(recording, model)), "scored_at", at(scoredAt)));
    }

    private static List<Row> predictions(String recording, String model) {
        List<Row> rows = new ArrayList<>();
        for (int f = 0; f < FRAMES.get(recording); f++) {
            rows.add(row(Tables.PREDICTIONS, Map.of("recording_id", recording, "frame", f, "time_s", f / 10.0,
                    "arousal", arousal(model, f), "valence", 0.1f, "liking", 0.2f, "model_id", model,
                    "score_date", Date.valueOf(model.equals(NEW) ? "2026-03-02" : "2026-01-02"))));
        }
        return rows;
    }

    private static Row evaluation(String model, String split, String scope, String recording, String dimension,
                                  double ccc) {
        return row(Tables.EVALUATIONS, Map.of("model_id", model, "split", split, "scope", scope, "recording_id", recording,
                "dimension", dimension, "ccc", ccc, "frames", 50L, "evaluated_at", at("2026-03-03 00:00:00")));
    }

    private static Timestamp at(String time) {
        return Timestamp.valueOf(time);
    }

    /** A row of {@code table} with the given values; other columns null where nullable, else zero, "" or false. */
    private static Row row(TableDef table, Map<String, Object> values) {
        Map<String, Object> left = new HashMap<>(values);
        StructField[] fields = table.schema().fields();
        Object[] cells = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            cells[i] = left.containsKey(fields[i].name()) ? left.remove(fields[i].name())
                    : fields[i].nullable() ? null : zero(fields[i].dataType());
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("No such columns in " + table.name() + ": " + left.keySet());
        }
        return RowFactory.create(cells);
    }

    private static Object zero(DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return "";
        } else if (type.equals(DataTypes.IntegerType)) {
            return 0;
        } else if (type.equals(DataTypes.LongType)) {
            return 0L;
        } else if (type.equals(DataTypes.DoubleType)) {
            return 0.0;
        } else if (type.equals(DataTypes.FloatType)) {
            return 0f;
        } else if (type.equals(DataTypes.BooleanType)) {
            return false;
        } else if (type.equals(DataTypes.TimestampType)) {
            return new Timestamp(0);
        } else if (type.equals(DataTypes.DateType)) {
            return new Date(0);
        } else if (type instanceof ArrayType) {
            return List.of();
        }
        throw new IllegalArgumentException("No zero value for " + type);
    }
}
