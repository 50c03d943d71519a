package org.emospark.model.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.emospark.frames.FeatureExample;
import org.emospark.frames.FramedExample;
import org.emospark.frames.UtteranceTiming;
import org.emospark.metrics.EmotionSeries;
import org.junit.jupiter.api.Test;

class TimingLevelTest {
    private static final int UTTERANCE_FRAMES = 5;

    /** The arousal the fixtures' speakers show: higher when they talk fast and pause briefly. */
    private static double arousal(double rate, double pause) {
        return 0.5 + 0.3 * Math.log(rate / 12) - 0.4 * Math.log(pause);
    }

    /**
     * A recording of utterances ({rate, pause} each, {@link #UTTERANCE_FRAMES} frames, then as many frames nobody
     * speaks in), arousal as {@link #arousal} says from an utterance's start to the next's; valence and liking wiggle
     * around {@code otherLevel} whatever the timing. The silences are the subject's too, but untimed.
     */
    private static FeatureExample recording(String id, double otherLevel, double[]... utterances) {
        int n = 2 * UTTERANCE_FRAMES * utterances.length;
        UtteranceTiming timing = UtteranceTiming.none(n);
        float[] labels = new float[n * 3];
        for (int u = 0; u < utterances.length; u++) {
            for (int k = 0; k < 2 * UTTERANCE_FRAMES; k++) {
                int f = 2 * UTTERANCE_FRAMES * u + k;
                if (k < UTTERANCE_FRAMES) {
                    timing.charsPerSecond()[f] = (float) utterances[u][0];
                    timing.pauseSeconds()[f] = (float) utterances[u][1];
                }
                labels[3 * f] = (float) arousal(utterances[u][0], utterances[u][1]);
            }
        }
        for (int f = 0; f < n; f++) {
            labels[3 * f + 1] = (float) (otherLevel + 0.2 * Math.sin(f));
            labels[3 * f + 2] = (float) (otherLevel + 0.2 * Math.cos(f));
        }
        boolean[] subject = new boolean[n];
        Arrays.fill(subject, true);
        return new FeatureExample(id, "Train", n, 1, new float[n], subject, 1, new float[n], labels, timing);
    }

    private static List<FramedExample> train() {
        List<FramedExample> out = new ArrayList<>();
        double[] levels = {0.3, -0.2, 0.1, -0.4};
        for (int r = 0; r < 4; r++) {
            out.add(recording("Train_" + r, levels[r], new double[] {9 + 2 * r, 0.4 + 0.1 * r},
                    new double[] {12 + r, 1.2 - 0.2 * r}, new double[] {15 - r, 0.6 + 0.3 * r}));
        }
        return out;
    }

    @Test
    void theLinesAreFittedOnTheUtterancesNotOnTheFrames() {
        TimingLevel level = TimingLevel.fit(train());
        assertArrayEquals(new double[] {0.5, 0.3, -0.4}, level.coefficients()[0], 1e-4,
                "arousal follows the timing exactly");
        assertArrayEquals(new double[] {0, 0, 0}, level.weights(), "weights are chosen later, on Devel");
        assertTrue(level.pValues()[0] < 1e-6, "the timing says the arousal: " + level);
        assertTrue(level.pValues()[1] > TimingLevel.MAX_P_VALUE, "and nothing of the valence: " + level);
        // One utterance of 1 frame and one of 9 at other timings: the level is the mean of the two, not frame-weighted.
        UtteranceTiming timing = UtteranceTiming.none(10);
        timing.charsPerSecond()[0] = 12;
        timing.pauseSeconds()[0] = 1;
        for (int f = 1; f < 10; f++) {
            timing.charsPerSecond()[f] = 12;
            timing.pauseSeconds()[f] = (float) Math.exp(-1);
        }
        boolean[] subject = new boolean[10];
        Arrays.fill(subject, true);
        assertEquals((0.5 + 0.9) / 2, level.level(subject, timing)[0], 1e-4);
    }

    @Test
    void tooFewTimedUtterancesFitNothing() {
        List<FramedExample> few = List.of(recording("Train_0", 0, new double[] {10, 0.5}, new double[] {12, 1.0}));
        assertNull(TimingLevel.fit(few));
        assertNull(TimingLevel.fit(train().stream().map(r -> (FramedExample) new FeatureExample(r.recordingId(),
                r.split(), r.numFrames(), 1, new float[r.numFrames()], r.subject(), 1, new float[r.numFrames()],
                r.labels())).toList()), "semantic frames built before pause_s time no utterance");
    }

    @Test
    void eachDimensionMovesByItsWeightAndOnlyTheSubjectsUtterancesCount() {
        TimingLevel level = new TimingLevel(new double[][] {{0.5, 0, 0}, {0.5, 0, 0}, {0.5, 0, 0}},
                new double[] {0, 0, 0}, new double[] {1, 0, 0.5});
        UtteranceTiming timing = UtteranceTiming.none(4);
        timing.charsPerSecond()[0] = 12;
        timing.pauseSeconds()[0] = 0.5f;
        timing.charsPerSecond()[3] = 30;   // the other speaker's: not the subject's frame
        timing.pauseSeconds()[3] = 0.1f;
        boolean[] subject = {true, true, true, false};
        float[][] outputs = {{0, 0, 0}, {0.1f, 0.1f, 0.1f}, {0.2f, 0.2f, 0.2f}, {0.3f, 0.3f, 0.3f}};
        level.apply(outputs, subject, timing);
        assertArrayEquals(new float[] {0.35f, 0, 0.175f}, outputs[0], 1e-6f, "mean 0.15 moved to 0.5, not at all, halfway");
        assertArrayEquals(new float[] {0.65f, 0.3f, 0.475f}, outputs[3], 1e-6f, "every frame moves alike");
        float[][] untimed = {{0.1f, 0.1f, 0.1f}};
        level.apply(untimed, new boolean[] {true}, UtteranceTiming.none(1));
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f}, untimed[0], "no timed utterance: nothing to move towards");
    }

    @Test
    void theWeightsAreThoseUnderWhichDevelScoresBest() {
        TimingLevel lines = TimingLevel.fit(train());
        List<FramedExample> devel = List.of(
                recording("Devel_0", 0.2, new double[] {10, 0.3}, new double[] {14, 0.5}),
                recording("Devel_1", -0.1, new double[] {11, 1.4}, new double[] {9, 0.9}),
                recording("Devel_2", 0.0, new double[] {16, 0.4}, new double[] {13, 0.7}));
        List<EmotionSeries> predicted = new ArrayList<>();
        float[] offsets = {0.6f, -0.5f, 0.2f};
        for (int r = 0; r < devel.size(); r++) {
            FramedExample e = devel.get(r);
            float[][] gold = e.labels(0, e.numFrames());
            float[][] p = new float[gold.length][];
            for (int f = 0; f < p.length; f++) {
                // Arousal right within the recording but off by a recording's offset; valence and liking exact.
                p[f] = new float[] {gold[f][0] + offsets[r], gold[f][1], gold[f][2]};
            }
            predicted.add(new EmotionSeries(e.recordingId(), p, gold));
        }
        Map<String, FramedExample> byId = new java.util.HashMap<>();
        devel.forEach(r -> byId.put(r.recordingId(), r));
        TimingLevel chosen = lines.chooseWeights(predicted, byId);
        assertArrayEquals(new double[] {1, 0, 0}, chosen.weights());
        assertArrayEquals(lines.coefficients()[0], chosen.coefficients()[0]);
    }

    @Test
    void aDimensionTheTrainUtterancesDoNotSupportIsNeverMoved() {
        TimingLevel fitted = TimingLevel.fit(train());
        double[] arousalLine = fitted.coefficients()[0];
        double[][] three = {arousalLine, arousalLine, arousalLine};
        // Devel whose three dimensions all follow the timing, predicted right within each recording but off its level.
        List<EmotionSeries> devel = new ArrayList<>();
        Map<String, FramedExample> byId = new java.util.HashMap<>();
        double[][][] utterances = {{{10, 0.3}, {14, 0.5}}, {{11, 1.4}, {9, 0.9}}, {{16, 0.4}, {13, 0.7}}};
        float[] offsets = {0.6f, -0.5f, 0.2f};
        for (int r = 0; r < utterances.length; r++) {
            FramedExample e = recording("Devel_" + r, 0, utterances[r]);
            byId.put(e.recordingId(), e);
            float[][] gold = e.labels(0, e.numFrames());
            float[][] p = new float[gold.length][];
            for (int f = 0; f < gold.length; f++) {
                gold[f] = new float[] {gold[f][0], gold[f][0], gold[f][0]};
                p[f] = new float[] {gold[f][0] + offsets[r], gold[f][0] + offsets[r], gold[f][0] + offsets[r]};
            }
            devel.add(new EmotionSeries(e.recordingId(), p, gold));
        }
        double[] zero = {0, 0, 0};
        assertArrayEquals(new double[] {1, 1, 1}, new TimingLevel(three, new double[] {0.001, 0.005, 0.0}, zero)
                .chooseWeights(devel, byId).weights());
        TimingLevel gated = new TimingLevel(three, new double[] {0.001, TimingLevel.MAX_P_VALUE, 0.0}, zero);
        assertFalse(gated.supported(1));
        assertArrayEquals(new double[] {1, 0, 1}, gated.chooseWeights(devel, byId).weights(),
                "Devel would move valence too, but Train does not support its line");
    }

    @Test
    void theFTestsPValueFollowsTheFitAndItsSize() {
        assertEquals(1, TimingLevel.fTestPValue(0, 50), 1e-12);
        assertEquals(0, TimingLevel.fTestPValue(1, 50), 1e-12);
        assertEquals(1, TimingLevel.fTestPValue(Double.NaN, 50), 1e-12, "labels that do not vary");
        // F = (0.2 / 2) / (0.8 / 47) = 5.875 on (2, 47) degrees of freedom.
        assertEquals(0.0052, TimingLevel.fTestPValue(0.2, 50), 5e-4);
        assertTrue(TimingLevel.fTestPValue(0.2, 20) > TimingLevel.fTestPValue(0.2, 50), "fewer utterances, less sure");
    }

    @Test
    void badLinesOrWeightsAreRefused() {
        double[] one = {0};
        assertThrows(IllegalArgumentException.class, () -> new TimingLevel(new double[][] {{0, 0, 0}}, one, new double[] {1.5}));
        assertThrows(IllegalArgumentException.class, () -> new TimingLevel(new double[][] {{0, 0}}, one, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new TimingLevel(new double[][] {{0, Double.NaN, 0}}, one, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new TimingLevel(new double[][] {{0, 0, 0}}, new double[] {2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new TimingLevel(new double[][] {{0, 0, 0}}, one, new double[] {}));
    }
}
