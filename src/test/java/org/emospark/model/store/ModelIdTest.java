package org.emospark.model.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;
import org.junit.jupiter.api.Test;

class ModelIdTest {
    private static final ModelConfig CONFIG = new ModelConfig(1000, 0.002, List.of(2, 4), List.of(4, 2), List.of(2, 4),
            0.5, 8, 4, 3, 100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL,
            3, 4);
    private static final TrainSettings SETTINGS = new TrainSettings(10, 3, 4, 5e-4, 0.9, 0.99, 5, 2021, false);
    private static final Map<String, Long> VERSIONS = Map.of("recordings", 3L, "labels", 2L, "semantic_frames", 5L);

    private static String id(ModelConfig config, TrainSettings settings, String set, Map<String, Long> versions) {
        return ModelId.of("attention-both", config, settings, set, versions);
    }

    @Test
    void theSameInputsGiveTheSameIdOfNameAndDigest() {
        String a = id(CONFIG, SETTINGS, "w2v-abc", VERSIONS);
        // Equal but separately built values, not the same instances.
        String b = id(CONFIG.withDropout(0.5), SETTINGS.withEpochs(10), "w2v-" + "abc", new LinkedHashMap<>(VERSIONS));
        assertEquals(a, b);
        assertTrue(a.matches("attention-both-[0-9a-f]{10}"), a);
    }

    @Test
    void anyChangeInWhatDeterminesTheParametersChangesTheId() {
        String base = id(CONFIG, SETTINGS, "w2v-abc", VERSIONS);
        Map<String, Long> newerLabels = new LinkedHashMap<>(VERSIONS);
        newerLabels.put("labels", 3L);
        Map<String, Long> moreTables = new LinkedHashMap<>(VERSIONS);
        moreTables.put("turns", 0L);
        List<String> variants = List.of(
                id(CONFIG.withDropout(0.4), SETTINGS, "w2v-abc", VERSIONS),
                id(CONFIG.withFusion(ModelConfig.Fusion.CONCAT), SETTINGS, "w2v-abc", VERSIONS),
                id(CONFIG.withStreams(ModelConfig.Streams.SEMANTIC), SETTINGS, "w2v-abc", VERSIONS),
                id(CONFIG.withWindowFrames(8), SETTINGS, "w2v-abc", VERSIONS),
                id(CONFIG.withLossWeights(ModelConfig.LossWeights.FAITHFUL), SETTINGS, "w2v-abc", VERSIONS),
                id(CONFIG, SETTINGS.withEpochs(11), "w2v-abc", VERSIONS),
                id(CONFIG, SETTINGS.withShuffledLabels(true), "w2v-abc", VERSIONS),
                id(CONFIG, new TrainSettings(10, 3, 4, 5e-4, 0.9, 0.99, 5, 2022, false), "w2v-abc", VERSIONS),
                id(CONFIG, new TrainSettings(10, 3, 4, 1e-4, 0.9, 0.99, 5, 2021, false), "w2v-abc", VERSIONS),
                id(CONFIG, new TrainSettings(10, 3, 4, 5e-4, 0.9, 0.99, 5, 2021, false, false, 0.3, false, false), "w2v-abc", VERSIONS),
                id(CONFIG, SETTINGS.withAverageEpochs(2), "w2v-abc", VERSIONS),
                id(CONFIG, SETTINGS.withPatienceTolerance(0.005), "w2v-abc", VERSIONS),
                id(CONFIG, SETTINGS, "w2v-abd", VERSIONS),
                id(CONFIG, SETTINGS, null, VERSIONS),
                id(CONFIG, SETTINGS, "w2v-abc", newerLabels),
                id(CONFIG, SETTINGS, "w2v-abc", moreTables));
        Set<String> all = new HashSet<>(variants);
        all.add(base);
        assertEquals(variants.size() + 1, all.size(), "every variant has its own id: " + variants);
        // The name is part of the id too.
        assertNotEquals(base, ModelId.of("other", CONFIG, SETTINGS, "w2v-abc", VERSIONS));
        assertTrue(ModelId.of("other", CONFIG, SETTINGS, "w2v-abc", VERSIONS).startsWith("other-"));
    }

    @Test
    void theOrderOfTheInputVersionsDoesNotMatter() {
        Map<String, Long> one = new LinkedHashMap<>();
        one.put("recordings", 3L);
        one.put("labels", 2L);
        one.put("semantic_frames", 5L);
        Map<String, Long> other = new LinkedHashMap<>();
        other.put("semantic_frames", 5L);
        other.put("labels", 2L);
        other.put("recordings", 3L);
        assertEquals(id(CONFIG, SETTINGS, "w2v-abc", one), id(CONFIG, SETTINGS, "w2v-abc", other));
    }

    @Test
    void invalidNamesAreRejected() {
        for (String bad : new String[] {null, "", "-leading-dash", ".hidden", "with space", "a/b", "a:b", "é",
                "x".repeat(65)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelId.of(bad, CONFIG, SETTINGS, "set", VERSIONS), "name " + bad);
            assertTrue(e.getMessage().contains("model name"), e.getMessage());
        }
        // The limits themselves are fine.
        assertTrue(ModelId.of("x".repeat(64), CONFIG, SETTINGS, "set", VERSIONS).startsWith("x".repeat(64) + "-"));
        assertTrue(ModelId.of("A1_b.c-d", CONFIG, SETTINGS, "set", VERSIONS).startsWith("A1_b.c-d-"));
    }

    @Test
    void theDefaultNameSaysFusionStreamsAndTheShuffledControl() {
        assertEquals("attention-both", ModelId.defaultName(CONFIG, SETTINGS));
        assertEquals("concat-paralinguistic-shuffled", ModelId.defaultName(
                CONFIG.withFusion(ModelConfig.Fusion.CONCAT).withStreams(ModelConfig.Streams.PARALINGUISTIC),
                SETTINGS.withShuffledLabels(true)));
        assertEquals("attention-semantic", ModelId.defaultName(CONFIG.withStreams(ModelConfig.Streams.SEMANTIC), SETTINGS));
    }
}
