package org.emospark.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.emospark.model.ModelConfig;
import org.junit.jupiter.api.Test;

class PostProcessingTest {
    private static final ModelConfig SMOOTHED = ModelConfig.faithful().toBuilder().smoothSeconds(1.0).build();

    private static float[][] noisy(int frames, Random random) {
        float[][] out = new float[frames][2];
        for (int f = 0; f < frames; f++) {
            out[f][0] = (float) (Math.sin(f / 20.0) + 0.3 * random.nextGaussian());
            out[f][1] = (float) (0.5 * Math.cos(f / 35.0) + 0.3 * random.nextGaussian());
        }
        return out;
    }

    private static LabelPrior prior(Random random) {
        List<float[][]> train = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            train.add(noisy(400, random));
        }
        return LabelPrior.fit(train, 200);
    }

    private static float[][] copy(float[][] series) {
        float[][] out = new float[series.length][];
        for (int f = 0; f < series.length; f++) {
            out[f] = series[f].clone();
        }
        return out;
    }

    private static boolean[] turns(int frames) {
        boolean[] subject = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            subject[f] = f % 80 < 30;
        }
        return subject;
    }

    @Test
    void smoothsThenConditionsOnThePriorWhenTheConfigAsksForIt() {
        Random random = new Random(11);
        LabelPrior prior = prior(random);
        float[][] outputs = noisy(500, random);
        boolean[] subject = turns(outputs.length);
        float[][] expected = copy(outputs);
        OutputSmoothing.centred(expected, SMOOTHED.smoothingHalfWidth());
        PriorSmoothing.apply(expected, subject, prior);

        PostProcessing.apply(outputs, subject, SMOOTHED.toBuilder().priorSmoothing(true).build(), prior);

        for (int f = 0; f < outputs.length; f++) {
            assertArrayEquals(expected[f], outputs[f], 1e-6f, "frame " + f);
        }
    }

    @Test
    void onlySmoothsWithoutThePriorSettingOrWithoutAPrior() {
        Random random = new Random(12);
        LabelPrior prior = prior(random);
        float[][] outputs = noisy(300, random);
        boolean[] subject = turns(outputs.length);
        float[][] expected = copy(outputs);
        OutputSmoothing.centred(expected, SMOOTHED.smoothingHalfWidth());
        float[][] off = copy(outputs);
        float[][] none = copy(outputs);

        PostProcessing.apply(off, subject, SMOOTHED.toBuilder().priorSmoothing(false).build(), prior);
        PostProcessing.apply(none, subject, SMOOTHED.toBuilder().priorSmoothing(true).build(), null);

        assertFalse(SMOOTHED.smoothingHalfWidth() == 0, "the test needs a config that smooths");
        for (int f = 0; f < outputs.length; f++) {
            assertArrayEquals(expected[f], off[f], 0f, "setting off, frame " + f);
            assertArrayEquals(expected[f], none[f], 0f, "no prior, frame " + f);
        }
    }
}
