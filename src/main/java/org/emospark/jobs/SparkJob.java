package org.emospark.jobs;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.runtime.SparkSessions;
import picocli.CommandLine.Mixin;

/**
 * The shape every job shares: read config, open the session and the warehouse, run, print the
 * summary. Subclasses only say what they do with the warehouse.
 */
abstract class SparkJob implements Callable<Integer> {
    @Mixin
    JobOptions options = new JobOptions();

    /** Runs the job and returns the text to print when it is done. */
    protected abstract String run(Warehouse warehouse, EmosparkConfig config) throws Exception;

    protected abstract String appName();

    @Override
    public Integer call() throws Exception {
        EmosparkConfig config = options.config();
        validate(config);
        SparkSession spark = SparkSessions.getOrCreate(appName(), config);
        try {
            Warehouse warehouse = new Warehouse(spark, config.get(ConfigKeys.WAREHOUSE));
            warehouse.requireUsableRoot();
            String summary = run(warehouse, config);
            System.out.print(summary);
            System.out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Checks arguments before a Spark session is started, so usage errors fail fast. */
    protected void validate(EmosparkConfig config) {
    }

    /** Windows per forward pass: a --batch-size option when given, else emospark.score.batchSize; at least 1. */
    static int batchSize(Integer option, EmosparkConfig config) {
        int n = option != null ? option : config.getInt(ConfigKeys.SCORE_BATCH);
        if (n < 1) {
            throw new IllegalArgumentException((option != null ? "--batch-size" : ConfigKeys.SCORE_BATCH.name())
                    + " must be at least 1, cannot be: " + n);
        }
        return n;
    }
}
