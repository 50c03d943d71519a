package org.emospark.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.emospark.metrics.ConcordanceCorrelation;
import org.junit.jupiter.api.Test;

class PriorSmoothingTest {
    /** Labels like the sample corpora's: a sum of two slow sines with a random phase, 0.1 s frames. */
    private static float[][] labels(int frames, Random random) {
        double p1 = random.nextDouble() * 2 * Math.PI;
        double p2 = random.nextDouble() * 2 * Math.PI;
        float[][] out = new float[frames][1];
        for (int f = 0; f < frames; f++) {
            out[f][0] = (float) (0.1 + 0.5 * Math.sin(2 * Math.PI * f / 150 + p1) + 0.3 * Math.sin(2 * Math.PI * f / 90 + p2));
        }
        return out;
    }

    private static LabelPrior prior(Random random) {
        List<float[][]> train = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            train.add(labels(600, random));
        }
        return LabelPrior.fit(train, LabelPrior.MAX_LAG_FRAMES);
    }

    private static float[] first(float[][] series) {
        float[] out = new float[series.length];
        for (int f = 0; f < series.length; f++) {
            out[f] = series[f][0];
        }
        return out;
    }

    @Test
    void betweenTheSubjectsTurnsTheLabelsCarryOnFromItsOutputsWhateverTheOutputsThere() {
        Random random = new Random(7);
        LabelPrior prior = prior(random);
        float[][] gold = labels(900, random);
        // The subject speaks 4 s in every 10; elsewhere the outputs follow someone else (the label's opposite).
        boolean[] subject = new boolean[gold.length];
        float[][] outputs = new float[gold.length][1];
        for (int f = 0; f < gold.length; f++) {
            subject[f] = f % 100 < 40;
            outputs[f][0] = subject[f] ? gold[f][0] + (float) (0.1 * random.nextGaussian()) : -gold[f][0];
        }
        double before = ConcordanceCorrelation.of(first(outputs), first(gold));
        PriorSmoothing.apply(outputs, subject, prior);
        double after = ConcordanceCorrelation.of(first(outputs), first(gold));
        assertTrue(before < 0.3, "the outputs between turns are wrong: CCC " + before);
        assertTrue(after > 0.9, "conditioned on the turns: CCC " + after);
    }

    @Test
    void framesFarFromAnySubjectSpeechTakeTheTrainMean() {
        LabelPrior prior = prior(new Random(3));
        int n = 2 * PriorSmoothing.BLOCK + 2 * PriorSmoothing.HORIZON + 50;
        boolean[] subject = new boolean[n];
        float[][] outputs = new float[n][1];
        for (int f = 0; f < 30; f++) {
            subject[f] = true;
            outputs[f][0] = 0.8f;
        }
        PriorSmoothing.apply(outputs, subject, prior);
        assertTrue(outputs[0][0] > 0.5, "near the subject's speech the outputs hold: " + outputs[0][0]);
        assertEquals(prior.mean()[0], outputs[n - 1][0], 1e-6, "a block with no subject frame within reach");
    }

    @Test
    void aRecordingWithoutSubjectSpeechOrADimensionWithoutVarianceKeepsItsOutputs() {
        float[][] outputs = {{0.3f, 0.5f}, {0.4f, 0.6f}, {0.2f, 0.1f}, {0.9f, 0.0f}};
        LabelPrior prior = new LabelPrior(new double[] {0, 0}, new double[][] {{0.2, 0.1}, {0, 0}});
        float[][] silent = {outputs[0].clone(), outputs[1].clone(), outputs[2].clone(), outputs[3].clone()};
        PriorSmoothing.apply(silent, new boolean[4], prior);
        for (int f = 0; f < 4; f++) {
            assertArrayEquals(outputs[f], silent[f], "frame " + f);
        }
        float[][] flat = {outputs[0].clone(), outputs[1].clone(), outputs[2].clone(), outputs[3].clone()};
        PriorSmoothing.apply(flat, new boolean[] {true, true, true, true}, prior);
        for (int f = 0; f < 4; f++) {
            assertEquals(outputs[f][1], flat[f][1], "frame " + f + ": a label that never moved on Train");
        }
        assertTrue(flat[3][0] != outputs[3][0], "the other dimension is conditioned");
    }

    @Test
    void onlyEveryStepthSubjectFrameIsObservedAndTheFlagsMustMatchTheFrames() {
        boolean[] subject = {true, true, true, true, false, false, false, true};
        assertArrayEquals(new int[] {0, 3}, PriorSmoothing.observedFrames(subject));
        LabelPrior prior = new LabelPrior(new double[] {0}, new double[][] {{1}});
        assertThrows(IllegalArgumentException.class, () -> PriorSmoothing.apply(new float[3][1], new boolean[2], prior));
    }
}
