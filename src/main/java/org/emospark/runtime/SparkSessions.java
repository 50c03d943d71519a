package org.emospark.runtime;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;

/**
 * The one place a SparkSession is built, for jobs and tests alike. What the product needs to work
 * at all (Delta's extension and catalog, loopback binding in local mode, offline DJL) is set here;
 * tuning lives in {@code conf/}. Settings already given to spark-submit win over the config files.
 */
public final class SparkSessions {
    /**
     * Which settings Spark shows as "*********(redacted)" in its UI, REST API, event logs and logged plans: those
     * whose key or value matches. Spark's default ({@code (?i)secret|password|token|access[.]?key}) already hides
     * s3a's secret and access keys, session tokens and credential-store passwords; this widens it to the other
     * spellings s3a credentials take: {@code spark.executorEnv.AWS_ACCESS_KEY_ID} (an underscore) and the SSE-C key
     * {@code fs.s3a.encryption.key}. A site's own {@code spark.redaction.regex} wins.
     */
    public static final String REDACTION_REGEX = "(?i)secret|password|token|access[._-]?key|encryption[._-]?key";

    /**
     * Parquet checks a page's size first after this many values (its default: 100). An {@code audio_chunks} value is
     * 1.9 MB (30 s of float32 at 16 kHz), so the default buffers 190 MB pages, which the compressor then copies into
     * growing arrays: ingesting an hour of audio into a lake that already had some ran a 4 GB driver out of heap.
     * Checking after every value keeps pages near their 1 MB target; later checks are still spaced by Parquet's
     * estimate, so tables of small rows check no more often than before.
     */
    public static final String PARQUET_FIRST_PAGE_CHECK = "spark.hadoop.parquet.page.size.row.check.min";

    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName, EmosparkConfig config) {
        SparkConf conf = new SparkConf(true);
        conf.setIfMissing("spark.app.name", appName);
        for (Map.Entry<String, String> e : config.sparkSettings().entrySet()) {
            conf.setIfMissing(e.getKey(), e.getValue());
        }
        conf.setIfMissing("spark.master", config.get(ConfigKeys.SPARK_MASTER_DEFAULT));
        conf.setIfMissing("spark.redaction.regex", REDACTION_REGEX);
        conf.setIfMissing(PARQUET_FIRST_PAGE_CHECK, "1");
        conf.set("spark.sql.extensions", appendUnique(conf.get("spark.sql.extensions", ""),
                "io.delta.sql.DeltaSparkSessionExtension", ","));
        conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        if (conf.get("spark.master").startsWith("local")) {
            // The host name resolves off loopback on many machines; local runs must stay on 127.0.0.1.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        String offline = "-Dai.djl.offline=true";
        conf.set("spark.executor.extraJavaOptions",
                appendUnique(conf.get("spark.executor.extraJavaOptions", ""), offline, " "));
        conf.set("spark.executorEnv.DJL_OFFLINE", "true");
        System.setProperty("ai.djl.offline", "true");
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * {@code existing} with {@code value} added unless it is there already; {@code separator} is "," for class lists
     * such as spark.sql.extensions, " " for JVM options (a comma there would glue two options into one the JVM
     * refuses, and the executors would not start).
     */
    static String appendUnique(String existing, String value, String separator) {
        if (existing == null || existing.isBlank()) {
            return value;
        }
        for (String part : existing.trim().split(separator.isBlank() ? "\\s+" : "\\s*" + separator + "\\s*")) {
            if (part.equals(value)) {
                return existing;
            }
        }
        return existing.trim() + separator + value;
    }
}
