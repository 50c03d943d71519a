package org.emospark.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.emospark.config.ConfigKey;
import org.emospark.config.ConfigKeys;

/**
 * A sweep file: several configurations of the fusion stage, each trained in its own Spark task. A properties file
 * whose keys are the network, training and fusion keys of {@code conf/emospark.properties}
 * ({@code emospark.model.*}, {@code emospark.train.*}, {@code emospark.fusion.*}), plain for every configuration or
 * prefixed with a configuration's name for that one:
 * <pre>
 *   emospark.train.epochs=15
 *   attention.emospark.model.fusion=attention
 *   concat.emospark.model.fusion=concat
 *   attention-random.emospark.fusion.init=random
 * </pre>
 * The sweep is named after the file ({@code fusion-quick.properties}: {@code fusion-quick}) and each model after the
 * sweep and its configuration ({@code fusion-quick-concat}); configurations come in name order.
 */
public record FusionSweep(String name, Map<String, String> common, Map<String, Map<String, String>> configurations) {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_-]*";
    private static final String KEYS = "emospark.";
    private static final List<String> SWEPT = List.of("emospark.model.", "emospark.train.", "emospark.fusion.");

    public FusionSweep {
        common = Map.copyOf(common);
        Map<String, Map<String, String>> copy = new TreeMap<>();
        configurations.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        configurations = java.util.Collections.unmodifiableMap(copy);
    }

    /** The model name of a configuration: the sweep's name, a dash, the configuration's. */
    public String modelName(String configuration) {
        return name + "-" + configuration;
    }

    /** The keys of one configuration: the common ones, then its own. */
    public Map<String, String> keys(String configuration) {
        Map<String, String> out = new TreeMap<>(common);
        out.putAll(configurations.get(configuration));
        return out;
    }

    public static FusionSweep read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Sweep file does not exist: " + file);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (!stem.matches(NAME)) {
            throw new IllegalArgumentException("A sweep is named after its file, so the file name must be letters, digits, "
                    + "'_' or '-' before its extension, cannot be: " + file.getFileName());
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read sweep file " + file + ": " + e.getMessage(), e);
        }
        Set<String> known = new TreeSet<>();
        for (ConfigKey k : ConfigKeys.all()) {
            known.add(k.name());
        }
        Map<String, String> common = new TreeMap<>();
        Map<String, Map<String, String>> configurations = new TreeMap<>();
        for (String raw : props.stringPropertyNames()) {
            int dot = raw.startsWith(KEYS) ? -1 : raw.indexOf("." + KEYS);
            String configuration = dot < 0 ? null : raw.substring(0, dot);
            String key = raw.substring(dot + 1);
            if ((dot < 0 && !raw.startsWith(KEYS)) || (configuration != null && !configuration.matches(NAME))) {
                throw new IllegalArgumentException("Sweep file " + file + ": key '" + raw + "' is neither an emospark key nor "
                        + "<configuration>.<emospark key> with a configuration name of letters, digits, '_' or '-'");
            }
            if (!known.contains(key) || SWEPT.stream().noneMatch(key::startsWith)) {
                throw new IllegalArgumentException("Sweep file " + file + ": '" + key + "' is not a network, training or "
                        + "fusion key (emospark.model.*, emospark.train.*, emospark.fusion.* of conf/emospark.properties)");
            }
            String value = props.getProperty(raw).trim();
            if (configuration == null) {
                common.put(key, value);
            } else {
                configurations.computeIfAbsent(configuration, c -> new TreeMap<>()).put(key, value);
            }
        }
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("Sweep file " + file + " names no configuration: write keys as "
                    + "<configuration>.emospark.model.fusion=concat");
        }
        return new FusionSweep(stem, common, configurations);
    }

    /** The configuration names, in order. */
    public List<String> names() {
        return new ArrayList<>(configurations.keySet());
    }
}
