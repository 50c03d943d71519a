package org.emospark.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.NetworkInputs;
import org.emospark.model.store.ModelStore;

/**
 * Where the fusion stage starts: the stored model whose CNN computed the features it trains from (the source).
 * The new network always gets the source's CNN parameters, unchanged: they made the features, and the stored
 * result must compute from audio what training saw as features. With {@link Init#SOURCE} it also gets every
 * post-CNN parameter whose place and shape match the source's (with the source's own fusion config: all of them,
 * so training goes on from the end-to-end model); with {@link Init#RANDOM} those keep their seeded initialisation.
 *
 * <p>A place is a parameter's path through the blocks without DJL's child numbers ({@code lstm_kernel},
 * {@code fusion_branch1_linear_weight}), so a network without the semantic stream still finds its LSTM.
 */
public final class FusionStart {
    /** How the post-CNN parameters start. */
    public enum Init {
        /** From the source model wherever place and shape match. */
        SOURCE,
        /** From the seed, as in end-to-end training. */
        RANDOM;

        /** The spelling of the {@code emospark.fusion.init} key. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The source model as training needs it: serializable, so a sweep can broadcast it. */
    public record Source(String modelId, ModelConfig config, byte[] parameters) implements Serializable {
        public Source {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(parameters, "parameters");
        }
    }

    private static final String CNN = "paralinguisticCnn_";

    private final Source source;
    private final Init init;
    private List<String> fromSource = List.of();

    public FusionStart(Source source, Init init) {
        this.source = Objects.requireNonNull(source, "source");
        this.init = Objects.requireNonNull(init, "init");
    }

    public Source source() {
        return source;
    }

    public Init init() {
        return init;
    }

    /**
     * Refuses a config whose CNN, or the window grid it ran on, differs from the source's: the stored features
     * would not be what that network's CNN computes.
     */
    public static void requireSameCnn(ModelConfig config, String sourceModelId, ModelConfig s) {
        if (!config.streams().usesParalinguistic() || !s.streams().usesParalinguistic()) {
            throw new IllegalArgumentException("The fusion stage needs a CNN in both networks: model " + sourceModelId
                    + " has streams " + s.streams() + ", the new network " + config.streams());
        }
        List<String> differ = new ArrayList<>();
        compare(differ, "emospark.audio.sampleRate", s.sampleRate(), config.sampleRate());
        compare(differ, "emospark.audio.frameSeconds", s.frameSeconds(), config.frameSeconds());
        compare(differ, "emospark.model.cnnFilters", s.cnnFilters(), config.cnnFilters());
        compare(differ, "emospark.model.cnnKernels", s.cnnKernels(), config.cnnKernels());
        compare(differ, "emospark.model.pools", s.pools(), config.pools());
        compare(differ, "emospark.model.dropout", s.dropout(), config.dropout());
        compare(differ, "emospark.model.windowFrames", s.windowFrames(), config.windowFrames());
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException("The fusion stage keeps the CNN of model " + sourceModelId
                    + " and the window grid its features were computed on, but the new network differs: "
                    + String.join("; ", differ));
        }
    }

    private static void compare(List<String> differ, String key, Object source, Object target) {
        if (!source.equals(target)) {
            differ.add(key + " is " + target + ", the source's " + source);
        }
    }

    /**
     * The whole network of {@code config}, initialised from the seed already set and then given the source's
     * parameters as described above; its arrays in {@code root}.
     */
    public SpeechEmotionNet build(NDManager root, ModelConfig config, int batchSize) {
        requireSameCnn(config, source.modelId(), source.config());
        SpeechEmotionNet net = new SpeechEmotionNet(config);
        net.initialize(root, DataType.FLOAT32, NetworkInputs.shapes(config, batchSize));
        Map<String, Parameter> target = byPlace(net);
        List<String> copied = new ArrayList<>();
        try (NDManager scratch = root.newSubManager()) {
            SpeechEmotionNet from = ModelStore.restore(source.modelId(), source.config(), source.parameters(), scratch);
            for (Map.Entry<String, Parameter> e : byPlace(from).entrySet()) {
                Parameter to = target.get(e.getKey());
                boolean cnn = e.getKey().startsWith(CNN);
                if (to == null || !(cnn || init == Init.SOURCE) || !to.getShape().equals(e.getValue().getShape())) {
                    continue;
                }
                e.getValue().getArray().copyTo(to.getArray());
                copied.add(e.getKey());
            }
        }
        fromSource = List.copyOf(copied);
        return net;
    }

    /** The places {@link #build} last copied from the source (the CNN's among them). */
    public List<String> fromSource() {
        return fromSource;
    }

    private static Map<String, Parameter> byPlace(SpeechEmotionNet net) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            out.put(place(p.getKey()), p.getValue());
        }
        return out;
    }

    /** {@code 04fusion_02branch1_01linear_weight} -> {@code fusion_branch1_linear_weight}. */
    static String place(String key) {
        return key.replaceAll("(^|_)\\d{2}", "$1");
    }
}
