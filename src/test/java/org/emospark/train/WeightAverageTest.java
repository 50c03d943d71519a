package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.emospark.model.predict.InferenceMode;
import org.junit.jupiter.api.Test;

class WeightAverageTest {
    private static Linear block(NDManager manager) {
        Linear linear = Linear.builder().setUnits(2).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        return linear;
    }

    private static float[] weight(Linear block) {
        return block.getParameters().get("weight").getArray().toFloatArray();
    }

    private static float[] plus(float[] v, float d) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += d;
        }
        return out;
    }

    @Test
    void averagesStepByStepAndStandsInForTheWeightsUntilClosed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = block(manager);
            float[] start = weight(block);
            try (WeightAverage average = new WeightAverage(block, manager, 1)) {
                // An optimiser step: every weight up by 1.
                try (InferenceMode off = InferenceMode.enter()) {
                    for (var p : block.getParameters()) {
                        p.getValue().getArray().addi(1);
                    }
                }
                // The first step's decay is (1 + 0) / (10 + 0) = 0.1, below 1 - 1 / (1 x 100).
                assertEquals(0.1, average.decay(100), 1e-12);
                average.update(100);
                float[] trained = plus(start, 1);
                assertArrayEquals(trained, weight(block), 0f, "updating the average leaves the weights alone");
                try (WeightAverage.Swap swap = average.swapIn()) {
                    assertArrayEquals(plus(start, 0.9f), weight(block), 1e-6f, "0.1 x start + 0.9 x (start + 1)");
                }
                assertArrayEquals(trained, weight(block), 0f, "closing puts the trained weights back exactly");
                // The parameters are still the arrays the optimiser and the gradients work on.
                Parameter w = block.getParameters().get("weight");
                assertTrue(w.getArray().hasGradient());
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = block.forward(new ParameterStore(manager, false),
                            new NDList(manager.ones(new Shape(1, 3))), true).singletonOrThrow();
                    collector.backward(y.sum());
                }
                assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, w.getArray().getGradient().toFloatArray(), 0f);
            }
        }
    }

    @Test
    void theDecaySpansTheGivenEpochsOnceTheFirstStepsArePast() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = block(manager);
            try (WeightAverage two = new WeightAverage(block, manager, 2);
                 WeightAverage tiny = new WeightAverage(block, manager, 0.05)) {
                for (int i = 0; i < 1000; i++) {
                    two.update(10);
                    tiny.update(10);
                }
                assertEquals(1 - 1 / 20.0, two.decay(10), 1e-12, "20 steps: two epochs of 10");
                assertEquals(0, tiny.decay(10), 1e-12, "less than one step: the weights themselves");
            }
            assertThrows(IllegalArgumentException.class, () -> new WeightAverage(block, manager, 0));
        }
    }
}
