package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SpeechEmotionNetTest {

    private static long conv(long filters, long channels, long kernel) {
        return filters * channels * kernel + filters;
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    private static final long CNN = conv(50, 1, 8) + conv(125, 50, 6) + conv(250, 125, 6);
    private static final long PARALINGUISTIC_PROJECTION = linear(4410, 1024);
    private static final long SEMANTIC_PROJECTION = linear(100, 1024);
    private static final long STREAM_ATTENTION = 1024;
    private static final long BRANCHES = 3 * linear(1024, 512) + 2 * 512;
    private static final long LSTM = 4L * 256 * (512 + 256) + 4 * 256 + 3 * 256;
    private static final long HEAD = linear(256, 3);

    private static float[] signal(int n, double phase) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (0.3 * Math.sin(0.01 * i + phase) + 0.1 * Math.sin(0.37 * i));
        }
        return v;
    }

    @Test
    void faithfulModelMapsTwoWindowsOfTwentyFiveFramesToThreeOutputsPerFrameWith7211556Parameters() {
        ModelConfig config = ModelConfig.faithful();
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance();
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            Shape audio = new Shape(2, 25 * 4410);
            Shape semantic = new Shape(2, 25, 100);
            Blocks.init(manager, net, audio, semantic);
            long expected = CNN + PARALINGUISTIC_PROJECTION + SEMANTIC_PROJECTION + STREAM_ATTENTION + BRANCHES + LSTM + HEAD;
            long count = SpeechEmotionNet.parameterCount(net);
            System.out.println("Faithful SpeechEmotionNet parameters: " + count);
            assertEquals(expected, count);
            assertEquals(7_211_556L, count);
            assertTrue(count >= 7_000_000 && count <= 7_400_000, "about 7.2 M per the paper: " + count);
            assertEquals(new Shape(2, 25, 3), net.getOutputShapes(new Shape[] {audio, semantic})[0]);
            NDArray out = Blocks.infer(manager, net, manager.create(signal(2 * 25 * 4410, 0), audio),
                    manager.randomNormal(semantic));
            assertEquals(new Shape(2, 25, 3), out.getShape());
            for (float v : out.toFloatArray()) {
                assertTrue(v > -1 && v < 1 && Float.isFinite(v), "tanh output: " + v);
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalParametersAndOutputs() {
        ModelConfig config = ModelConfig.faithful();
        float[] audio = signal(2 * 25 * 4410, 1);
        float[] semantic = signal(2 * 25 * 100, 2);
        float[][] outputs = new float[3][];
        for (int run = 0; run < 3; run++) {
            Engine.getInstance().setRandomSeed(run < 2 ? 1234 : 4321);
            try (NDManager manager = NDManager.newBaseManager()) {
                SpeechEmotionNet net = new SpeechEmotionNet(config);
                Blocks.init(manager, net, new Shape(2, 25 * 4410), new Shape(2, 25, 100));
                outputs[run] = Blocks.infer(manager, net, manager.create(audio, new Shape(2, 25 * 4410)),
                        manager.create(semantic, new Shape(2, 25, 100))).toFloatArray();
            }
        }
        assertArrayEquals(outputs[0], outputs[1]);
        assertTrue(!java.util.Arrays.equals(outputs[0], outputs[2]), "another seed, other weights");
    }

    @Test
    void paralinguisticOnlyDropsTheSemanticProjectionAndTheStreamAttention() {
        ModelConfig config = ModelConfig.faithful().withStreams(ModelConfig.Streams.PARALINGUISTIC);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            Shape audio = new Shape(1, 25 * 4410);
            Blocks.init(manager, net, audio);
            assertEquals(CNN + PARALINGUISTIC_PROJECTION + BRANCHES + LSTM + HEAD, SpeechEmotionNet.parameterCount(net));
            NDArray x = manager.create(signal(25 * 4410, 0), audio);
            assertEquals(new Shape(1, 25, 3), Blocks.infer(manager, net, x).getShape());
            // Both arrays may be passed: the semantic one is ignored.
            float[] alone = Blocks.infer(manager, net, x).toFloatArray();
            float[] both = Blocks.infer(manager, net, x, manager.randomNormal(new Shape(1, 25, 100))).toFloatArray();
            assertArrayEquals(alone, both);
        }
    }

    @Test
    void semanticOnlyHasNoCnnAndTakesAnyWindowLength() {
        ModelConfig config = ModelConfig.faithful().withStreams(ModelConfig.Streams.SEMANTIC).withWindowFrames(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            Shape semantic = new Shape(3, 7, 100);
            Blocks.init(manager, net, semantic);
            assertEquals(SEMANTIC_PROJECTION + BRANCHES + LSTM + HEAD, SpeechEmotionNet.parameterCount(net));
            assertEquals(new Shape(3, 7, 3), Blocks.infer(manager, net, manager.randomNormal(semantic)).getShape());
        }
    }

    @Test
    void concatFusionIsTheAblationsSingleFc512OverBothProjections() {
        ModelConfig config = ModelConfig.faithful().withFusion(ModelConfig.Fusion.CONCAT);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            Shape audio = new Shape(1, 25 * 4410);
            Shape semantic = new Shape(1, 25, 100);
            Blocks.init(manager, net, audio, semantic);
            assertEquals(CNN + PARALINGUISTIC_PROJECTION + SEMANTIC_PROJECTION + linear(2048, 512) + LSTM + HEAD,
                    SpeechEmotionNet.parameterCount(net));
            assertEquals(new Shape(1, 25, 3), Blocks.infer(manager, net, manager.create(signal(25 * 4410, 0), audio),
                    manager.randomNormal(semantic)).getShape());
        }
    }

    @Test
    void everyParameterReceivesAGradientInATrainingPass() {
        // A tiny network of the same structure: 1 kHz, 2 ms frames (frameInput 4), T = 4.
        ModelConfig config = new ModelConfig(1000, 0.002, List.of(2, 4), List.of(4, 2), List.of(2, 4), 0.5, 8, 4, 3,
                100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL, 3, 4);
        Engine.getInstance().setRandomSeed(99);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            Shape audio = new Shape(2, 16);
            Shape semantic = new Shape(2, 4, 3);
            Blocks.init(manager, net, audio, semantic);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.create(signal(32, 0.5), audio).mul(10), manager.randomNormal(semantic)), true)
                        .singletonOrThrow();
                assertEquals(new Shape(2, 4, 3), out.getShape());
                collector.backward(out.sum());
            }
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray grad = p.getValue().getArray().getGradient();
                assertEquals(p.getValue().getShape(), grad.getShape(), p.getKey());
                assertTrue(Float.isFinite(grad.abs().sum().getFloat()), p.getKey());
                if (p.getKey().contains("lstm") || p.getKey().contains("Attention") || p.getKey().contains("head")) {
                    assertTrue(grad.abs().sum().getFloat() > 0, "no gradient reaches " + p.getKey());
                }
            }
        }
    }

    @Test
    void mismatchedInputsAreRejectedWithTheirShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(ModelConfig.faithful());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Blocks.init(manager, net, new Shape(2, 25 * 4410), new Shape(2, 50, 100)));
            assertTrue(e.getMessage().contains("(2, 50, 100)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Blocks.init(manager, net, new Shape(2, 25 * 4410)));
        }
    }
}
