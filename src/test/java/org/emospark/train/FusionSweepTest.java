package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FusionSweepTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void commonKeysThenEachConfigurationsOwnInNameOrder() throws IOException {
        FusionSweep sweep = FusionSweep.read(file("fusion-quick.properties", """
                # every configuration
                emospark.train.epochs=15
                emospark.model.fusion=attention
                concat.emospark.model.fusion=concat
                attention.emospark.train.learningRate=1e-3
                concat-random.emospark.model.fusion=concat
                concat-random.emospark.fusion.init=random
                """));
        assertEquals("fusion-quick", sweep.name());
        assertEquals(List.of("attention", "concat", "concat-random"), sweep.names());
        assertEquals(Map.of("emospark.train.epochs", "15", "emospark.model.fusion", "attention",
                "emospark.train.learningRate", "1e-3"), sweep.keys("attention"));
        assertEquals(Map.of("emospark.train.epochs", "15", "emospark.model.fusion", "concat", "emospark.fusion.init",
                "random"), sweep.keys("concat-random"));
        assertEquals("fusion-quick-concat", sweep.modelName("concat"));
    }

    @Test
    void keysThatAreNotNetworkTrainingOrFusionKeysAreRefusedNamingThem() throws IOException {
        for (String bad : new String[] {"a.emospark.warehouse=/tmp/x", "a.emospark.model.fusoin=concat",
                "a.spark.executor.cores=2", "a+b.emospark.model.fusion=concat", "emospark.train.epochs=3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FusionSweep.read(file("s.properties", bad + "\n")), bad);
            String key = bad.substring(0, bad.indexOf('='));
            assertTrue(e.getMessage().contains(key.substring(key.indexOf('.') + 1)) || e.getMessage().contains("no configuration"),
                    bad + ": " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FusionSweep.read(tmp.resolve("missing.properties")));
    }
}
