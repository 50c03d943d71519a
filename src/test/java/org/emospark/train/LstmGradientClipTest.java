package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmGradientClipTest {
    /** Gradients set through a real backward pass: loss = sum(c * w) gives dloss/dw = c. */
    private static final float[] C1 = {3, -4, 0, 1};
    private static final float[] C2 = {-12, 2};
    private static final float[] OTHER = {100, -100};
    /** sqrt(9 + 16 + 0 + 1 + 144 + 4) = sqrt(174): the global norm over both LSTM parameters. */
    private static final double NORM = Math.sqrt(174);

    private record Params(Parameter lstm1, Parameter lstm2, Parameter other) {
        List<Parameter> lstm() {
            return List.of(lstm1, lstm2);
        }
    }

    private static Parameter parameter(NDManager manager, String name, int size) {
        NDArray w = manager.arange((float) size).add(1).reshape(new Shape(size));
        w.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(w).build();
    }

    private static Params withGradients(NDManager manager) {
        Params p = new Params(parameter(manager, "lstm1", 4), parameter(manager, "lstm2", 2), parameter(manager, "other", 2));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = p.lstm1.getArray().mul(manager.create(C1)).sum()
                    .add(p.lstm2.getArray().mul(manager.create(C2)).sum())
                    .add(p.other.getArray().mul(manager.create(OTHER)).sum());
            collector.backward(loss);
        }
        // The backward pass really set the gradients we reason about below.
        assertArrayEquals(C1, grad(p.lstm1), 0f);
        assertArrayEquals(C2, grad(p.lstm2), 0f);
        return p;
    }

    private static float[] grad(Parameter p) {
        return p.getArray().getGradient().toFloatArray();
    }

    private static float[] scaled(float[] v, double s) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * s);
        }
        return out;
    }

    private static double norm(float[]... parts) {
        double sum = 0;
        for (float[] part : parts) {
            for (float v : part) {
                sum += (double) v * v;
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void gradientsAboveTheLimitAreScaledToExactlyTheLimitKeepingTheirDirection() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Params p = withGradients(manager);
            double norm;
            try (NDManager step = manager.newSubManager()) {
                norm = new LstmGradientClip(p.lstm(), 5).apply(step);
            }
            assertEquals(NORM, norm, 1e-5, "the norm before clipping, over all LSTM gradients together");
            float[] g1 = grad(p.lstm1);
            float[] g2 = grad(p.lstm2);
            assertEquals(5, norm(g1, g2), 1e-5, "global norm after clipping");
            // One common factor for every LSTM gradient: the direction of the whole vector is kept.
            assertArrayEquals(scaled(C1, 5 / NORM), g1, 1e-6f);
            assertArrayEquals(scaled(C2, 5 / NORM), g2, 1e-6f);
            // Gradients outside the LSTM are not the clip's business.
            assertArrayEquals(OTHER, grad(p.other), 0f);
        }
    }

    @Test
    void gradientsBelowOrAtTheLimitAreLeftAlone() {
        for (double limit : new double[] {20, NORM + 1e-3}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Params p = withGradients(manager);
                try (NDManager step = manager.newSubManager()) {
                    assertEquals(NORM, new LstmGradientClip(p.lstm(), limit).apply(step), 1e-5);
                }
                assertArrayEquals(C1, grad(p.lstm1), 0f, "limit " + limit);
                assertArrayEquals(C2, grad(p.lstm2), 0f, "limit " + limit);
            }
        }
    }

    @Test
    void aLimitOfZeroTurnsClippingOffButStillReportsTheNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Params p = withGradients(manager);
            try (NDManager step = manager.newSubManager()) {
                assertEquals(NORM, new LstmGradientClip(p.lstm(), 0).apply(step), 1e-5);
            }
            assertArrayEquals(C1, grad(p.lstm1), 0f);
            assertArrayEquals(C2, grad(p.lstm2), 0f);
        }
    }

    @Test
    void theNormIsTheGlobalOneNotPerParameter() {
        // Each parameter alone is under the limit of 12.5 (norms 5.10 and 12.17), together they are above it.
        try (NDManager manager = NDManager.newBaseManager()) {
            Params p = withGradients(manager);
            try (NDManager step = manager.newSubManager()) {
                new LstmGradientClip(p.lstm(), 12.5).apply(step);
            }
            assertArrayEquals(scaled(C1, 12.5 / NORM), grad(p.lstm1), 1e-6f);
            assertArrayEquals(scaled(C2, 12.5 / NORM), grad(p.lstm2), 1e-6f);
        }
    }
}
