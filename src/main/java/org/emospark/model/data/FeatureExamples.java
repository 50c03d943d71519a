package org.emospark.model.data;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.emospark.corpus.text.SplitNames;
import org.emospark.frames.FeatureExample;
import org.emospark.frames.FrameInputBuilder;
import org.emospark.frames.FramedExample;
import org.emospark.frames.TimePrecision;
import org.emospark.frames.TurnSpan;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;

/**
 * Reads labelled recordings of some splits out of the lake as the fusion stage trains on them, on the driver: the
 * CNN features one model computed ({@code paralinguistic_frames} of that model), the semantic frames and the labels,
 * as {@link FeatureExample}s framed by their label rows like {@link LakeExamples}. No audio is read. A recording
 * without usable labels, or whose features do not cover every labelled frame, is left out and listed in
 * {@link LoadedExamples#skipped()} with the reason.
 *
 * <p>Memory: every frame's features, {@code F} floats (882 for the quick network, 4,410 for the paper's: 17.6 KB a
 * frame, 635 MB per hour of audio).
 */
public final class FeatureExamples {
    private final Warehouse warehouse;
    private final ModelConfig config;
    private final String featuresModelId;

    /**
     * @param config the network to be trained (its semantic dimensions and CNN feature width are checked)
     * @param featuresModelId the model whose CNN computed the features ({@code paralinguistic_frames.model_id})
     */
    public FeatureExamples(Warehouse warehouse, ModelConfig config, String featuresModelId) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.config = Objects.requireNonNull(config, "config");
        this.featuresModelId = Objects.requireNonNull(featuresModelId, "featuresModelId");
    }

    /** The lake tables the fusion stage reads; their versions are recorded with the model. */
    public static List<TableDef> inputTables() {
        return List.of(Tables.RECORDINGS, Tables.LABELS, Tables.SEMANTIC_FRAMES, Tables.PARALINGUISTIC_FRAMES);
    }

    /** The current Delta version of every input table; fails naming the job to run when one is missing. */
    public Map<String, Long> tableVersions() {
        return LakeExamples.versions(warehouse, inputTables());
    }

    /** The embedding set of the semantic frames (one set at a time), or null when the table is empty. */
    public String embeddingSet() {
        return new LakeExamples(warehouse, config).embeddingSet();
    }

    /** Loads every labelled recording of {@code splits}. */
    public LoadedExamples<FeatureExample> load(Collection<String> splits) {
        Map<String, Long> versions = tableVersions();
        List<String> wanted = splits.stream().map(SplitNames::normalize).toList();
        Map<String, String> splitOf = new TreeMap<>();
        for (Row r : warehouse.read(Tables.RECORDINGS).where(col("split").isin(wanted.toArray()))
                .select("recording_id", "split").collectAsList()) {
            splitOf.put(r.getString(0), r.getString(1));
        }
        Map<String, String> skipped = new TreeMap<>();
        if (splitOf.isEmpty()) {
            return new LoadedExamples<>(List.of(), skipped, null, versions);
        }
        Object[] ids = splitOf.keySet().toArray();
        LakeExamples lake = new LakeExamples(warehouse, config);
        Map<String, String> labelProblem = new HashMap<>();
        Map<String, float[]> labels = lake.labels(ids, labelProblem);
        LakeExamples.SemanticVectors semantic = lake.semantic(ids);
        Map<String, List<TurnSpan>> turns = lake.subjectTurns(ids);
        FrameInputBuilder framing = new FrameInputBuilder(config.sampleRate(), config.frameSeconds(), TimePrecision.FLOAT32);
        Map<String, Map<Integer, byte[]>> features = features(ids);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("No paralinguistic features of model " + featuresModelId + " for the "
                    + String.join(", ", wanted) + " recordings in " + warehouse + ": run 'emospark features "
                    + "--paralinguistic --model " + featuresModelId + "' first");
        }
        int dims = config.paralinguisticFeatures();
        List<FeatureExample> out = new ArrayList<>();
        for (Map.Entry<String, String> e : splitOf.entrySet()) {
            String id = e.getKey();
            float[] gold = labels.get(id);
            if (gold == null) {
                skipped.put(id, labelProblem.getOrDefault(id, "no labels"));
                continue;
            }
            int n = gold.length / FramedExample.OUTPUTS;
            Map<Integer, byte[]> frames = features.getOrDefault(id, Map.of());
            float[] flat = new float[Math.multiplyExact(n, dims)];
            int missing = 0;
            for (int f = 0; f < n; f++) {
                byte[] v = frames.get(f);
                if (v == null) {
                    missing++;
                } else {
                    PcmCodec.decodeInto(v, flat, f * dims);
                }
            }
            if (missing > 0) {
                skipped.put(id, "paralinguistic features of model " + featuresModelId + " cover " + (n - missing) + " of its "
                        + n + " labelled frames: run 'emospark features --paralinguistic --model " + featuresModelId + "'");
                continue;
            }
            out.add(new FeatureExample(id, e.getValue(), n, dims, flat, framing.subjectFrames(turns.get(id), n),
                    config.semanticInputs(), semantic.framesOf(id, n), gold, semantic.timingOf(id, n)));
        }
        return new LoadedExamples<>(List.copyOf(out), skipped, semantic.set, versions);
    }

    /** The features of the recordings, recording -> frame -> float32 bytes, checked against the CNN's width. */
    private Map<String, Map<Integer, byte[]>> features(Object[] ids) {
        int dims = config.paralinguisticFeatures();
        Map<String, Map<Integer, byte[]>> out = new HashMap<>();
        for (Row r : warehouse.read(Tables.PARALINGUISTIC_FRAMES)
                .where(col("model_id").equalTo(featuresModelId).and(col("recording_id").isin(ids)))
                .select("recording_id", "frame", "dims", "vector").collectAsList()) {
            byte[] v = (byte[]) r.get(3);
            if (r.getInt(2) != dims || v.length != dims * Float.BYTES) {
                throw new IllegalArgumentException("paralinguistic_frames of model " + featuresModelId + " hold "
                        + r.getInt(2) + " values per frame (" + v.length + " bytes) but the network's CNN gives " + dims
                        + " (recording " + r.getString(0) + ", frame " + r.getInt(1) + ")");
            }
            out.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getInt(1), v);
        }
        return out;
    }
}
