package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.WindowMode;
import org.junit.jupiter.api.Test;

class BidirectionalNetworkTest {

    private static final int FRAMES = 6;
    private static final int UNITS = 3;
    private static final int STREAM = 4;
    private static final int DIMS = 3;

    /** Semantic stream only, so that nothing but the LSTM mixes one frame with another. */
    private static ModelConfig config(boolean bidirectional) {
        return new ModelConfig(1000, 0.002, List.of(2, 4), List.of(4, 2), List.of(2, 4), 0.0, 8, STREAM, UNITS, 100, 1,
                3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.SEMANTIC, ModelConfig.LossWeights.EQUAL, DIMS, FRAMES)
                .toBuilder().bidirectional(bidirectional).build();
    }

    private static float[] outputs(boolean bidirectional, float lastFrameValue) {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config(bidirectional));
            Shape semantic = new Shape(1, FRAMES, DIMS);
            Blocks.init(manager, net, semantic);
            float[] x = Blocks.ramp(FRAMES * DIMS, -0.5f, 0.07f);
            for (int d = 0; d < DIMS; d++) {
                x[(FRAMES - 1) * DIMS + d] = lastFrameValue;
            }
            return Blocks.infer(manager, net, manager.create(x, semantic)).toFloatArray();
        }
    }

    @Test
    void theBackwardLstmLetsEveryFrameHearTheRestOfItsWindowWhereTheForwardOneIsCausal() {
        float[] causal = outputs(false, 0.1f);
        float[] causalChanged = outputs(false, 2.0f);
        float[] both = outputs(true, 0.1f);
        float[] bothChanged = outputs(true, 2.0f);
        for (int i = 0; i < (FRAMES - 1) * 3; i++) {
            assertEquals(causal[i], causalChanged[i], 0f, "a unidirectional LSTM's frame " + i / 3 + " cannot see the last");
        }
        assertTrue(Math.abs(both[0] - bothChanged[0]) > 1e-4 || Math.abs(both[1] - bothChanged[1]) > 1e-4,
                "the first frame of a bidirectional network hears the last: " + both[0] + " vs " + bothChanged[0]);
    }

    @Test
    void bothDirectionsInOneRecurrenceEqualTwoRunsOneOverTheReversedFrames() {
        Engine.getInstance().setRandomSeed(21);
        try (NDManager manager = NDManager.newBaseManager()) {
            PeepholeLstm forward = new PeepholeLstm(5, 3.0, 1.0);
            PeepholeLstm backward = new PeepholeLstm(5, 3.0, 1.0);
            Shape in = new Shape(3, 7, 4);
            Blocks.init(manager, forward, in);
            Blocks.init(manager, backward, in);
            NDArray x = manager.randomNormal(in).mul(2);
            ParameterStore ps = new ParameterStore(manager, false);

            NDList both = forward.runBidirectional(backward, ps, x, false);
            NDArray expectedForward = forward.run(ps, x, null, null, false).get(0);
            NDArray expectedBackward = backward.run(ps, x.flip(1), null, null, false).get(0).flip(1);
            assertEquals(new Shape(3, 7, 5), both.get(0).getShape());
            assertEquals(new Shape(3, 7, 5), both.get(1).getShape());
            assertTrue(both.get(0).sub(expectedForward).abs().max().getFloat() < 1e-6f);
            assertTrue(both.get(1).sub(expectedBackward).abs().max().getFloat() < 1e-6f);
            assertTrue(both.get(1).sub(both.get(0)).abs().max().getFloat() > 1e-3f, "two directions, two answers");
            assertThrows(IllegalArgumentException.class,
                    () -> forward.runBidirectional(new PeepholeLstm(4, 3.0, 1.0), ps, x, false));
        }
    }

    @Test
    void aSecondLstmOfTheSameSizeAndAHeadOverBothAreAllThatItAdds() {
        long lstm = 4L * UNITS * (STREAM + UNITS) + 4 * UNITS + 3 * UNITS;
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet one = new SpeechEmotionNet(config(false));
            SpeechEmotionNet two = new SpeechEmotionNet(config(true));
            Blocks.init(manager, one, new Shape(2, FRAMES, DIMS));
            Blocks.init(manager, two, new Shape(2, FRAMES, DIMS));
            assertEquals(SpeechEmotionNet.parameterCount(one) + lstm + (long) UNITS * 3,
                    SpeechEmotionNet.parameterCount(two));
            assertEquals(2 * UNITS, config(true).lstmOutputs());
            assertEquals(new Shape(2, FRAMES, 3), Blocks.infer(manager, two, manager.randomNormal(new Shape(2, FRAMES, DIMS)))
                    .getShape());
        }
    }

    @Test
    void bothLstmsLearn() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config(true));
            Shape semantic = new Shape(2, FRAMES, DIMS);
            Blocks.init(manager, net, semantic);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = net.forward(new ParameterStore(manager, false),
                        new NDList(manager.create(Blocks.ramp(2 * FRAMES * DIMS, -1f, 0.05f), semantic)), true)
                        .singletonOrThrow();
                collector.backward(out.sum());
            }
            int lstmParameters = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getKey().contains("lstm")) {
                    lstmParameters++;
                    float grad = p.getValue().getArray().getGradient().abs().sum().getFloat();
                    assertTrue(grad > 0 && Float.isFinite(grad), "no gradient reaches " + p.getKey());
                }
            }
            assertEquals(2 * 5, lstmParameters, "kernel, bias and three peepholes in each direction");
        }
    }

    @Test
    void itRefusesToCarryTheStateAcrossWindows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config(true));
            Shape semantic = new Shape(1, FRAMES, DIMS);
            Blocks.init(manager, net, semantic);
            IllegalStateException stream = assertThrows(IllegalStateException.class, () -> net.forwardStream(
                    new ParameterStore(manager, false), new NDList(manager.zeros(semantic)), null, null));
            assertTrue(stream.getMessage().contains("faithful windows"), stream.getMessage());
            IllegalArgumentException scoring = assertThrows(IllegalArgumentException.class,
                    () -> new RecordingPredictor(net, config(true), 2, WindowMode.STREAMING));
            assertTrue(scoring.getMessage().contains("bidirectional"), scoring.getMessage());
        }
    }
}
