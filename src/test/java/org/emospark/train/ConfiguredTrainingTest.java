package org.emospark.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.emospark.config.EmosparkConfig;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;
import org.junit.jupiter.api.Test;

/** The shipped conf files say what their comments claim: faithful is the authors' code, the default differs on purpose. */
class ConfiguredTrainingTest {
    private static final Path CONF = Path.of("conf");

    private static EmosparkConfig withLayer(String layer) {
        Map<String, String> keys = layer == null ? Map.of() : EmosparkConfig.readLayer(CONF.resolve("models").resolve(layer));
        return EmosparkConfig.load(CONF, null, keys);
    }

    @Test
    void faithfulLayerIsTheAuthorsCode() {
        EmosparkConfig faithful = withLayer("faithful.properties");

        assertEquals(ModelConfig.faithful(), ConfiguredTraining.model(faithful));
        TrainSettings s = ConfiguredTraining.settings(faithful);
        assertEquals(5e-4, s.learningRate());
        assertEquals(0.99, s.beta2());
        assertEquals(5, s.batchSize());
        assertEquals(5.0, s.lstmClipNorm());
        assertEquals(false, s.edgeWindows(), "the authors' code drops each recording's last partial window");
        assertEquals(0.0, s.averageEpochs(), "the authors' code keeps the weights as trained");
        assertEquals(0.0, s.patienceTolerance(), "in the authors' code only a better epoch restarts the patience");
    }

    @Test
    void weightAveragingIsReadAndWrittenAsAKey() {
        TrainSettings averaged = ConfiguredTraining.settings(EmosparkConfig.ofOverrides(java.util.Map.of(
                "emospark.train.averageEpochs", "2.5")));
        assertEquals(2.5, averaged.averageEpochs());
        assertEquals(averaged, ConfiguredTraining.settings(EmosparkConfig.ofOverrides(
                ConfiguredTraining.keysOf(ConfiguredTraining.model(withLayer(null)), averaged))));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConfiguredTraining.settings(EmosparkConfig.ofOverrides(java.util.Map.of(
                        "emospark.train.averageEpochs", "-1"))));
    }

    @Test
    void patienceToleranceIsReadAndWrittenAsAKeyAndRefusedOutsideACcc() {
        assertEquals(0.005, ConfiguredTraining.settings(withLayer(null)).patienceTolerance());
        TrainSettings wider = ConfiguredTraining.settings(EmosparkConfig.ofOverrides(Map.of(
                "emospark.train.patienceTolerance", "0.02")));
        assertEquals(0.02, wider.patienceTolerance());
        assertEquals(wider, ConfiguredTraining.settings(EmosparkConfig.ofOverrides(
                ConfiguredTraining.keysOf(ConfiguredTraining.model(withLayer(null)), wider))));
        for (String bad : new String[] {"-0.01", "1", "NaN"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> ConfiguredTraining.settings(EmosparkConfig.ofOverrides(Map.of(
                            "emospark.train.patienceTolerance", bad))), bad);
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Patience tolerance"), e.getMessage());
        }
    }

    @Test
    void augmentationIsReadAndWrittenAsKeysAndOffByDefault() {
        assertEquals(null, ConfiguredTraining.settings(withLayer(null)).augmentation());
        assertEquals(null, ConfiguredTraining.settings(withLayer("faithful.properties")).augmentation());
        TrainSettings augmented = ConfiguredTraining.settings(EmosparkConfig.ofOverrides(Map.of(
                "emospark.train.augment.voice", "0.2", "emospark.train.augment.gainDb", "6",
                "emospark.train.augment.snrDb", "15")));
        assertEquals(new org.emospark.model.Augmentation(0.2, 6, 15), augmented.augmentation());
        assertEquals(augmented, ConfiguredTraining.settings(EmosparkConfig.ofOverrides(
                ConfiguredTraining.keysOf(ConfiguredTraining.model(withLayer(null)), augmented))));
    }

    @Test
    void edgeWindowsAreOffByDefaultAndCarryingTheStateRefusesThem() {
        assertEquals(false, ConfiguredTraining.settings(withLayer(null)).edgeWindows());
        assertEquals(true, ConfiguredTraining.settings(EmosparkConfig.ofOverrides(java.util.Map.of(
                "emospark.train.edgeWindows", "true"))).edgeWindows());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConfiguredTraining.settings(EmosparkConfig.ofOverrides(java.util.Map.of(
                        "emospark.train.carryState", "true", "emospark.train.edgeWindows", "true"))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("emospark.train.edgeWindows=false"),
                e.getMessage());
        assertEquals(false, ConfiguredTraining.settings(EmosparkConfig.ofOverrides(java.util.Map.of(
                "emospark.train.carryState", "true", "emospark.train.edgeWindows", "false"))).edgeWindows());
    }

    @Test
    void defaultDiffersFromFaithfulOnlyInLossWeightsCnnDropoutLevelNormalisationProsodyAndItsContextSpeakingRateBothDirectionsBothSmoothingsAndTheTimingLevel() {
        ModelConfig defaults = ConfiguredTraining.model(withLayer(null));

        assertEquals(ModelConfig.faithful().toBuilder().lossWeights(ModelConfig.LossWeights.EQUAL).dropout(0.0)
                .normalizeLevel(true).prosody(true).prosodyContext(true).speakingRate(true).bidirectional(true)
                .smoothSeconds(2.0).priorSmoothing(true).timingLevel(true).build(), defaults);
    }

    @Test
    void prosodicContextGoesWithTheDescriptors() {
        ModelConfig withoutDescriptors = ConfiguredTraining.model(EmosparkConfig.ofOverrides(java.util.Map.of(
                "emospark.model.prosody", "false")));
        assertEquals(false, withoutDescriptors.prosodyContext());
        assertEquals(false, ConfiguredTraining.model(EmosparkConfig.ofOverrides(java.util.Map.of(
                "emospark.model.prosodyContext", "false"))).prosodyContext());
    }

    @Test
    void paperLayerKeepsTheCnnDropout() {
        ModelConfig paper = ConfiguredTraining.model(withLayer("paper.properties"));

        assertEquals(0.5, paper.dropout());
        assertEquals(300, paper.windowFrames());
    }

    @Test
    void aNetworkAndItsTrainingWrittenAsKeysReadBackTheSame() {
        for (String layer : new String[] {null, "quick.properties", "paper.properties", "faithful.properties"}) {
            EmosparkConfig c = withLayer(layer);
            ModelConfig config = ConfiguredTraining.model(c);
            TrainSettings settings = ConfiguredTraining.settings(c);
            EmosparkConfig back = EmosparkConfig.ofOverrides(ConfiguredTraining.keysOf(config, settings));
            assertEquals(config, ConfiguredTraining.model(back), String.valueOf(layer));
            assertEquals(settings, ConfiguredTraining.settings(back), String.valueOf(layer));
        }
        ModelConfig clipped = new ModelConfig(1000, 0.1, java.util.List.of(4), java.util.List.of(4), java.util.List.of(4),
                0, 8, 4, 4, 50, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL,
                4, 10);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConfiguredTraining.keysOf(clipped, ConfiguredTraining.settings(withLayer(null))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cell clip"), e.getMessage());
    }
}
