package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.emospark.metrics.Dimension;
import org.emospark.metrics.PairedMoments;
import org.emospark.model.ModelConfig.LossWeights;
import org.emospark.testing.FreedMemory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CccLossTest {
    private static final int B = 3;
    private static final int T = 40;
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        Engine engine = Engine.getInstance();
        assertNotNull(engine, "DJL engine must come up offline");
        assertEquals("PyTorch", engine.getEngineName());
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Correlated random [B, T, 3] predictions and labels, row-major. */
    private static double[][] data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = B * T * 3;
        double[] p = new double[n];
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = r.nextDouble(-0.8, 0.8);
            p[i] = Math.tanh(0.5 * g[i] + 0.4 * r.nextDouble(-1, 1) + 0.05 * (i % 3));
        }
        return new double[][] {p, g};
    }

    private static double plainLoss(double[] p, double[] g, LossWeights w) {
        double loss = 0;
        for (Dimension d : Dimension.values()) {
            PairedMoments m = new PairedMoments();
            for (int i = d.index(); i < p.length; i += 3) {
                m.add(p[i], g[i]);
            }
            loss += w.weights(3)[d.index()] * (1 - m.concordance());
        }
        return loss;
    }

    @Test
    void valueEqualsPlainJavaCccForBothWeightings() {
        for (long seed = 1; seed <= 3; seed++) {
            double[][] data = data(seed);
            for (LossWeights w : LossWeights.values()) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray p = m.create(data[0], new Shape(B, T, 3)).toType(DataType.FLOAT32, false);
                    NDArray g = m.create(data[1], new Shape(B, T, 3)).toType(DataType.FLOAT32, false);
                    double[] pf = p.toType(DataType.FLOAT64, false).toDoubleArray();
                    double[] gf = g.toType(DataType.FLOAT64, false).toDoubleArray();
                    NDArray loss = new CccLoss(w).evaluate(new NDList(g), new NDList(p));
                    assertEquals(new Shape(), loss.getShape());
                    assertEquals(DataType.FLOAT32, loss.getDataType());
                    assertEquals(plainLoss(pf, gf, w), loss.getFloat(), 1e-5, w + " seed " + seed);

                    NDArray loss64 = new CccLoss(w).evaluate(new NDList(g.toType(DataType.FLOAT64, false)),
                            new NDList(p.toType(DataType.FLOAT64, false)));
                    assertEquals(plainLoss(pf, gf, w), loss64.getDouble(), 1e-12, w + " float64 seed " + seed);
                }
            }
        }
    }

    @Test
    void perfectPredictionHasZeroLoss() {
        try (NDManager m = manager.newSubManager()) {
            NDArray g = m.create(data(9)[1], new Shape(B, T, 3));
            assertEquals(0.0, new CccLoss(LossWeights.FAITHFUL).evaluate(new NDList(g), new NDList(g.duplicate()))
                    .getDouble(), 1e-12);
        }
    }

    @Test
    void analyticGradientMatchesCentralDifferences() {
        double eps = 1e-3;
        SplittableRandom pick = new SplittableRandom(42);
        double worst = 0;
        int checked = 0;
        for (long seed = 11; seed <= 14; seed++) {
            LossWeights w = seed % 2 == 0 ? LossWeights.EQUAL : LossWeights.FAITHFUL;
            CccLoss loss = new CccLoss(w);
            double[][] data = data(seed);
            double[] analytic;
            try (NDManager m = manager.newSubManager()) {
                NDArray p = m.create(data[0], new Shape(B, T, 3));
                NDArray g = m.create(data[1], new Shape(B, T, 3));
                assertEquals(DataType.FLOAT64, p.getDataType());
                p.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray value = loss.evaluate(new NDList(g), new NDList(p));
                    collector.backward(value);
                }
                analytic = p.getGradient().toDoubleArray();
            }
            double gradNorm = 0;
            for (double a : analytic) {
                gradNorm = Math.max(gradNorm, Math.abs(a));
            }
            // every coordinate of a few points is too slow through JNI; take 24 per point, all dimensions
            for (int k = 0; k < 24; k++) {
                int i = pick.nextInt(data[0].length);
                double numeric = (lossAt(loss, data, i, eps) - lossAt(loss, data, i, -eps)) / (2 * eps);
                double rel = Math.abs(numeric - analytic[i]) / Math.max(Math.abs(numeric) + Math.abs(analytic[i]), 1e-8);
                worst = Math.max(worst, rel);
                checked++;
                assertTrue(rel < 1e-4, "seed " + seed + " coord " + i + ": analytic " + analytic[i] + " numeric "
                        + numeric + " relative error " + rel + " (max |grad| " + gradNorm + ")");
            }
        }
        System.out.printf("CccLoss gradient check: %d coordinates, worst relative error %.3e%n", checked, worst);
    }

    @Test
    void theGradientOutlivesAGarbageCollectionBetweenForwardAndBackward() {
        // The loss's constants are kept by autograd for the backward pass: memory Java frees in between must not be
        // one of them (see Scalars).
        double[][] data = data(21);
        double[] clean = gradient(data, false);
        for (int trial = 0; trial < 3; trial++) {
            assertArrayEquals(clean, gradient(data, true), 0.0, "trial " + trial);
        }
    }

    private static double[] gradient(double[][] data, boolean collectInBetween) {
        try (NDManager m = manager.newSubManager()) {
            NDArray p = m.create(data[0], new Shape(B, T, 3)).toType(DataType.FLOAT32, true);
            NDArray g = m.create(data[1], new Shape(B, T, 3)).toType(DataType.FLOAT32, true);
            p.setRequiresGradient(true);
            List<ByteBuffer> held = List.of();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = new CccLoss(LossWeights.EQUAL).evaluate(new NDList(g), new NDList(p));
                if (collectInBetween) {
                    held = FreedMemory.reuse();
                }
                collector.backward(value);
            }
            double[] out = p.getGradient().toType(DataType.FLOAT64, true).toDoubleArray();
            Reference.reachabilityFence(held);
            return out;
        }
    }

    private static double lossAt(CccLoss loss, double[][] data, int i, double delta) {
        double[] p = data[0].clone();
        p[i] += delta;
        try (NDManager m = manager.newSubManager()) {
            return loss.evaluate(new NDList(m.create(data[1], new Shape(B, T, 3))), new NDList(m.create(p, new Shape(B, T, 3))))
                    .getDouble();
        }
    }

    @Test
    void rejectsShapesWithoutThreeDimensionsLast() {
        try (NDManager m = manager.newSubManager()) {
            NDArray p = m.zeros(new Shape(2, 5, 4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CccLoss().evaluate(new NDList(p), new NDList(p)));
            assertTrue(e.getMessage().contains("(2, 5, 4)"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> new CccLoss().evaluate(new NDList(m.zeros(new Shape(2, 3))), new NDList(m.zeros(new Shape(3, 3)))));
        }
    }

    @Test
    void accumulatesMeanLossAsAnEvaluator() {
        CccLoss loss = new CccLoss();
        loss.addAccumulator("dev");
        try (NDManager m = manager.newSubManager()) {
            double[][] a = data(21);
            double[][] b = data(22);
            loss.updateAccumulator("dev", new NDList(m.create(a[1], new Shape(B, T, 3))), new NDList(m.create(a[0], new Shape(B, T, 3))));
            loss.updateAccumulator("dev", new NDList(m.create(b[1], new Shape(B, T, 3))), new NDList(m.create(b[0], new Shape(B, T, 3))));
            double expected = (plainLoss(a[0], a[1], LossWeights.EQUAL) + plainLoss(b[0], b[1], LossWeights.EQUAL)) / 2;
            assertEquals(expected, loss.getAccumulator("dev"), 1e-5);
        }
    }
}
