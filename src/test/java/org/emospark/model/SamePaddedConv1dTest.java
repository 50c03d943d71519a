package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SamePaddedConv1dTest {

    @Test
    void evenKernelEightPadsThreeLeftFourRight() {
        SamePaddedConv1d conv = new SamePaddedConv1d(1, 8);
        assertEquals(3, conv.padLeft());
        assertEquals(4, conv.padRight());
        // Weight i = 10^i (i = 0..7) makes every output reveal which input positions the kernel saw.
        float[] w = new float[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (float) Math.pow(10, i);
        }
        float[] x = {1, 2, 3, 4, 5};
        double[][] expected = ConvReference.sameConv(new double[][] {ConvReference.doubles(x)},
                ConvReference.weights(w, 1, 1, 8), new double[] {0.5});
        // Hand check of the reference: output 0 sees x[0..4] at kernel taps 3..7, i.e. 1e3*1 + ... + 1e7*5.
        assertEquals(1e3 + 2e4 + 3e5 + 4e6 + 5e7 + 0.5, expected[0][0], 1e-6);
        try (NDManager manager = NDManager.newBaseManager()) {
            Blocks.preset(conv, "01conv_weight", w);
            Blocks.preset(conv, "01conv_bias", new float[] {0.5f});
            Blocks.init(manager, conv, new Shape(1, 1, 5));
            NDArray out = Blocks.infer(manager, conv, manager.create(x, new Shape(1, 1, 5)));
            assertEquals(new Shape(1, 1, 5), out.getShape());
            assertArrayEquals(toFloat(expected[0]), out.toFloatArray(), 1f);
        }
    }

    @Test
    void evenKernelSixPadsTwoLeftThreeRightOverSeveralChannels() {
        SamePaddedConv1d conv = new SamePaddedConv1d(2, 6);
        assertEquals(2, conv.padLeft());
        assertEquals(3, conv.padRight());
        float[] w = Blocks.ramp(2 * 2 * 6, -1.1f, 0.1f);
        float[] b = {0.25f, -0.5f};
        float[] x = {1, -2, 3, 0.5f, 4, -1, 2, /* channel 1 */ 0.3f, 0.2f, -0.7f, 1.5f, 2, 0, -3};
        double[][] xs = {ConvReference.doubles(java.util.Arrays.copyOfRange(x, 0, 7)),
                ConvReference.doubles(java.util.Arrays.copyOfRange(x, 7, 14))};
        double[][] expected = ConvReference.sameConv(xs, ConvReference.weights(w, 2, 2, 6), ConvReference.doubles(b));
        try (NDManager manager = NDManager.newBaseManager()) {
            Blocks.preset(conv, "01conv_weight", w);
            Blocks.preset(conv, "01conv_bias", b);
            Blocks.init(manager, conv, new Shape(1, 2, 7));
            NDArray out = Blocks.infer(manager, conv, manager.create(x, new Shape(1, 2, 7)));
            assertEquals(new Shape(1, 2, 7), out.getShape());
            float[] got = out.toFloatArray();
            for (int f = 0; f < 2; f++) {
                assertArrayEquals(toFloat(expected[f]), java.util.Arrays.copyOfRange(got, f * 7, f * 7 + 7), 1e-5f,
                        "filter " + f);
            }
        }
    }

    @Test
    void channelsPadToWholeBlocksOfSixteen() {
        // {channels, zero channels added}: the paper's 50, 125 and 250, and whole blocks left alone.
        long[][] cases = {{16, 0}, {50, 14}, {125, 3}, {250, 6}, {256, 0}};
        for (long[] c : cases) {
            assertEquals(c[1], SamePaddedConv1d.blockPadding(c[0]), c[0] + " channels");
        }
    }

    /** 20 input channels and 19 filters, both across a block boundary: the result is still the plain convolution. */
    @Test
    void channelsAcrossBlockBoundariesGiveThePlainConvolutionAndItsGradients() {
        int in = 20;
        int filters = 19;
        int length = 9;
        SamePaddedConv1d conv = new SamePaddedConv1d(filters, 6);
        float[] w = Blocks.ramp(filters * in * 6, -0.9f, 0.0007f);
        float[] b = Blocks.ramp(filters, -0.2f, 0.02f);
        float[] x = Blocks.ramp(in * length, 1.3f, -0.011f);
        double[][] xs = new double[in][];
        for (int c = 0; c < in; c++) {
            xs[c] = ConvReference.doubles(java.util.Arrays.copyOfRange(x, c * length, (c + 1) * length));
        }
        double[][] expected = ConvReference.sameConv(xs, ConvReference.weights(w, filters, in, 6), ConvReference.doubles(b));
        try (NDManager manager = NDManager.newBaseManager()) {
            Blocks.preset(conv, "01conv_weight", w);
            Blocks.preset(conv, "01conv_bias", b);
            Blocks.init(manager, conv, new Shape(1, in, length));
            NDArray out = Blocks.infer(manager, conv, manager.create(x, new Shape(1, in, length)));
            assertEquals(new Shape(1, filters, length), out.getShape());
            float[] got = out.toFloatArray();
            for (int f = 0; f < filters; f++) {
                assertArrayEquals(toFloat(expected[f]), java.util.Arrays.copyOfRange(got, f * length, (f + 1) * length),
                        1e-4f, "filter " + f);
            }
            ai.djl.nn.Parameter kernel = conv.getChildren().get("01conv").getParameters().get("weight");
            try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = conv.forward(new ai.djl.training.ParameterStore(manager, false),
                        new ai.djl.ndarray.NDList(manager.create(x, new Shape(1, in, length))), true).singletonOrThrow();
                collector.backward(y.sum());
            }
            NDArray grad = kernel.getArray().getGradient();
            assertEquals(new Shape(filters, in, 6), grad.getShape(), "the gradient reaches the unpadded kernel");
            // d(sum y)/d w[f, c, j] is the sum of the input positions tap j sees, the same for every filter.
            float[] g = grad.toFloatArray();
            assertEquals(g[3 * 6 + 2], g[(filters - 1) * in * 6 + 3 * 6 + 2], 1e-5f);
            assertEquals(false, grad.isNaN().any().getBoolean());
        }
    }

    /**
     * Convolution and max-pool in spans along the signal: spans of one pool, of three pools (not dividing the
     * length) and the whole signal give the plain reference's values, and in training the same kernel gradient.
     */
    @Test
    void pooledInSpansGivesTheWholeSignalsValuesAndGradients() {
        int in = 3;
        int filters = 5;
        int length = 40;
        int pool = 4;
        SamePaddedConv1d conv = new SamePaddedConv1d(filters, 8);
        float[] w = Blocks.ramp(filters * in * 8, -0.6f, 0.011f);
        float[] b = Blocks.ramp(filters, -0.1f, 0.05f);
        float[] x = new float[2 * in * length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.37 * i) * (i % 7 == 0 ? 3 : 1);
        }
        long bytesPerPool = 2L * 16 * Float.BYTES * pool;  // batch 2, filters padded to a block of 16
        try (NDManager manager = NDManager.newBaseManager()) {
            Blocks.preset(conv, "01conv_weight", w);
            Blocks.preset(conv, "01conv_bias", b);
            Blocks.init(manager, conv, new Shape(2, in, length));
            NDArray input = manager.create(x, new Shape(2, in, length));
            float[][] gradients = new float[3][];
            long[] spans = {bytesPerPool, 3 * bytesPerPool, Long.MAX_VALUE};
            for (int s = 0; s < spans.length; s++) {
                NDArray got = conv.forwardPooled(new ai.djl.training.ParameterStore(manager, false), input, pool,
                        spans[s], false);
                assertEquals(new Shape(2, filters, length / pool), got.getShape());
                float[] values = got.toFloatArray();
                for (int item = 0; item < 2; item++) {
                    double[][] xs = new double[in][];
                    for (int c = 0; c < in; c++) {
                        int from = (item * in + c) * length;
                        xs[c] = ConvReference.doubles(java.util.Arrays.copyOfRange(x, from, from + length));
                    }
                    double[][] conv1 = ConvReference.sameConv(xs, ConvReference.weights(w, filters, in, 8),
                            ConvReference.doubles(b));
                    for (int f = 0; f < filters; f++) {
                        for (int q = 0; q < length / pool; q++) {
                            double max = Double.NEGATIVE_INFINITY;
                            for (int o = 0; o < pool; o++) {
                                max = Math.max(max, conv1[f][q * pool + o]);
                            }
                            assertEquals(max, values[(item * filters + f) * (length / pool) + q], 1e-4,
                                    "span bytes " + spans[s] + ", item " + item + ", filter " + f + ", position " + q);
                        }
                    }
                }
                ai.djl.nn.Parameter kernel = conv.getChildren().get("01conv").getParameters().get("weight");
                try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    NDArray y = conv.forwardPooled(new ai.djl.training.ParameterStore(manager, false), input, pool,
                            spans[s], true);
                    collector.backward(y.mul(y).sum());
                }
                // Gradients add up over backward passes: this pass's is the growth since the last one.
                float[] total = kernel.getArray().getGradient().toFloatArray();
                gradients[s] = total.clone();
                for (int earlier = 0; earlier < s; earlier++) {
                    for (int i = 0; i < total.length; i++) {
                        gradients[s][i] -= gradients[earlier][i];
                    }
                }
            }
            assertArrayEquals(gradients[2], gradients[0], 1e-4f);
            assertArrayEquals(gradients[2], gradients[1], 1e-4f);
        }
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
