package org.emospark.jobs;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import picocli.CommandLine.Option;

/** Options every job takes: where the lake is and how to override configuration. */
public final class JobOptions {
    @Option(names = "--warehouse", paramLabel = "PATH",
            description = "Warehouse root (local path, hdfs:// or s3a://); overrides emospark.warehouse.")
    String warehouse;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "Override a config key (emospark.* or spark.*); repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file layered over emospark.properties (below --conf), e.g. conf/models/quick.properties.")
    Path configFile;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Config profile: local (default), cluster, gpu.")
    String profile;

    @Option(names = "--conf-dir", paramLabel = "DIR",
            description = "Folder holding emospark.properties (default: $EMOSPARK_CONF_DIR, else ./conf).")
    Path confDir;

    // Read by the CLI's failure handler (by name), not here.
    @Option(names = "--verbose", description = "On failure, print the stack trace here too (else it goes to a file "
            + "under $EMOSPARK_LOG_DIR, default <tmp>/emospark-logs, named in the error line).")
    boolean verbose;

    public EmosparkConfig config() {
        Map<String, String> all = commandLineKeys();
        if (warehouse != null) {
            all.put(ConfigKeys.WAREHOUSE.name(), warehouse);
        }
        return EmosparkConfig.load(EmosparkConfig.locateConfDir(confDir), profile, all);
    }

    /** The keys given on the command line, the --config file's then --conf's: what the user asked for in so many words. */
    public Map<String, String> commandLineKeys() {
        Map<String, String> all = new LinkedHashMap<>();
        if (configFile != null) {
            all.putAll(EmosparkConfig.readLayer(configFile));
        }
        all.putAll(overrides);
        return all;
    }
}
