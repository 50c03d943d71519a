package org.emospark.features.embedding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does an embedding place words of like valence together? For each rated word in the vocabulary
 * (|valence| at least {@code minAbsValence}), its k nearest rated neighbours by cosine are found and
 * the share with the same valence sign is counted. Chance is the share a random neighbour would
 * have: for each word, (same-sign rated words - 1) / (rated words - 1), averaged. Cost: one dot
 * product per pair of rated words.
 */
public final class ValenceNeighbours {
    private ValenceNeighbours() {
    }

    public record Result(int words, int k, double sameSignShare, double chanceShare) {
        public String describe() {
            return String.format(Locale.ROOT,
                    "valence neighbours: %.1f%% of the %d nearest neighbours of %d rated words share their valence "
                            + "sign (chance %.1f%%)", 100 * sameSignShare, k, words, 100 * chanceShare);
        }
    }

    public static Result evaluate(WordVectors vectors, Map<String, Double> lexicon, int k, double minAbsValence) {
        List<String> words = new ArrayList<>();
        List<float[]> unit = new ArrayList<>();
        for (Map.Entry<String, Double> e : lexicon.entrySet()) {
            float[] v = vectors.get(e.getKey());
            if (v != null && Math.abs(e.getValue()) >= minAbsValence) {
                words.add(e.getKey());
                unit.add(normalised(v));
            }
        }
        int n = words.size();
        if (n <= k) {
            throw new IllegalArgumentException("Only " + n + " rated words are in the vocabulary; need more than k="
                    + k + " to compare neighbours");
        }
        long positive = words.stream().filter(w -> lexicon.get(w) > 0).count();
        double same = 0;
        double chance = 0;
        for (int i = 0; i < n; i++) {
            boolean pos = lexicon.get(words.get(i)) > 0;
            Integer[] order = new Integer[n];
            double[] sim = new double[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
                sim[j] = j == i ? Double.NEGATIVE_INFINITY : dot(unit.get(i), unit.get(j));
            }
            Arrays.sort(order, (a, b) -> Double.compare(sim[b], sim[a]));
            int agree = 0;
            for (int r = 0; r < k; r++) {
                if ((lexicon.get(words.get(order[r])) > 0) == pos) {
                    agree++;
                }
            }
            same += agree / (double) k;
            long sameSign = pos ? positive : n - positive;
            chance += (sameSign - 1) / (double) (n - 1);
        }
        return new Result(n, k, same / n, chance / n);
    }

    /** {@code v} scaled to unit length (zero stays zero); also used by {@link WordTranslation}. */
    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
