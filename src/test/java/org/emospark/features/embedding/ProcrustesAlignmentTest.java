package org.emospark.features.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProcrustesAlignmentTest {
    @Test
    void aScaledRotationIsRecoveredFromItsPairs() {
        int d = 12;
        ProcrustesAlignment rotation = ProcrustesAlignment.random(d, 5);
        SplittableRandom random = new SplittableRandom(1);
        List<float[]> sources = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] x = gaussian(random, d);
            float[] y = rotation.apply(x);
            for (int k = 0; k < d; k++) {
                y[k] *= 2;
            }
            sources.add(x);
            targets.add(y);
        }

        ProcrustesAlignment fitted = ProcrustesAlignment.fit(sources, targets);

        assertEquals(2.0, fitted.scale(), 1e-5);
        float[] unseen = gaussian(random, d);
        float[] expected = rotation.apply(unseen);
        for (int k = 0; k < d; k++) {
            expected[k] *= 2;
        }
        assertArrayEquals(expected, fitted.apply(unseen), 1e-4f);
    }

    @Test
    void aRandomRotationKeepsLengthsAndAngles() {
        ProcrustesAlignment rotation = ProcrustesAlignment.random(8, 3);
        SplittableRandom random = new SplittableRandom(2);
        float[] a = gaussian(random, 8);
        float[] b = gaussian(random, 8);
        assertEquals(ProcrustesAlignment.norm(a), ProcrustesAlignment.norm(rotation.apply(a)), 1e-5);
        assertEquals(dot(a, b), dot(rotation.apply(a), rotation.apply(b)), 1e-4);
        assertEquals(1.0, rotation.scale());
    }

    @Test
    void setsOfDifferentDimensionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcrustesAlignment.fit(List.of(new float[3]), List.of(new float[4])));
        assertEquals("The two sets must have the same number of dimensions to be aligned by a rotation: 3 and 4",
                e.getMessage());
    }

    static float[] gaussian(SplittableRandom random, int d) {
        float[] v = new float[d];
        for (int k = 0; k < d; k++) {
            v[k] = (float) (Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
