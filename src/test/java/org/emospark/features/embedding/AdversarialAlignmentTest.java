package org.emospark.features.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdversarialAlignmentTest {
    /** Words with a shape a rotation cannot hide (each axis its own spread and skew), and the same words rotated. */
    private record Spaces(WordVectors source, WordVectors target, ProcrustesAlignment hidden) {
    }

    private static Spaces spaces(int d, int words, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ProcrustesAlignment hidden = ProcrustesAlignment.random(d, seed + 14);
        WordVectors.Builder target = WordVectors.builder(d);
        WordVectors.Builder source = WordVectors.builder(d);
        for (int i = 0; i < words; i++) {
            float[] y = new float[d];
            for (int k = 0; k < d; k++) {
                // Exponential draws: skewed, so no axis can be flipped; spreads d, d - 1, ..., 1 tell the axes apart.
                y[k] = (float) ((d - k) * (-Math.log(1 - random.nextDouble()) - 1));
            }
            target.put("w" + i, y);
            float[] x = hidden.apply(y);
            for (int k = 0; k < d; k++) {
                x[k] += (float) (0.01 * (random.nextDouble() - 0.5));
            }
            source.put("w" + i, x);
        }
        return new Spaces(source.build(), target.build(), hidden);
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double[] identity(int d) {
        double[] m = new double[d * d];
        for (int k = 0; k < d; k++) {
            m[k * d + k] = 1;
        }
        return m;
    }

    /** The adversarial stage, started at the identity, moves the map towards the hidden rotation. */
    @Test
    void theAdversarialStageMovesTheMapTowardsTheHiddenRotation() {
        int d = 6;
        Spaces s = spaces(d, 400, 3);
        double[] w = AdversarialAlignment.adversarial(AdversarialAlignment.unitRows(s.source()),
                AdversarialAlignment.unitRows(s.target()), d, 500, 5);
        // The source is the target rotated: the map into the target is the inverse (the transpose).
        double[] truth = transpose(s.hidden().matrix(), d);
        double before = distance(identity(d), truth);
        double after = distance(ProcrustesAlignment.nearestRotation(w, d).matrix(), truth);
        System.out.printf("distance to the hidden rotation: %.3f at the identity, %.3f after%n", before, after);
        assertTrue(after < 0.8 * before, "from " + before + " to " + after);
    }

    /** From a map some way off, refinement over mutual CSLS neighbours finds the exact one. */
    @Test
    void refinementFromANearbyMapTranslatesEveryWord() {
        int d = 10;
        Spaces s = spaces(d, 600, 4);
        double[] truth = transpose(s.hidden().matrix(), d);
        SplittableRandom random = new SplittableRandom(8);
        double[] off = truth.clone();
        for (int i = 0; i < off.length; i++) {
            off[i] += 0.3 * ProcrustesAlignmentTest.gaussian(random, 1)[0];
        }
        ProcrustesAlignment start = ProcrustesAlignment.nearestRotation(off, d);
        float[][] x = AdversarialAlignment.unitRows(s.source());
        float[][] y = AdversarialAlignment.unitRows(s.target());
        double startShare = translated(start, x, y);

        AdversarialAlignment.Fitted refined = AdversarialAlignment.refine(start, x, y);

        double share = translated(refined.map(), x, y);
        System.out.printf("words translated: %.3f from the start, %.3f after %s%n", startShare, share, refined.stage());
        assertTrue(startShare < 0.8, "the start is off: " + startShare);
        assertTrue(share >= 0.98, "refined: " + share + " (" + refined.stage() + ")");
        assertTrue(refined.stage().startsWith("refinement"), refined.stage());
    }

    @Test
    void theMutualNeighboursOfTheIdentityOnACopyAreEveryWord() {
        float[][] x = new float[30][];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = ValenceNeighbours.normalised(ProcrustesAlignmentTest.gaussian(random, 5));
        }
        ProcrustesAlignment map = ProcrustesAlignment.nearestRotation(identity(5), 5);
        List<int[]> pairs = AdversarialAlignment.mutualCslsPairs(map, x, x);
        assertEquals(30, pairs.size());
        for (int[] p : pairs) {
            assertEquals(p[0], p[1]);
        }
        assertEquals(1, AdversarialAlignment.criterion(map, x, x), 1e-6);
    }

    @Test
    void theMethodIsReportedAndStoredWithTheAlignment() {
        Spaces s = spaces(4, 60, 2);
        WordTranslation.Report report = WordTranslation.align(s.source(), s.target(), "t",
                WordTranslation.Method.ADVERSARIAL, 20, 5).report();
        assertEquals(WordTranslation.Method.ADVERSARIAL, report.method());
        assertTrue(report.describe().contains("without a dictionary"), report.describe());
        assertTrue(report.toJson().contains("\"method\":\"adversarial+procrustes\""), report.toJson());
    }

    @Test
    void setsWithoutSharedWordsCannotBeJudged() {
        Spaces s = spaces(4, 60, 2);
        WordVectors.Builder renamed = WordVectors.builder(4);
        s.target().forEach((word, v) -> renamed.put("other-" + word, v));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WordTranslation.align(s.source(), renamed.build(), "t", WordTranslation.Method.ADVERSARIAL, 20, 5));
        assertTrue(e.getMessage().contains("to judge an alignment into it: 0 held out of 0 shared words"),
                e.getMessage());
    }

    /** The share of source rows whose nearest target row (cosine) is their own. */
    private static double translated(ProcrustesAlignment map, float[][] x, float[][] y) {
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            float[] q = ValenceNeighbours.normalised(map.apply(x[i]));
            int best = 0;
            for (int j = 1; j < y.length; j++) {
                if (ValenceNeighbours.dot(q, y[j]) > ValenceNeighbours.dot(q, y[best])) {
                    best = j;
                }
            }
            right += best == i ? 1 : 0;
        }
        return (double) right / x.length;
    }

    private static double[] transpose(double[] m, int d) {
        double[] t = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                t[c * d + r] = m[r * d + c];
            }
        }
        return t;
    }
}
