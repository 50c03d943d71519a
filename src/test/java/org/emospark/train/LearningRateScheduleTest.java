package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.tracker.Tracker;
import java.util.Map;
import org.emospark.config.EmosparkConfig;
import org.emospark.model.TrainSettings;
import org.emospark.model.TrainSettings.LearningRateSchedule;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void cosineFallsFromTheRateToItsFloorOverAllTheEpochsSteps() {
        TrainSettings s = ModelTrainerTest.SETTINGS.withEpochs(10).withSchedule(LearningRateSchedule.COSINE);
        double lr = s.learningRate();
        Tracker t = TrainingStep.tracker(s, 7);

        assertEquals(lr, t.getNewValue(0), 1e-7);
        assertEquals(lr * (1 + 0.05) / 2, t.getNewValue(35), 1e-6, "half way: half way between the rate and its floor");
        assertEquals(lr * 0.05, t.getNewValue(70), 1e-7);
        assertEquals(lr * 0.05, t.getNewValue(500), 1e-7, "past the last epoch it stays at the floor");
        float before = Float.MAX_VALUE;
        for (int n = 0; n <= 70; n++) {
            float v = t.getNewValue(n);
            assertEquals(true, v <= before, "never rises: step " + n);
            before = v;
        }
    }

    @Test
    void fixedIsTheAuthorsCodeAndStoredAsNothing() {
        TrainSettings fixed = ModelTrainerTest.SETTINGS.withSchedule(LearningRateSchedule.FIXED);
        assertEquals(null, fixed.schedule(), "models trained before schedules existed keep their ids");
        assertEquals(ModelTrainerTest.SETTINGS, fixed);
        Tracker t = TrainingStep.tracker(fixed, 7);
        assertEquals((float) fixed.learningRate(), t.getNewValue(0));
        assertEquals((float) fixed.learningRate(), t.getNewValue(1000));
    }

    @Test
    void theScheduleIsAKey() {
        TrainSettings cosine = ConfiguredTraining.settings(EmosparkConfig.ofOverrides(Map.of("emospark.train.schedule",
                "cosine")));
        assertEquals(LearningRateSchedule.COSINE, cosine.schedule());
        assertEquals(null, ConfiguredTraining.settings(EmosparkConfig.ofOverrides(Map.of())).schedule());
        assertEquals(cosine, ConfiguredTraining.settings(EmosparkConfig.ofOverrides(ConfiguredTraining.keysOf(
                ConfiguredTraining.model(EmosparkConfig.ofOverrides(Map.of())), cosine))));
    }
}
