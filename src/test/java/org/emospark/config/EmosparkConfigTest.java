package org.emospark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmosparkConfigTest {
    @TempDir
    Path dir;

    private void write(String content) throws IOException {
        Files.writeString(dir.resolve("emospark.properties"), content);
    }

    @Test
    void profileKeysWinOverPlainKeysAndOverridesWinOverBoth() throws IOException {
        write("emospark.warehouse=/base\nemospark.ingest.chunkSeconds=30\n%cluster.emospark.warehouse=s3a://b/w\n"
                + "%cluster.spark.sql.shuffle.partitions=200\n");
        EmosparkConfig cluster = EmosparkConfig.load(dir, "cluster", Map.of("emospark.ingest.chunkSeconds", "10"));
        assertEquals("s3a://b/w", cluster.get(ConfigKeys.WAREHOUSE));
        assertEquals(10, cluster.getInt(ConfigKeys.CHUNK_SECONDS));
        assertEquals(Map.of("spark.sql.shuffle.partitions", "200"), cluster.sparkSettings());

        EmosparkConfig local = EmosparkConfig.load(dir, null, Map.of());
        assertEquals("/base", local.get(ConfigKeys.WAREHOUSE));
        assertTrue(local.sparkSettings().isEmpty(), "another profile's spark keys do not leak");
    }

    @Test
    void unknownProfileIsAnErrorNamingTheKnownOnes() throws IOException {
        write("%cluster.emospark.warehouse=x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmosparkConfig.load(dir, "clutser", Map.of()));
        assertTrue(e.getMessage().contains("clutser") && e.getMessage().contains("cluster, local"), e.getMessage());
    }

    @Test
    void missingKeysFallBackToTheDocumentedDefaults() {
        EmosparkConfig none = EmosparkConfig.load(null, null, Map.of());
        assertEquals(22050, none.getInt(ConfigKeys.SAMPLE_RATE));
        assertEquals("./warehouse", none.get(ConfigKeys.WAREHOUSE));
    }

    @Test
    void nonNumericValueNamesTheKeyAndTheValue() {
        EmosparkConfig bad = EmosparkConfig.ofOverrides(Map.of("emospark.audio.sampleRate", "22k"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.getInt(ConfigKeys.SAMPLE_RATE));
        assertEquals("emospark.audio.sampleRate must be a whole number, cannot be: 22k", e.getMessage());
    }

    @Test
    void aFlagIsTrueOrFalseInAnyCaseAndAnythingElseNamesTheKey() {
        assertEquals(true, EmosparkConfig.ofOverrides(Map.of("emospark.model.prosody", " TRUE ")).getBoolean(ConfigKeys.MODEL_PROSODY));
        assertEquals(false, EmosparkConfig.ofOverrides(Map.of("emospark.model.prosody", "false")).getBoolean(ConfigKeys.MODEL_PROSODY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmosparkConfig.ofOverrides(Map.of("emospark.model.prosody", "yes")).getBoolean(ConfigKeys.MODEL_PROSODY));
        assertEquals("emospark.model.prosody must be true or false, cannot be: yes", e.getMessage());
    }

    @Test
    void shippedConfigDocumentsEveryKeyWithItsDefault() throws IOException {
        Properties shipped = new Properties();
        try (var in = Files.newInputStream(TestSpark.repoRoot().resolve("conf/emospark.properties"))) {
            shipped.load(in);
        }
        for (ConfigKey key : ConfigKeys.all()) {
            assertEquals(key.defaultValue(), shipped.getProperty(key.name()),
                    "conf/emospark.properties must document " + key.name() + " with its default");
        }
        for (String name : shipped.stringPropertyNames()) {
            if (name.startsWith("emospark.")) {
                assertTrue(ConfigKeys.all().stream().anyMatch(k -> k.name().equals(name)),
                        name + " is in conf/emospark.properties but the application never reads it");
            }
        }
        for (String profile : new String[] {"local", "test", "cluster", "gpu"}) {
            EmosparkConfig.load(TestSpark.repoRoot().resolve("conf"), profile, Map.of());
        }
    }
}
