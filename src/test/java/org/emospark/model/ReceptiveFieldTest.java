package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceptiveFieldTest {

    @Test
    void thePapersCnnReads123SamplesBeforeAndAfter184AfterEach250() {
        ModelConfig faithful = ModelConfig.faithful();
        assertEquals(new ReceptiveField(250, 123, 184), ReceptiveField.of(faithful.cnnKernels(), faithful.pools()));
        ReceptiveField one = ReceptiveField.of(List.of(8), List.of(10));
        assertEquals(new ReceptiveField(10, 3, 4), one);
        assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(List.of(8, 6), List.of(10)));
    }

    /**
     * The field is what the computation reads: a sample changed in a random signal changes only output positions whose
     * field holds it ({@link ConvReference}, the plain convolution in doubles), and positions at both ends of that range
     * do change for some sample.
     */
    @Test
    void aChangedSampleMovesOnlyThePositionsWhoseFieldHoldsIt() {
        List<Integer> kernels = List.of(4, 3);
        List<Integer> pools = List.of(2, 3);
        ReceptiveField field = ReceptiveField.of(kernels, pools);
        assertEquals(6, field.stride());
        Random r = new Random(7);
        double[][][] w1 = weights(r, 3, 1, 4);
        double[][][] w2 = weights(r, 2, 3, 3);
        double[] x = new double[120];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[][] base = forward(x, w1, w2);
        long positions = x.length / field.stride();
        boolean firstReached = false;
        boolean lastReached = false;
        for (int s = 30; s < 90; s++) {
            double[] changed = x.clone();
            changed[s] += 100;
            double[][] out = forward(changed, w1, w2);
            long first = field.firstReading(s);
            long last = field.lastReading(s, positions);
            for (int p = 0; p < positions; p++) {
                boolean moved = false;
                for (int c = 0; c < out.length; c++) {
                    moved |= out[c][p] != base[c][p];
                }
                if (moved) {
                    assertTrue(p >= first && p <= last, "sample " + s + " moved position " + p + " outside " + first
                            + ".." + last);
                    firstReached |= p == first;
                    lastReached |= p == last;
                }
            }
        }
        assertTrue(firstReached && lastReached, "the field is not wider than what is read");
    }

    private static double[][] forward(double[] x, double[][][] w1, double[][][] w2) {
        double[][] y = ConvReference.reluMaxPool(ConvReference.sameConv(new double[][] {x}, w1, new double[w1.length]), 2);
        return ConvReference.reluMaxPool(ConvReference.sameConv(y, w2, new double[w2.length]), 3);
    }

    private static double[][][] weights(Random r, int out, int in, int kernel) {
        double[][][] w = new double[out][in][kernel];
        for (double[][] a : w) {
            for (double[] b : a) {
                for (int k = 0; k < kernel; k++) {
                    b[k] = r.nextGaussian();
                }
            }
        }
        return w;
    }
}
