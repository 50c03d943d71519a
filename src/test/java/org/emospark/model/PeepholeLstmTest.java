package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PeepholeLstmTest {

    private static final int D = 2;
    private static final int H = 2;
    private static final float[] PI = {0.3f, -0.2f};
    private static final float[] PF = {-0.4f, 0.5f};
    private static final float[] PO = {0.25f, 0.6f};

    /** TensorFlow 1 LSTMCell(use_peepholes=True) by hand: gates i, j, f, o in the kernel's columns. */
    private static double[][] reference(float[] x, int frames, float[] kernel, float[] bias, double clip,
            double forgetBias) {
        double[] h = new double[H];
        double[] c = new double[H];
        double[][] out = new double[frames][];
        for (int t = 0; t < frames; t++) {
            double[] z = new double[4 * H];
            for (int col = 0; col < 4 * H; col++) {
                double s = bias[col];
                for (int r = 0; r < D; r++) {
                    s += x[t * D + r] * kernel[r * 4 * H + col];
                }
                for (int r = 0; r < H; r++) {
                    s += h[r] * kernel[(D + r) * 4 * H + col];
                }
                z[col] = s;
            }
            double[] nc = new double[H];
            double[] nh = new double[H];
            for (int u = 0; u < H; u++) {
                double i = z[u];
                double j = z[H + u];
                double f = z[2 * H + u];
                double o = z[3 * H + u];
                double cell = Blocks.sigmoid(f + forgetBias + PF[u] * c[u]) * c[u]
                        + Blocks.sigmoid(i + PI[u] * c[u]) * Math.tanh(j);
                cell = Math.max(-clip, Math.min(clip, cell));
                nc[u] = cell;
                nh[u] = Blocks.sigmoid(o + PO[u] * cell) * Math.tanh(cell);
            }
            c = nc;
            h = nh;
            out[t] = nh;
        }
        return out;
    }

    private static float[] run(float[] x, int frames, float[] kernel, float[] bias, double clip) {
        try (NDManager manager = NDManager.newBaseManager()) {
            PeepholeLstm lstm = new PeepholeLstm(H, clip, 1.0);
            Blocks.preset(lstm, "kernel", kernel);
            Blocks.preset(lstm, "bias", bias);
            Blocks.preset(lstm, "peepholeInput", PI);
            Blocks.preset(lstm, "peepholeForget", PF);
            Blocks.preset(lstm, "peepholeOutput", PO);
            Blocks.init(manager, lstm, new Shape(1, frames, D));
            NDArray out = Blocks.infer(manager, lstm, manager.create(x, new Shape(1, frames, D)));
            assertEquals(new Shape(1, frames, H), out.getShape());
            return out.toFloatArray();
        }
    }

    private static void assertMatches(double[][] expected, float[] got) {
        for (int t = 0; t < expected.length; t++) {
            for (int u = 0; u < H; u++) {
                assertEquals(expected[t][u], got[t * H + u], 1e-5, "t=" + t + " unit " + u);
            }
        }
    }

    @Test
    void oneStepFromZeroStateAndTheRecurrenceMatchTensorFlowsPeepholeCell() {
        float[] kernel = Blocks.ramp((D + H) * 4 * H, -0.8f, 0.05f);
        float[] bias = Blocks.ramp(4 * H, 0.1f, -0.03f);
        float[] x = {0.5f, -1f, /* t1 */ 1.5f, 0.2f, /* t2 */ -0.3f, 0.8f};
        float[] got = run(x, 3, kernel, bias, 100);
        assertMatches(reference(x, 3, kernel, bias, 100, 1.0), got);
        // The first step by hand, c_{-1} = 0: c = sigmoid(i) tanh(j), h = sigmoid(o + p_o c) tanh(c).
        double i0 = bias[0] + x[0] * kernel[0] + x[1] * kernel[8];
        double j0 = bias[2] + x[0] * kernel[2] + x[1] * kernel[10];
        double o0 = bias[6] + x[0] * kernel[6] + x[1] * kernel[14];
        double c0 = Blocks.sigmoid(i0) * Math.tanh(j0);
        assertEquals(Blocks.sigmoid(o0 + PO[0] * c0) * Math.tanh(c0), got[0], 1e-6);
        // The forget bias matters from step 2 on: the same cell without it gives another answer.
        double[][] noForgetBias = reference(x, 3, kernel, bias, 100, 0.0);
        assertTrue(Math.abs(noForgetBias[2][0] - got[4]) > 1e-3);
    }

    @Test
    void runningFromTheReturnedStateContinuesTheSequence() {
        float[] kernel = Blocks.ramp((D + H) * 4 * H, -0.8f, 0.05f);
        float[] bias = Blocks.ramp(4 * H, 0.1f, -0.03f);
        float[] x = {0.5f, -1f, 1.5f, 0.2f, -0.3f, 0.8f, 0.9f, -0.6f, 0.1f, 1.1f};
        double[][] whole = reference(x, 5, kernel, bias, 100, 1.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            PeepholeLstm lstm = new PeepholeLstm(H, 100, 1.0);
            Blocks.preset(lstm, "kernel", kernel);
            Blocks.preset(lstm, "bias", bias);
            Blocks.preset(lstm, "peepholeInput", PI);
            Blocks.preset(lstm, "peepholeForget", PF);
            Blocks.preset(lstm, "peepholeOutput", PO);
            Blocks.init(manager, lstm, new Shape(1, 2, D));
            ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(manager, false);
            // Steps 0-1 from zeros, then steps 2-4 from the state they end in: the five-step run's outputs.
            ai.djl.ndarray.NDList first = lstm.run(ps, manager.create(java.util.Arrays.copyOfRange(x, 0, 4),
                    new Shape(1, 2, D)), null, null, false);
            ai.djl.ndarray.NDList rest = lstm.run(ps, manager.create(java.util.Arrays.copyOfRange(x, 4, 10),
                    new Shape(1, 3, D)), first.get(1), first.get(2), false);
            float[] got = new float[5 * H];
            System.arraycopy(first.get(0).toFloatArray(), 0, got, 0, 2 * H);
            System.arraycopy(rest.get(0).toFloatArray(), 0, got, 2 * H, 3 * H);
            assertMatches(whole, got);
            // The returned h is the last output; starting the rest from zeros instead gives other outputs.
            float[] lastH = java.util.Arrays.copyOfRange(got, 4 * H, 5 * H);
            assertEquals(lastH[0], rest.get(1).toFloatArray()[0], 0f);
            float[] fresh = lstm.run(ps, manager.create(java.util.Arrays.copyOfRange(x, 4, 10), new Shape(1, 3, D)),
                    null, null, false).get(0).toFloatArray();
            assertTrue(Math.abs(fresh[0] - got[2 * H]) > 1e-3, "the carried state made no difference");
        }
    }

    @Test
    void cellClipBoundsTheCellState() {
        float[] kernel = new float[(D + H) * 4 * H];
        java.util.Arrays.fill(kernel, 0.5f);
        float[] bias = new float[4 * H];
        float[] x = {5f, 5f, 5f, 5f, 5f, 5f, 5f, 5f};
        double clip = 0.3;
        float[] got = run(x, 4, kernel, bias, clip);
        double[][] clipped = reference(x, 4, kernel, bias, clip, 1.0);
        double[][] unclipped = reference(x, 4, kernel, bias, 1e9, 1.0);
        assertMatches(clipped, got);
        // Unclipped, c grows past 1 (the gates saturate): the clip bites and h = sigmoid(o + p_o 0.3) tanh(0.3).
        assertTrue(Math.abs(unclipped[3][0] - clipped[3][0]) > 1e-2);
        double o = 0.5 * (5 + 5) + 0.5 * (clipped[2][0] + clipped[2][1]);
        assertEquals(Blocks.sigmoid(o + PO[0] * clip) * Math.tanh(clip), got[6], 1e-5);
    }

    @Test
    void faithfulLstmHas788224Parameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PeepholeLstm lstm = new PeepholeLstm(256, 100, 1);
            Blocks.init(manager, lstm, new Shape(2, 3, 512));
            assertEquals(4L * 256 * (512 + 256) + 4 * 256 + 3 * 256, SpeechEmotionNet.parameterCount(lstm));
            assertEquals(new Shape(2, 3, 256), Blocks.infer(manager, lstm, manager.randomNormal(new Shape(2, 3, 512))).getShape());
        }
    }
}
