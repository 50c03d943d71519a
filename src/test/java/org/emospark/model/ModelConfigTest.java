package org.emospark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void faithfulFollowsTheAuthorsCode() {
        ModelConfig c = ModelConfig.faithful();
        assertEquals(2205, c.frameSamples());
        assertEquals(4410, c.frameInput());
        assertEquals(250, c.poolProduct());
        assertEquals(4410, c.paralinguisticFeatures());
        assertEquals(25, c.windowFrameMultiple());
        assertEquals(List.of(50, 125, 250), c.cnnFilters());
        assertEquals(100, c.windowFrames());
        assertArrayEquals(new double[] {1, 0.5, 1.0 / 3}, c.lossWeights().weights(3), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1}, ModelConfig.LossWeights.EQUAL.weights(3), 1e-12);
    }

    @Test
    void builderChangesOnlyWhatItNamesAndChecksTheWhole() {
        ModelConfig c = ModelConfig.faithful().toBuilder().lstmUnits(64).fusion(ModelConfig.Fusion.CONCAT).build();
        assertEquals(64, c.lstmUnits());
        assertEquals(ModelConfig.Fusion.CONCAT, c.fusion());
        assertEquals(ModelConfig.faithful(), c.toBuilder().lstmUnits(256).fusion(ModelConfig.Fusion.ATTENTION).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.faithful().toBuilder().windowFrames(30).build());
        assertTrue(e.getMessage().contains("multiple of 25"), e.getMessage());
    }

    @Test
    void theSpeakingRateWidensTheSemanticInputByOneAndStaysOutOfOlderModelsJson() throws Exception {
        ModelConfig plain = ModelConfig.faithful();
        ModelConfig rate = plain.toBuilder().speakingRate(true).build();

        assertEquals(100, plain.semanticInputs());
        assertEquals(101, rate.semanticInputs());
        assertEquals(100, rate.semanticDims());
        assertInJsonOnlyWhenTrue("speakingRate", plain, rate);
    }

    @Test
    void aBidirectionalLstmDoublesWhatTheHeadSeesAndStaysOutOfOlderModelsJson() throws Exception {
        ModelConfig plain = ModelConfig.faithful();
        ModelConfig both = plain.toBuilder().bidirectional(true).build();

        assertEquals(256, plain.lstmOutputs());
        assertEquals(512, both.lstmOutputs());
        assertInJsonOnlyWhenTrue("bidirectional", plain, both);
    }

    @Test
    void smoothingStaysOutOfOlderModelsJsonAndRoundTrips() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelConfig plain = ModelConfig.faithful();
        ModelConfig smoothing = plain.withSmoothSeconds(2.0);

        assertTrue(!json.writeValueAsString(plain).contains("smoothSeconds"), "ids of models without smoothing do not change");
        assertTrue(json.writeValueAsString(smoothing).contains("\"smoothSeconds\":2.0"));
        assertEquals(smoothing, json.readValue(json.writeValueAsString(smoothing), ModelConfig.class));
        assertEquals(plain, json.readValue(json.writeValueAsString(plain), ModelConfig.class));
    }

    @Test
    void priorSmoothingStaysOutOfOlderModelsJson() throws Exception {
        ModelConfig plain = ModelConfig.faithful();
        assertInJsonOnlyWhenTrue("priorSmoothing", plain, plain.toBuilder().priorSmoothing(true).build());
    }

    @Test
    void timingLevelStaysOutOfOlderModelsJson() throws Exception {
        ModelConfig plain = ModelConfig.faithful();
        assertInJsonOnlyWhenTrue("timingLevel", plain, plain.toBuilder().timingLevel(true).build());
    }

    /** A flag left out of the JSON when false (so ids of models without it do not change); both configs round-trip. */
    private static void assertInJsonOnlyWhenTrue(String flag, ModelConfig without, ModelConfig with) throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertTrue(!json.writeValueAsString(without).contains(flag), "ids of models without " + flag + " do not change");
        assertTrue(json.writeValueAsString(with).contains("\"" + flag + "\":true"));
        assertEquals(with, json.readValue(json.writeValueAsString(with), ModelConfig.class));
        assertEquals(without, json.readValue(json.writeValueAsString(without), ModelConfig.class));
    }

    @Test
    void sixteenKilohertzNeedsWindowsOfFiveFrames() {
        ModelConfig c = ModelConfig.faithful().withSampleRate(16000);
        assertEquals(3200, c.frameInput());
        assertEquals(3200, c.paralinguisticFeatures());
        assertEquals(5, c.windowFrameMultiple());
        c.requireWindow(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.requireWindow(7));
        assertTrue(e.getMessage().contains("multiple of 5"), e.getMessage());
    }

    @Test
    void windowThatDoesNotPoolExactlyIsRejectedAtTheDoor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.faithful().withWindowFrames(30));
        assertTrue(e.getMessage().contains("multiple of 25"), e.getMessage());
        ModelConfig.faithful().withWindowFrames(300);
        // Semantic-only windows have no CNN and no constraint.
        ModelConfig.faithful().withStreams(ModelConfig.Streams.SEMANTIC).withWindowFrames(30);
    }

    @Test
    void badValuesAreRejectedWithWhatWasGiven() {
        ModelConfig f = ModelConfig.faithful();
        assertThrows(IllegalArgumentException.class, () -> f.withDropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> f.withSampleRate(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelConfig(22050, 0.1,
                List.of(50, 125), List.of(8, 6, 6), List.of(10, 5, 5), 0.5, 1024, 512, 256, 100, 1, 3,
                ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL, 100, 100));
        assertTrue(e.getMessage().contains("[50, 125]"), e.getMessage());
    }

    @Test
    void layerListsAreCopiedSoTheRecordStaysImmutable() {
        List<Integer> filters = new ArrayList<>(List.of(50, 125, 250));
        ModelConfig c = new ModelConfig(22050, 0.1, filters, List.of(8, 6, 6), List.of(10, 5, 5), 0.5, 1024, 512,
                256, 100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH,
                ModelConfig.LossWeights.EQUAL, 100, 100);
        filters.set(0, 7);
        assertEquals(50, c.cnnFilters().get(0));
        assertThrows(UnsupportedOperationException.class, () -> c.cnnFilters().set(0, 1));
    }
}
