package org.emospark.train;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.emospark.lake.KeyedMerge;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelRegistry;
import org.emospark.model.store.ModelStore;
import org.emospark.runtime.JobGroup;
import org.emospark.runtime.SparkAction;

/**
 * Brings a model trained in another warehouse into this one, so that {@code score}, {@code evaluate} and
 * {@code features --paralinguistic} use it like a model trained here: its stored files, its {@code models} row (with
 * {@code imported_from} naming the source warehouse and the source's lineage kept as it was) and the word vectors
 * of its embedding set, which the semantic stream of this lake must be built from ({@code features --semantic
 * --embeddings SET}). Importing the same model again changes nothing; a different model under the same id is refused.
 */
public final class ImportModelAction extends SparkAction<ImportModelResult> {
    private final Warehouse warehouse;
    private final String from;
    private String modelId;

    /** {@code from}: the root of the warehouse the model was trained in (any path {@code --warehouse} takes). */
    public ImportModelAction(Warehouse warehouse, String from) {
        super(warehouse.spark(), "import-model");
        this.warehouse = warehouse;
        this.from = Objects.requireNonNull(from, "from").replaceAll("/+$", "");
    }

    /** The model to import (default: the source's most recently trained). */
    public ImportModelAction model(String id) {
        this.modelId = id;
        return this;
    }

    @Override
    protected String description() {
        return "Importing model " + (modelId == null ? "(latest)" : modelId) + " from " + from;
    }

    @Override
    protected ImportModelResult run(JobGroup group) {
        Warehouse source = new Warehouse(warehouse.spark(), from);
        if (source.root().equals(warehouse.root())) {
            throw new IllegalArgumentException("--from names this warehouse (" + from + "): nothing to import");
        }
        group.step("reading the source's model");
        String id = modelId != null ? modelId : new ModelRegistry(source).latest();
        ModelStore sourceStore = ModelStore.of(source);
        ModelManifest manifest = sourceStore.manifest(id);
        byte[] parameters = sourceStore.parameters(id);
        String set = manifest.embeddingSet();
        // Checked before anything is written, so a refused import leaves this warehouse as it was.
        if (set != null && (!source.exists(Tables.EMBEDDING_SETS) || source.read(Tables.EMBEDDING_SETS)
                .where(col("embedding_set").equalTo(set)).isEmpty())) {
            throw new IllegalStateException("Model " + id + " was trained on embedding set " + set
                    + ", which " + from + " does not hold");
        }

        ModelStore store = ModelStore.of(warehouse);
        boolean copied;
        if (store.exists(id)) {
            if (!Arrays.equals(store.parameters(id), parameters)) {
                throw new IllegalStateException("This warehouse already holds a different model under the id " + id
                        + " (" + store.pathOf(id) + "); it is not replaced");
            }
            copied = false;
        } else {
            store.save(manifest, parameters);
            copied = true;
        }

        List<MergeCounts> tables = new ArrayList<>();
        if (set != null) {
            group.step("copying embedding set " + set);
            for (TableDef table : List.of(Tables.EMBEDDING_SETS, Tables.EMBEDDINGS)) {
                tables.add(KeyedMerge.merge(warehouse, table,
                        source.read(table).where(col("embedding_set").equalTo(set)), List.of()));
            }
        }

        group.step("registering model " + id);
        Boolean sweepBest = null;
        if (source.exists(Tables.MODELS)) {
            List<Row> rows = source.read(Tables.MODELS).where(col("model_id").equalTo(id)).select("sweep_best")
                    .collectAsList();
            sweepBest = rows.isEmpty() || rows.get(0).isNullAt(0) ? null : rows.get(0).getBoolean(0);
        }
        tables.add(new ModelRegistry(warehouse).register(List.of(
                new ModelRegistry.Entry(manifest, store.pathOf(id), sweepBest, source.root()))));
        return new ImportModelResult(id, source.root(), copied, set, manifest.inputVersions(), tables,
                group.elapsedSeconds());
    }
}
