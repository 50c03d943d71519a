package org.emospark.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The application's configuration, read once on the driver from one file,
 * {@code conf/emospark.properties}: plain keys apply to every profile, keys written
 * {@code %profile.key} apply to that profile only and win over plain ones, and command-line
 * overrides win over both. Keys without a value anywhere fall back to the defaults in
 * {@link ConfigKeys}, so the application also runs where no conf folder was shipped.
 */
public final class EmosparkConfig implements Serializable {
    public static final String DEFAULT_PROFILE = "local";
    public static final String CONF_DIR_ENV = "EMOSPARK_CONF_DIR";
    private static final String BASE_FILE = "emospark.properties";

    private final Map<String, String> values;
    private final String profile;

    private EmosparkConfig(Map<String, String> values, String profile) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.profile = profile;
    }

    /** Loads base file and profile from {@code confDir} (may be null: defaults only), then applies overrides. */
    public static EmosparkConfig load(Path confDir, String profile, Map<String, String> overrides) {
        String chosen = profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile;
        Map<String, String> merged = new LinkedHashMap<>();
        if (confDir != null) {
            Map<String, String> file = readProperties(confDir.resolve(BASE_FILE));
            java.util.Set<String> known = new java.util.TreeSet<>(List.of(DEFAULT_PROFILE));
            String prefix = "%" + chosen + ".";
            Map<String, String> forProfile = new LinkedHashMap<>();
            file.forEach((k, v) -> {
                if (k.startsWith("%")) {
                    known.add(k.substring(1, Math.max(1, k.indexOf('.'))));
                    if (k.startsWith(prefix)) {
                        forProfile.put(k.substring(prefix.length()), v);
                    }
                } else {
                    merged.put(k, v);
                }
            });
            if (!known.contains(chosen)) {
                throw new IllegalArgumentException("Unknown profile '" + chosen + "' in "
                        + confDir.resolve(BASE_FILE) + "; known profiles: " + String.join(", ", known));
            }
            merged.putAll(forProfile);
        }
        merged.putAll(overrides);
        return new EmosparkConfig(merged, chosen);
    }

    /** Defaults plus overrides, no files: for tests and embedded use. */
    public static EmosparkConfig ofOverrides(Map<String, String> overrides) {
        return new EmosparkConfig(new LinkedHashMap<>(overrides), DEFAULT_PROFILE);
    }

    /** The conf folder to use: explicit, else $EMOSPARK_CONF_DIR, else ./conf when present, else none. */
    public static Path locateConfDir(Path explicit) {
        if (explicit != null) {
            if (!Files.isDirectory(explicit)) {
                throw new IllegalArgumentException("Config folder does not exist: " + explicit);
            }
            return explicit;
        }
        String env = System.getenv(CONF_DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path local = Path.of("conf");
        return Files.isDirectory(local) ? local : null;
    }

    public EmosparkConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new EmosparkConfig(merged, profile);
    }

    public String profile() {
        return profile;
    }

    public String get(ConfigKey key) {
        return values.getOrDefault(key.name(), key.defaultValue());
    }

    public boolean getBoolean(ConfigKey key) {
        String raw = get(key).trim();
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw new IllegalArgumentException(key.name() + " must be true or false, cannot be: " + raw);
    }

    public int getInt(ConfigKey key) {
        String raw = get(key);
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.name() + " must be a whole number, cannot be: " + raw);
        }
    }

    public double getDouble(ConfigKey key) {
        String raw = get(key);
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.name() + " must be a number, cannot be: " + raw);
        }
    }

    /** Every {@code spark.*} entry, to be handed to the SparkSession builder. */
    public Map<String, String> sparkSettings() {
        Map<String, String> spark = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("spark.")) {
                spark.put(k, v);
            }
        });
        return spark;
    }

    public Map<String, String> asMap() {
        return values;
    }

    /**
     * A config layer from a file given on the command line: {@code spark.*} keys and known {@code emospark.*}
     * keys only (a misspelt key fails here instead of silently doing nothing); no profile prefixes.
     */
    public static Map<String, String> readLayer(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Config file does not exist: " + file);
        }
        Map<String, String> layer = readProperties(file);
        java.util.Set<String> known = new java.util.TreeSet<>();
        ConfigKeys.all().forEach(k -> known.add(k.name()));
        for (String key : layer.keySet()) {
            if (!key.startsWith("spark.") && !known.contains(key)) {
                throw new IllegalArgumentException("Unknown key '" + key + "' in " + file + ": config files given with "
                        + "--config hold spark.* keys and the emospark.* keys documented in conf/emospark.properties");
            }
        }
        return layer;
    }

    private static Map<String, String> readProperties(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            out.put(name, props.getProperty(name).trim());
        }
        return out;
    }
}
