package org.emospark.model.store;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.metrics.DimensionScores;

/** The {@code models} table: one row per stored model, the SQL face of {@link ModelStore}. */
public final class ModelRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;

    public ModelRegistry(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public boolean contains(String modelId) {
        return warehouse.exists(Tables.MODELS)
                && !warehouse.read(Tables.MODELS).where(col("model_id").equalTo(modelId)).isEmpty();
    }

    /** The most recently created model, for commands given no id. */
    public String latest() {
        List<Row> rows = warehouse.read(Tables.MODELS).orderBy(col("created_at").desc()).select("model_id").limit(1)
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("No models in " + warehouse + ": run 'emospark train' first");
        }
        return rows.get(0).getString(0);
    }

    public MergeCounts register(ModelManifest m, String path) {
        return register(List.of(new Entry(m, path, null)));
    }

    /**
     * A model to register: its manifest, where it is stored, for a model of a sweep whether it is the sweep's best by
     * mean Devel CCC ({@code null} otherwise), and for a model trained in another warehouse that warehouse's root.
     */
    public record Entry(ModelManifest manifest, String path, Boolean sweepBest, String importedFrom) {
        public Entry(ModelManifest manifest, String path, Boolean sweepBest) {
            this(manifest, path, sweepBest, null);
        }
    }

    /** Registers several models in one write. */
    public MergeCounts register(List<Entry> entries) {
        List<Row> rows = new ArrayList<>();
        for (Entry e : entries) {
            ModelManifest m = e.manifest();
            DimensionScores d = m.devel();
            FusionOrigin origin = m.fusion();
            rows.add(RowFactory.create(m.modelId(), m.name(), e.path(), m.config().fusion().name().toLowerCase(),
                    m.config().streams().name().toLowerCase(), m.settings().shuffledLabels(), json(m.config()),
                    json(m.settings()), m.embeddingSet(), json(new TreeMap<>(m.inputVersions())), m.trainRecordings().size(),
                    m.trainAudioSeconds(), m.parameterCount(), m.epochs().size(), m.bestEpoch(), d.arousal().ccc(),
                    d.valence().ccc(), d.liking().ccc(), d.meanCcc(), m.trainWallSeconds(), m.audioSecondsPerSecond(),
                    m.dataWaitFraction(), Timestamp.from(Instant.parse(m.createdAt())), m.stage(),
                    origin == null ? null : origin.sourceModelId(), origin == null ? null : origin.sweep(),
                    e.sweepBest(), e.importedFrom()));
        }
        return KeyedMerge.merge(warehouse, Tables.MODELS,
                warehouse.spark().createDataFrame(rows, Tables.MODELS.schema()), List.of());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof Map<?, ?> m ? new TreeMap<>(m) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }
}
