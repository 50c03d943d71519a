package org.emospark.model.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;
import org.emospark.runtime.Sha256;

/**
 * A model's id: a readable name and a digest of everything that determines the trained parameters (network
 * config, training settings, embedding set, the versions of the lake tables read). Training is seeded and
 * repeats on CPU (bit for bit with one PyTorch thread, to within float rounding with several), so the same id
 * means the same model, and training it again can be skipped.
 */
public final class ModelId {
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ModelId() {
    }

    /** The default name: fusion and streams, plus {@code -shuffled} for the control; e.g. {@code attention-both}. */
    public static String defaultName(ModelConfig config, TrainSettings settings) {
        return (config.fusion() + "-" + config.streams()).toLowerCase(Locale.ROOT)
                + (settings.shuffledLabels() ? "-shuffled" : "");
    }

    public static String of(String name, ModelConfig config, TrainSettings settings, String embeddingSet,
                            Map<String, Long> inputVersions) {
        return of(name, config, settings, embeddingSet, inputVersions, null, null);
    }

    /**
     * The id of a model of the fusion stage: also digests the source model (its CNN and its features) and how the
     * post-CNN parameters started. With {@code sourceModelId} null it is the end-to-end id.
     */
    public static String of(String name, ModelConfig config, TrainSettings settings, String embeddingSet,
                            Map<String, Long> inputVersions, String sourceModelId, String init) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("A model name is 1-64 letters, digits, '.', '_' or '-', cannot be: " + name);
        }
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("config", config);
        what.put("settings", settings);
        what.put("embeddingSet", embeddingSet);
        what.put("inputVersions", new TreeMap<>(inputVersions));
        if (sourceModelId != null) {
            what.put("fusionStage", Map.of("source", sourceModelId, "init", String.valueOf(init)));
        }
        try {
            return name + "-" + Sha256.hex(CANONICAL.writeValueAsString(what)).substring(0, 10);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot describe the model for its id", e);
        }
    }
}
