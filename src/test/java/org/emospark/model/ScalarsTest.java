package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.List;
import org.emospark.testing.FreedMemory;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    @Test
    void theConstantOutlivesAGarbageCollectionBetweenForwardAndBackward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 3; trial++) {
                NDArray x = manager.create(new float[] {1, 2, 3});
                x.setRequiresGradient(true);
                List<ByteBuffer> held;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.times(x, 2.5);
                    assertArrayEquals(new float[] {2.5f, 5f, 7.5f}, y.toFloatArray(), 0f);
                    held = FreedMemory.reuse();
                    collector.backward(y.sum());
                }
                assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f}, x.getGradient().toFloatArray(), 0f,
                        "trial " + trial + ", " + held.size() + " buffers reused");
            }
        }
    }

    @Test
    void keepsTheDataType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new double[] {1, -2});
            NDArray y = Scalars.times(x, 1.0 / 3);
            assertEquals(DataType.FLOAT64, y.getDataType());
            assertEquals(-2.0 / 3, y.toDoubleArray()[1], 1e-7);
        }
    }
}
