package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class SharedVectorAttentionTest {

    private static final float[] W = {0.5f, -1f, 2f, 0.25f};

    @Test
    void scoresUseOneSharedVectorScaledByOneOverSqrtD() {
        // Two frames of 4-d vectors; d = 4 so the scale is 1/2.
        float[] x1 = {1, 2, 3, 4, /* frame 1 */ -1, 0, 0.5f, 2};
        float[] x2 = {0, 1, -1, 2, /* frame 1 */ 3, 1, 1, -4};
        try (NDManager manager = NDManager.newBaseManager()) {
            SharedVectorAttention att = new SharedVectorAttention(4);
            Blocks.preset(att, "w", W);
            Blocks.init(manager, att, new Shape(1, 2, 4), new Shape(1, 2, 4));
            NDArray a1 = manager.create(x1, new Shape(1, 2, 4));
            NDArray a2 = manager.create(x2, new Shape(1, 2, 4));
            float[] alpha = att.weights(new ParameterStore(manager, false), a1, a2, false).toFloatArray();
            float[] out = Blocks.infer(manager, att, a1, a2).toFloatArray();
            for (int t = 0; t < 2; t++) {
                double e1 = 0;
                double e2 = 0;
                for (int k = 0; k < 4; k++) {
                    e1 += W[k] * x1[t * 4 + k];
                    e2 += W[k] * x2[t * 4 + k];
                }
                e1 /= Math.sqrt(4);
                e2 /= Math.sqrt(4);
                double m = Math.max(e1, e2);
                double alpha1 = Math.exp(e1 - m) / (Math.exp(e1 - m) + Math.exp(e2 - m));
                double alpha2 = 1 - alpha1;
                assertEquals(alpha1, alpha[t * 2], 1e-6, "alpha_1 frame " + t);
                assertEquals(alpha2, alpha[t * 2 + 1], 1e-6, "alpha_2 frame " + t);
                assertEquals(1.0, alpha[t * 2] + alpha[t * 2 + 1], 1e-6);
                for (int k = 0; k < 4; k++) {
                    assertEquals(alpha1 * x1[t * 4 + k] + alpha2 * x2[t * 4 + k], out[t * 4 + k], 1e-5);
                }
            }
            // Frame 0: e1 = (0.5 - 2 + 6 + 1) / 2 = 2.75, e2 = (0 - 1 - 2 + 0.5) / 2 = -1.25.
            assertEquals(1 / (1 + Math.exp(-4.0)), alpha[0], 1e-6);
        }
    }

    @Test
    void equalInputsGetEqualWeightsAndComeBackUnchanged() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SharedVectorAttention att = new SharedVectorAttention(16);
            Blocks.init(manager, att, new Shape(3, 5, 16), new Shape(3, 5, 16));
            NDArray x = manager.randomNormal(new Shape(3, 5, 16));
            float[] alpha = att.weights(new ParameterStore(manager, false), x, x, false).toFloatArray();
            float[] half = new float[alpha.length];
            java.util.Arrays.fill(half, 0.5f);
            assertArrayEquals(half, alpha, 1e-6f);
            assertArrayEquals(x.toFloatArray(), Blocks.infer(manager, att, x, x).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void weightsSumToOneForRandomInputs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SharedVectorAttention att = new SharedVectorAttention(32);
            Blocks.init(manager, att, new Shape(4, 7, 32), new Shape(4, 7, 32));
            NDArray alpha = att.weights(new ParameterStore(manager, false), manager.randomNormal(new Shape(4, 7, 32)),
                    manager.randomNormal(new Shape(4, 7, 32)).mul(3), false);
            assertEquals(new Shape(4, 7, 2), alpha.getShape());
            float[] sums = alpha.sum(new int[] {2}).toFloatArray();
            for (float s : sums) {
                assertEquals(1.0, s, 1e-6);
            }
        }
    }
}
