package org.emospark.sql;

import java.util.ArrayList;
import java.util.List;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;

/**
 * The views every SQL entry point offers beside the lake's tables, defined once here.
 *
 * <p>Which model's scores a recording shows: among the models that have scored it (that have its row in
 * {@code recording_emotion}), the one trained most recently ({@code models.created_at}), ties broken by the
 * larger model id. That is the rule {@code score} follows when given no model, applied per recording: once the
 * newest model has scored a recording the views show its scores, and until then the previous model's. A
 * recording whose scoring died before its {@code recording_emotion} row was written counts as not scored by
 * that model, as it does for {@code score}.
 */
public final class LakeViews {
    private LakeViews() {
    }

    public static final LakeView RECORDING_EMOTION_LATEST = new LakeView("recording_emotion_latest",
            "One row per scored recording: its recording_emotion row from the most recently trained model that "
                    + "scored it, with the recording's corpus, split, speaker and language and the model's name.",
            List.of(Tables.RECORDING_EMOTION.name(), Tables.MODELS.name(), Tables.RECORDINGS.name()),
            """
            WITH ranked AS (
              SELECT e.recording_id, e.model_id, m.name AS model_name,
                     row_number() OVER (PARTITION BY e.recording_id
                                        ORDER BY m.created_at DESC NULLS LAST, e.model_id DESC) AS model_rank
              FROM recording_emotion e LEFT JOIN models m ON m.model_id = e.model_id)
            SELECT e.*, r.corpus, r.split, r.speaker, r.language, k.model_name
            FROM ranked k
            JOIN recording_emotion e ON e.recording_id = k.recording_id AND e.model_id = k.model_id
            JOIN recordings r ON r.recording_id = e.recording_id
            WHERE k.model_rank = 1""");

    public static final LakeView EMOTION_TIMELINE = new LakeView("emotion_timeline",
            "Arousal, valence and liking every 100 ms of each scored recording, from the model "
                    + "recording_emotion_latest shows for it, with the recording's corpus, split, speaker and language.",
            List.of(Tables.PREDICTIONS.name(), RECORDING_EMOTION_LATEST.name()),
            """
            SELECT p.recording_id, l.corpus, l.split, l.speaker, l.language, p.model_id,
                   p.frame, p.time_s, p.arousal, p.valence, p.liking, p.score_date
            FROM predictions p
            JOIN recording_emotion_latest l ON l.recording_id = p.recording_id AND l.model_id = p.model_id""");

    public static final LakeView MODEL_LEADERBOARD = new LakeView("model_leaderboard",
            "One row per trained model: what it is, its Devel CCC (the epoch training kept) and its Test CCC on the "
                    + "concatenation of all Test recordings (AVEC) from evaluate, null until it has been evaluated on Test.",
            List.of(Tables.MODELS.name(), Tables.EVALUATIONS.name()),
            """
            WITH test AS (
              SELECT model_id,
                     max(CASE WHEN dimension = 'arousal' THEN ccc END) AS test_ccc_arousal,
                     max(CASE WHEN dimension = 'valence' THEN ccc END) AS test_ccc_valence,
                     max(CASE WHEN dimension = 'liking' THEN ccc END) AS test_ccc_liking,
                     max(frames) AS test_frames,
                     max(evaluated_at) AS test_evaluated_at
              FROM evaluations
              WHERE split = 'Test' AND scope = 'concatenated'
              GROUP BY model_id)
            SELECT m.model_id, m.name, m.fusion, m.streams, m.shuffled_labels, m.parameters, m.embedding_set,
                   m.created_at, m.devel_ccc_arousal, m.devel_ccc_valence, m.devel_ccc_liking, m.devel_ccc_mean,
                   t.test_ccc_arousal, t.test_ccc_valence, t.test_ccc_liking,
                   (t.test_ccc_arousal + t.test_ccc_valence + t.test_ccc_liking) / 3 AS test_ccc_mean,
                   t.test_frames, t.test_evaluated_at
            FROM models m LEFT JOIN test t ON t.model_id = m.model_id""");

    /** In dependency order: a view comes after the views it reads. */
    public static List<LakeView> all() {
        return List.of(RECORDING_EMOTION_LATEST, EMOTION_TIMELINE, MODEL_LEADERBOARD);
    }

    /**
     * Registers every existing lake table and every view whose inputs exist as temporary views of the warehouse's
     * session, and returns their names. Temporary views live as long as that session; {@link LakeCatalog} puts the
     * same names into a catalog for other sessions.
     */
    public static List<String> registerTemporary(Warehouse warehouse) {
        List<String> registered = new ArrayList<>(warehouse.registerViews(Tables.all()));
        for (LakeView view : all()) {
            if (registered.containsAll(view.reads())) {
                warehouse.spark().sql("CREATE OR REPLACE TEMPORARY VIEW `" + view.name() + "` AS " + view.query());
                registered.add(view.name());
            }
        }
        return registered;
    }
}
