package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emospark.lake.PcmCodec;
import org.emospark.model.store.ModelStore;
import org.emospark.testing.StoredModels;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.Test;

/** The whole network split into its CNN and its fusion network ({@link FusionNet}), without changing what it is. */
class SplitNetworkTest {
    private static final ModelConfig BOTH = TinyLake.CONFIG;
    private static final ModelConfig CONCAT_PARALINGUISTIC = TinyLake.CONFIG.withFusion(ModelConfig.Fusion.CONCAT)
            .withStreams(ModelConfig.Streams.PARALINGUISTIC);

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SplitNetworkTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static float[] signal(int n, double phase) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.5 * StrictMath.sin(0.07 * i + phase) + 0.2 * StrictMath.sin(0.61 * i));
        }
        return v;
    }

    @Test
    void parametersAreSavedInTheLayoutOfModelsStoredBeforeTheSplit() throws IOException {
        // The resources are the parameters of seeded networks saved by the code before the split (commit deffbeb):
        // the same seed must give the same bytes, and the old bytes must load.
        Map<String, ModelConfig> fixtures = Map.of("tiny-attention-both.djl", BOTH,
                "tiny-concat-paralinguistic.djl", CONCAT_PARALINGUISTIC);
        for (Map.Entry<String, ModelConfig> f : fixtures.entrySet()) {
            byte[] before = resource(f.getKey());
            try (NDManager manager = NDManager.newBaseManager()) {
                assertArrayEquals(before, ModelStore.parametersOf(StoredModels.initialised(manager, f.getValue(), 7)),
                        f.getKey());
                SpeechEmotionNet restored = ModelStore.restore("fixture", f.getValue(), before, manager);
                assertArrayEquals(before, ModelStore.parametersOf(restored), f.getKey());
            }
        }
    }

    @Test
    void theFusionNetworkFedTheCnnsFeaturesComputesWhatTheWholeNetworkComputesFromAudio() {
        for (ModelConfig config : List.of(BOTH, CONCAT_PARALINGUISTIC)) {
            try (NDManager manager = NDManager.newBaseManager()) {
                SpeechEmotionNet net = StoredModels.initialised(manager, config, 3);
                int t = config.windowFrames();
                NDArray audio = manager.create(signal(2 * t * config.frameInput(), 0.4), new Shape(2, t * config.frameInput()));
                NDArray words = manager.create(signal(2 * t * config.semanticDims(), 1.1),
                        new Shape(2, t, config.semanticDims()));
                boolean both = config.streams() == ModelConfig.Streams.BOTH;
                float[] whole = (both ? Blocks.infer(manager, net, audio, words) : Blocks.infer(manager, net, audio))
                        .toFloatArray();

                NDArray features = Blocks.infer(manager, net.paralinguisticCnn(), audio);
                assertEquals(new Shape(2, t, config.paralinguisticFeatures()), features.getShape());
                // Through the lake's float32 encoding, as paralinguistic_frames stores them.
                NDArray stored = manager.create(PcmCodec.decode(PcmCodec.encode(features.toFloatArray(), 0,
                        (int) features.size())), features.getShape());
                float[] fused = (both ? Blocks.infer(manager, net.fusionNet(), stored, words)
                        : Blocks.infer(manager, net.fusionNet(), stored)).toFloatArray();
                assertArrayEquals(whole, fused, config.fusion() + "/" + config.streams());
            }
        }
    }

    @Test
    void theFusionNetworkHoldsExactlyTheWholeNetworksParametersAfterTheCnn() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = StoredModels.initialised(manager, BOTH, 5);
            List<Parameter> afterCnn = new ArrayList<>();
            long cnn = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getKey().startsWith("01paralinguisticCnn_")) {
                    cnn += p.getValue().getShape().size();
                } else {
                    afterCnn.add(p.getValue());
                }
            }
            List<Parameter> fusion = net.fusionNet().getParameters().values();
            assertEquals(afterCnn.size(), fusion.size());
            for (int i = 0; i < fusion.size(); i++) {
                assertSame(afterCnn.get(i), fusion.get(i), "shared, not copied: " + fusion.get(i).getName());
            }
            assertTrue(cnn > 0);
            assertEquals(SpeechEmotionNet.parameterCount(net) - cnn, SpeechEmotionNet.parameterCount(net.fusionNet()));
        }
    }

    @Test
    void theFusionNetworkRefusesInputsOfTheWrongWidthNamingThem() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = StoredModels.initialised(manager, BOTH, 5);
            int t = BOTH.windowFrames();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Blocks.infer(manager, net.fusionNet(), manager.zeros(new Shape(1, t, 7)),
                            manager.zeros(new Shape(1, t, BOTH.semanticDims()))));
            assertTrue(e.getMessage().contains("(1, " + t + ", 7)") && e.getMessage().contains("200"), e.getMessage());
        }
    }
}
