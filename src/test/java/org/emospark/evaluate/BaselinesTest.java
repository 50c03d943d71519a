package org.emospark.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.emospark.frames.RecordingExample;
import org.emospark.lake.PcmSource;
import org.emospark.metrics.DimensionScores;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final int FRAME = 100;
    private static final int DIMS = 4;

    /**
     * Arousal slowly drives loudness; valence picks which of two word vectors is spoken; liking is their mean. Each
     * baseline should find the dimension its features carry and not the other.
     */
    private static RecordingExample recording(String id, long seed) {
        Random rnd = new Random(seed);
        int n = 600;
        float[] pcm = new float[n * FRAME];
        float[] semantic = new float[n * DIMS];
        float[] labels = new float[n * 3];
        double phaseA = rnd.nextDouble() * 6;
        double phaseV = rnd.nextDouble() * 6;
        for (int f = 0; f < n; f++) {
            double a = 0.8 * Math.sin(f / 40.0 + phaseA);
            double v = 0.8 * Math.sin(f / 55.0 + phaseV);
            double amp = Math.pow(10, (-30 + 12 * a) / 20);
            for (int i = 0; i < FRAME; i++) {
                pcm[f * FRAME + i] = (float) (amp * rnd.nextGaussian());
            }
            if (f % 3 == 0) {   // a word every 300 ms
                int word = rnd.nextDouble() < (v + 1) / 2 ? 0 : 1;
                semantic[f * DIMS + word] = 1;
                semantic[f * DIMS + 2 + word] = 0.5f;
            }
            labels[3 * f] = (float) a;
            labels[3 * f + 1] = (float) v;
            labels[3 * f + 2] = (float) ((a + v) / 2);
        }
        return new RecordingExample(id, "x", n, PcmSource.of(pcm), new boolean[n], DIMS, semantic, labels);
    }

    @Test
    void prosodyFindsArousalAndWordsFindValence() {
        List<RecordingExample> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            train.add(recording("Train_" + i, i));
        }
        List<RecordingExample> test = List.of(recording("Test_1", 100), recording("Test_2", 101));
        List<Baselines.Score> scores = Baselines.fitAndScore(train, test, FRAME);
        assertEquals(List.of(Baselines.Kind.PROSODY, Baselines.Kind.WORDS), scores.stream().map(Baselines.Score::kind).toList());
        DimensionScores prosody = scores.get(0).concatenated();
        DimensionScores words = scores.get(1).concatenated();
        assertTrue(prosody.arousal().ccc() > 0.8, "prosody arousal " + prosody);
        assertTrue(Math.abs(prosody.valence().ccc()) < 0.3, "prosody valence " + prosody);
        assertTrue(words.valence().ccc() > 0.6, "words valence " + words);
        assertTrue(Math.abs(words.arousal().ccc()) < 0.3, "words arousal " + words);
    }

    /**
     * Arousal drifts slowly, and each 3 s of the recording gets its own loudness offset (sd 8 dB) that has nothing to do
     * with it, as speech does from one phrase to the next: a 2 s average mostly follows the offsets, a 16 s one the drift.
     */
    private static RecordingExample phrasedRecording(String id, long seed) {
        Random rnd = new Random(seed);
        int n = 1200;
        float[] pcm = new float[n * FRAME];
        float[] labels = new float[n * 3];
        double phase = rnd.nextDouble() * 6;
        double offset = 0;
        for (int f = 0; f < n; f++) {
            if (f % 30 == 0) {
                offset = 8 * rnd.nextGaussian();
            }
            double a = 0.8 * Math.sin(f / 120.0 + phase);
            double amp = Math.pow(10, (-30 + 8 * a + offset) / 20);
            for (int i = 0; i < FRAME; i++) {
                pcm[f * FRAME + i] = (float) (amp * rnd.nextGaussian());
            }
            labels[3 * f] = (float) a;
        }
        return new RecordingExample(id, "x", n, PcmSource.of(pcm), new boolean[n], DIMS, new float[n * DIMS], labels);
    }

    @Test
    void prosodyLooksFarEnoughBackToSeeASlowDriftThroughPhraseToPhraseLoudness() {
        List<RecordingExample> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            train.add(phrasedRecording("Train_" + i, i));
        }
        List<RecordingExample> test = List.of(phrasedRecording("Test_1", 100), phrasedRecording("Test_2", 101));
        DimensionScores prosody = Baselines.fitAndScore(train, test, FRAME).get(0).concatenated();
        assertTrue(prosody.arousal().ccc() > 0.7, "prosody arousal " + prosody);
    }

    /** The recording with a fifth semantic value per frame that carries arousal, as a model's extra input might. */
    private static RecordingExample withArousalAppended(RecordingExample r) {
        float[] wide = new float[r.numFrames() * (DIMS + 1)];
        for (int f = 0; f < r.numFrames(); f++) {
            System.arraycopy(r.semantic(), f * DIMS, wide, f * (DIMS + 1), DIMS);
            wide[f * (DIMS + 1) + DIMS] = r.labels()[3 * f];
        }
        return new RecordingExample(r.recordingId(), r.split(), r.numFrames(), r.pcm(), r.subject(), DIMS + 1, wide,
                r.labels());
    }

    @Test
    void theWordsBaselineReadsOnlyTheWordVectorsOfAWiderSemanticInput() {
        List<RecordingExample> train = new ArrayList<>();
        List<RecordingExample> wideTrain = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            train.add(recording("Train_" + i, i));
            wideTrain.add(withArousalAppended(train.get(i)));
        }
        List<RecordingExample> test = List.of(recording("Test_1", 100), recording("Test_2", 101));
        List<RecordingExample> wideTest = test.stream().map(BaselinesTest::withArousalAppended).toList();

        DimensionScores narrow = Baselines.fitAndScore(train, test, FRAME).get(1).concatenated();
        DimensionScores limited = Baselines.fitAndScore(wideTrain, wideTest, FRAME, DIMS).get(1).concatenated();
        DimensionScores everything = Baselines.fitAndScore(wideTrain, wideTest, FRAME).get(1).concatenated();

        assertEquals(narrow.arousal().ccc(), limited.arousal().ccc(), 1e-9);
        assertEquals(narrow.valence().ccc(), limited.valence().ccc(), 1e-9);
        assertTrue(everything.arousal().ccc() > narrow.arousal().ccc() + 0.3,
                "the appended value does carry arousal: " + everything + " against " + narrow);
    }

    @Test
    void causalMeansAverageTheCountedFramesOfTheLastSpan() {
        double[][] x = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        boolean[] counted = {false, true, true, true};
        double[][] m = Baselines.causalMeans(x, counted, 2);
        assertArrayEquals(new double[] {0, 0}, m[0], 0, "nothing counted yet");
        assertArrayEquals(new double[] {2, 20}, m[1], 0);
        assertArrayEquals(new double[] {2.5, 25}, m[2], 1e-12);
        assertArrayEquals(new double[] {3.5, 35}, m[3], 1e-12, "frame 1 has left the span");
    }

    @Test
    void noTrainRecordingsIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Baselines.fitAndScore(List.of(), List.of(recording("Test_1", 1)), FRAME));
        assertTrue(e.getMessage().contains("Train"), e.getMessage());
    }
}
