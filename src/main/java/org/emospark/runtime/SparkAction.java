package org.emospark.runtime;

import org.apache.spark.sql.SparkSession;

/**
 * One operation of the pipeline, in the spirit of Iceberg's Spark actions: options are set through small fluent
 * methods on the subclass, and {@link #execute()} runs the work under a named Spark job group (restoring the previous
 * one afterwards) and returns an immutable result record with what a caller wants to print or assert. Printing is
 * the CLI's business: actions never write to the console.
 *
 * @param <R> the result record
 */
public abstract class SparkAction<R extends Record> {
    private final SparkSession spark;
    private final String jobGroup;

    protected SparkAction(SparkSession spark, String jobGroup) {
        this.spark = spark;
        this.jobGroup = jobGroup;
    }

    /** What this run does, for the Spark UI's job group: e.g. "Ingesting avec2017 corpus /data/sewa". */
    protected abstract String description();

    /** The work. {@code group} names each step's Spark jobs and times the run. */
    protected abstract R run(JobGroup group);

    /** Runs the action under its job group; the group is restored even when the run fails. */
    public final R execute() {
        try (JobGroup group = JobGroup.start(spark, jobGroup, description())) {
            return run(group);
        }
    }
}
