package org.emospark.testing;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.emospark.config.EmosparkConfig;
import org.emospark.runtime.SparkSessions;

/** One local SparkSession for all Spark tests in the JVM, built the way jobs build theirs (profile "test"). */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSessions.getOrCreate("emospark tests", config(Map.of()));
        }
        return session;
    }

    public static EmosparkConfig config(Map<String, String> overrides) {
        Map<String, String> all = new java.util.HashMap<>();
        all.put("spark.master", "local[2]");
        all.putAll(overrides);
        return EmosparkConfig.load(repoRoot().resolve("conf"), "test", all);
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("emospark.repo.root", ".")).toAbsolutePath();
    }
}
