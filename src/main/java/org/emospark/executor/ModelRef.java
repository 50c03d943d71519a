package org.emospark.executor;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.util.SerializableConfiguration;
import org.emospark.lake.Warehouse;

/**
 * Where executors find a stored model: the warehouse root, the model id and the Hadoop configuration to read
 * the model store with (s3a endpoints and credential providers included). Serialisable, so it travels to the
 * executors with the task or in a broadcast; {@link ExecutorModels} turns it into a loaded model there.
 */
public record ModelRef(String warehouseRoot, String modelId, SerializableConfiguration hadoop) implements Serializable {
    public ModelRef {
        Objects.requireNonNull(warehouseRoot, "warehouseRoot");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(hadoop, "hadoop");
    }

    /** The model {@code modelId} of {@code warehouse}, read with the session's Hadoop configuration. */
    public static ModelRef of(Warehouse warehouse, String modelId) {
        return new ModelRef(warehouse.root(), modelId,
                new SerializableConfiguration(warehouse.spark().sparkContext().hadoopConfiguration()));
    }

    @Override
    public String toString() {
        return modelId + " in " + warehouseRoot;
    }
}
