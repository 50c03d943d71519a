package org.emospark.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.emospark.config.ConfigKey;
import org.emospark.config.ConfigKeys;

/**
 * Whether a configuration key named in a deploy file really exists: emospark keys from {@link ConfigKeys}; Spark keys
 * from Spark's own registry of config entries (core and SQL), plus the key families Spark documents as patterns
 * (per-resource keys, executor and application-master environment variables, Hadoop pass-through); s3a keys from
 * hadoop-aws's constants.
 */
final class KnownConfKeys {
    // Spark registers every ConfigEntry when the object declaring it is initialised.
    private static final String[] SPARK_CONFIG_HOLDERS = {
        "org.apache.spark.internal.config.package$", "org.apache.spark.internal.config.Deploy$",
        "org.apache.spark.internal.config.History$", "org.apache.spark.internal.config.Kryo$",
        "org.apache.spark.internal.config.Network$", "org.apache.spark.internal.config.Python$",
        "org.apache.spark.internal.config.R$", "org.apache.spark.internal.config.Status$",
        "org.apache.spark.internal.config.Streaming$", "org.apache.spark.internal.config.Tests$",
        "org.apache.spark.internal.config.UI$", "org.apache.spark.internal.config.Worker$",
        "org.apache.spark.sql.internal.SQLConf$", "org.apache.spark.sql.internal.StaticSQLConf$"};
    private static final Pattern SPARK_FAMILIES = Pattern.compile(
            "spark\\.(driver|executor)\\.resource\\.\\w+\\.(amount|discoveryScript|vendor)"
                    + "|spark\\.task\\.resource\\.\\w+\\.amount"
                    + "|spark\\.executorEnv\\.\\w+"
                    + "|spark\\.yarn\\.appMasterEnv\\.\\w+"
                    + "|spark\\.hadoop\\..+");
    private static Object registry;

    private KnownConfKeys() {
    }

    static boolean isEmosparkKey(String key) {
        return ConfigKeys.all().stream().map(ConfigKey::name).anyMatch(key::equals);
    }

    static synchronized boolean isSparkKey(String key) {
        if (SPARK_FAMILIES.matcher(key).matches()) {
            return true;
        }
        try {
            if (registry == null) {
                for (String holder : SPARK_CONFIG_HOLDERS) {
                    Class.forName(holder, true, KnownConfKeys.class.getClassLoader());
                }
                registry = Class.forName("org.apache.spark.internal.config.ConfigEntry$").getField("MODULE$").get(null);
            }
            return registry.getClass().getMethod("findEntry", String.class).invoke(registry, key) != null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Spark's config registry is not where Spark 3.5 keeps it", e);
        }
    }

    /** Every fs.s3a.* key hadoop-aws defines. */
    static Set<String> s3aKeys() {
        Set<String> keys = new TreeSet<>();
        try {
            for (Field f : Class.forName("org.apache.hadoop.fs.s3a.Constants").getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    String value = (String) f.get(null);
                    if (value != null && value.startsWith("fs.s3a.")) {
                        keys.add(value);
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    /** spark-submit's options (--master, --deploy-mode, ...), as its launcher knows them. */
    static Set<String> sparkSubmitOptions() {
        Set<String> options = new TreeSet<>();
        try {
            Class<?> parser = Class.forName("org.apache.spark.launcher.SparkSubmitOptionParser");
            var constructor = parser.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object instance = constructor.newInstance();
            for (Field f : parser.getDeclaredFields()) {
                if (f.getType() == String.class && !Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    options.add((String) f.get(instance));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return options;
    }
}
