package org.emospark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmotionScoringTest {

    private static EmotionSeries series(String id, long seed, int n, float offset) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] p = new float[n][3];
        float[][] g = new float[n][3];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                g[i][d] = (float) r.nextDouble(-0.5, 0.5) + offset;
                p[i][d] = (float) (0.6 * g[i][d] + 0.2 * r.nextDouble(-1, 1));
            }
        }
        return new EmotionSeries(id, p, g);
    }

    private static double[] column(List<EmotionSeries> rs, Dimension d, boolean predicted) {
        List<Double> v = new ArrayList<>();
        for (EmotionSeries r : rs) {
            for (float x : predicted ? r.predicted(d) : r.gold(d)) {
                v.add((double) x);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void concatenationPoolsAllFramesPerDimension() {
        List<EmotionSeries> rs = List.of(series("Devel_01", 1, 300, 0.3f), series("Devel_02", 2, 450, -0.2f));
        DimensionScores s = EmotionScoring.onConcatenation(rs);
        for (Dimension d : Dimension.values()) {
            double[] p = column(rs, d, true);
            double[] g = column(rs, d, false);
            assertEquals(ConcordanceCorrelation.of(p, g), s.get(d).ccc(), 1e-12, d.name());
            assertEquals(Pearson.of(p, g), s.get(d).pearson(), 1e-12, d.name());
            assertEquals(Rmse.of(p, g), s.get(d).rmse(), 1e-12, d.name());
        }
    }

    @Test
    void framesPoolOnlyTheFlaggedFramesOfTheFlaggedRecordings() {
        EmotionSeries a = series("Devel_01", 7, 40, 0.3f);
        EmotionSeries b = series("Devel_02", 8, 30, -0.2f);
        EmotionSeries unflagged = series("Devel_03", 9, 20, 0f);
        boolean[] fa = new boolean[40];
        boolean[] fb = new boolean[30];
        for (int i = 0; i < 40; i++) {
            fa[i] = i % 3 == 0;
        }
        Arrays.fill(fb, 10, 30, true);
        java.util.Map<String, boolean[]> flags = Map.of("Devel_01", fa, "Devel_02", fb);
        List<EmotionSeries> rs = List.of(a, b, unflagged);

        DimensionMoments in = EmotionScoring.onFrames(rs, flags, true);
        DimensionMoments out = EmotionScoring.onFrames(rs, flags, false);

        assertEquals(14 + 20, in.count());
        assertEquals(26 + 10, out.count(), "the recording without flags counts in neither part");
        DimensionScores want = EmotionScoring.onConcatenation(List.of(part(a, fa, true), part(b, fb, true)));
        DimensionScores wantOut = EmotionScoring.onConcatenation(List.of(part(a, fa, false), part(b, fb, false)));
        for (Dimension d : Dimension.values()) {
            assertEquals(want.get(d).ccc(), in.scores().get(d).ccc(), 1e-12, d.name());
            assertEquals(wantOut.get(d).ccc(), out.scores().get(d).ccc(), 1e-12, d.name());
            assertEquals(wantOut.get(d).rmse(), out.scores().get(d).rmse(), 1e-12, d.name());
        }
        assertEquals(0, EmotionScoring.onFrames(rs, Map.of(), true).count());
        assertThrows(IllegalArgumentException.class,
                () -> EmotionScoring.onFrames(rs, Map.of("Devel_03", new boolean[19]), true));
    }

    /** The rows of a series whose flag equals {@code keep}. */
    private static EmotionSeries part(EmotionSeries s, boolean[] flags, boolean keep) {
        List<float[]> p = new ArrayList<>();
        List<float[]> g = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == keep) {
                p.add(s.predicted()[i]);
                g.add(s.gold()[i]);
            }
        }
        return new EmotionSeries(s.recordingId(), p.toArray(new float[0][]), g.toArray(new float[0][]));
    }

    @Test
    void perRecordingMeanAveragesEachRecordingsScores() {
        List<EmotionSeries> rs = List.of(series("Devel_01", 3, 200, 0.3f), series("Devel_02", 4, 100, -0.2f),
                series("Devel_03", 5, 50, 0f));
        DimensionScores s = EmotionScoring.perRecordingMean(rs);
        for (Dimension d : Dimension.values()) {
            double ccc = 0;
            double rmse = 0;
            for (EmotionSeries r : rs) {
                ccc += ConcordanceCorrelation.of(r.predicted(d), r.gold(d));
                rmse += Rmse.of(r.predicted(d), r.gold(d));
            }
            assertEquals(ccc / 3, s.get(d).ccc(), 1e-12);
            assertEquals(rmse / 3, s.get(d).rmse(), 1e-12);
        }
        assertEquals((s.arousal().ccc() + s.valence().ccc() + s.liking().ccc()) / 3, s.meanCcc(), 1e-15);
    }

    @Test
    void rowMajorFeedingEqualsRowFeeding() {
        EmotionSeries r = series("Test_01", 6, 123, 0.1f);
        float[] p = new float[r.length() * 3];
        float[] g = new float[r.length() * 3];
        for (int i = 0; i < r.length(); i++) {
            for (int d = 0; d < 3; d++) {
                p[i * 3 + d] = r.predicted()[i][d];
                g[i * 3 + d] = r.gold()[i][d];
            }
        }
        DimensionMoments flat = new DimensionMoments().addRowMajor(p, g);
        assertEquals(r.scores(), flat.scores());
    }

    @Test
    void rejectsRowsWithoutThreeValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmotionSeries("Train_01", new float[][] {{0, 0, 0}, {0, 0}}, new float[2][3]));
        assertEquals("Row 1 must have 3 values (arousal, valence, liking), got 2 predicted and 3 gold", e.getMessage());
    }
}
