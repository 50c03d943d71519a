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
    void oneSubjectFramesLevelHoldsPastTheLabelsOwnLagsAndWithoutALevelTheTrainMeanDoes() {
        // One observation y = 1 (frame 0; the subject's only frame): every frame's estimate is its covariance with
        // frame 0 over frame 0's variance plus the noise, 0.15 of the variance (0.3 + 0.2): 0.575.
        boolean[] subject = new boolean[50];
        subject[0] = true;
        float[][] outputs = new float[50][1];
        outputs[0][0] = 1;
        float[][] without = new float[50][1];
        without[0][0] = 1;
        PriorSmoothing.apply(outputs, subject, new LabelPrior(new double[] {0}, new double[][] {{0.2, 0.1}}, new double[] {0.3}));
        assertEquals(0.5 / 0.575, outputs[0][0], 1e-6);
        assertEquals(0.4 / 0.575, outputs[1][0], 1e-6);
        assertEquals(0.3 / 0.575, outputs[2][0], 1e-6, "past the labels' own lags, the recording's level");
        assertEquals(0.3 / 0.575, outputs[49][0], 1e-6);
        PriorSmoothing.apply(without, subject, new LabelPrior(new double[] {0}, new double[][] {{0.2, 0.1}}));
        assertEquals(0.2 / 0.23, without[0][0], 1e-6);
        assertEquals(0.1 / 0.23, without[1][0], 1e-6);
        assertEquals(0, without[2][0], 1e-6, "without a level, the Train mean");
    }

    @Test
    void aRecordingsLevelCarriesOverALongTurnOfTheOtherSpeaker() {
        Random random = new Random(11);
        List<float[][]> train = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            train.add(shifted(labels(600, random), 0.6 * random.nextGaussian()));
        }
        LabelPrior prior = LabelPrior.fit(train, LabelPrior.MAX_LAG_FRAMES);
        // A recording 0.5 above the Train labels' level whose subject speaks the first and the last 5 s of 60 s; in
        // between (50 s, past the labels' own movements) the other speaker's voice gives outputs at 0.
        float[][] gold = shifted(labels(600, random), 0.5);
        boolean[] subject = new boolean[600];
        float[][] outputs = new float[600][1];
        for (int f = 0; f < 600; f++) {
            subject[f] = f < 50 || f >= 550;
            outputs[f][0] = subject[f] ? gold[f][0] : 0;
        }
        float[][] withoutLevel = new float[600][];
        for (int f = 0; f < 600; f++) {
            withoutLevel[f] = outputs[f].clone();
        }
        PriorSmoothing.apply(outputs, subject, prior);
        PriorSmoothing.apply(withoutLevel, subject, new LabelPrior(prior.mean(), prior.autocovariance()));
        double goldMiddle = middleMean(gold);
        double error = Math.abs(middleMean(outputs) - goldMiddle);
        double errorWithout = Math.abs(middleMean(withoutLevel) - goldMiddle);
        assertTrue(error < 0.15, "the middle's level from the subject's speech either side: off by " + error);
        assertTrue(errorWithout > 0.3, "without a level the middle falls to the Train mean: off by " + errorWithout);
    }

    private static float[][] shifted(float[][] series, double by) {
        for (float[] row : series) {
            row[0] += (float) by;
        }
        return series;
    }

    /** The mean over frames 200-399, 15 s or more from the subject's speech. */
    private static double middleMean(float[][] series) {
        double sum = 0;
        for (int f = 200; f < 400; f++) {
            sum += series[f][0];
        }
        return sum / 200;
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
