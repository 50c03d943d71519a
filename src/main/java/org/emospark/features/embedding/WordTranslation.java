package org.emospark.features.embedding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.emospark.runtime.Sha256;

/**
 * Alignment of one word-vector set into another, and how good it is: supervised ({@link Method#PROCRUSTES}, fitted
 * on the words both know) or without a dictionary ({@link Method#ADVERSARIAL}, {@link AdversarialAlignment}). The
 * shared words are split (by a hash of each word, so the split is the same on every run) into a dictionary the
 * supervised map is fitted on and held-out words every map is judged on. Judged as MUSE judges word translation: a held-out word counts
 * at k when its own target vector is among the k nearest (cosine) of all target vectors to its mapped source
 * vector. A random rotation is judged the same way, so the figures read against chance.
 */
public final class WordTranslation {
    /** One shared word in five is held out. */
    static final int HELD_OUT_EVERY = 5;
    static final int MIN_DICTIONARY = 10;
    static final int MIN_HELD_OUT = 5;
    /** As many held-out words as MUSE's test dictionaries hold: ranking each among all target words is the cost. */
    static final int MAX_JUDGED = 1_500;

    private WordTranslation() {
    }

    /** How the map is found. */
    public enum Method {
        /** Orthogonal Procrustes over the words both sets hold: the strong, simple reference. */
        PROCRUSTES,
        /** MUSE: adversarial training, then Procrustes over mutual CSLS neighbours; no shared words needed. */
        ADVERSARIAL;

        public String label() {
            return switch (this) {
                case PROCRUSTES -> "procrustes";
                case ADVERSARIAL -> "adversarial+procrustes";
            };
        }
    }

    /** The fitted map and its report. */
    public record Aligned(ProcrustesAlignment alignment, Report report) {
    }

    /** What the alignment was fitted on and how well it translates held-out words, against a random rotation. */
    public record Report(String target, Method method, int dictionaryWords, int heldOutWords, double precisionAt1,
                         double precisionAt5, double randomPrecisionAt1, double randomPrecisionAt5, double scale) {
        public String describe() {
            String how = switch (method) {
                case PROCRUSTES -> String.format(Locale.ROOT, "by Procrustes on %d shared words", dictionaryWords);
                case ADVERSARIAL -> String.format(Locale.ROOT, "without a dictionary (adversarial, then Procrustes on "
                        + "%d mutual CSLS neighbours)", dictionaryWords);
            };
            return String.format(Locale.ROOT, "aligned into %s %s; held-out word translation (%d words judged) "
                            + "precision@1 %.1f%%, @5 %.1f%% (a random rotation: %.1f%%, %.1f%%)",
                    target, how, heldOutWords, 100 * precisionAt1, 100 * precisionAt5,
                    100 * randomPrecisionAt1, 100 * randomPrecisionAt5);
        }

        public String toJson() {
            return String.format(Locale.ROOT, "{\"alignedTo\":\"%s\",\"method\":\"%s\",\"dictionaryWords\":%d,"
                            + "\"heldOutWords\":%d,\"precisionAt1\":%.4f,\"precisionAt5\":%.4f,"
                            + "\"randomPrecisionAt1\":%.4f,\"randomPrecisionAt5\":%.4f,\"scale\":%.6f}",
                    target, method.label(), dictionaryWords, heldOutWords, precisionAt1, precisionAt5,
                    randomPrecisionAt1, randomPrecisionAt5, scale);
        }
    }

    /** Fits {@code source} into {@code target} (named {@code targetName}) over the words both hold. */
    public static Aligned align(WordVectors source, WordVectors target, String targetName) {
        return align(source, target, targetName, Method.PROCRUSTES, 0, 0);
    }

    /**
     * Fits {@code source} into {@code target} by {@code method}; {@code rounds} and {@code seed} are the adversarial
     * training's (unused by Procrustes).
     */
    public static Aligned align(WordVectors source, WordVectors target, String targetName, Method method, int rounds,
                                long seed) {
        if (source.dims() != target.dims()) {
            throw new IllegalArgumentException("Cannot align a set of " + source.dims() + " dims into " + targetName
                    + " of " + target.dims() + " dims: a rotation keeps the number of dimensions");
        }
        List<String> dictionary = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        for (String word : new TreeSet<>(source.words())) {
            if (target.contains(word)) {
                (isHeldOut(word) ? heldOut : dictionary).add(word);
            }
        }
        // Fewer pairs than dimensions leave the rotation free in the directions no pair spans: it would translate
        // held-out words no better than chance (measured: 39 shared words in 100 dims, precision@1 0 %).
        int needed = Math.max(MIN_DICTIONARY, source.dims());
        if (method == Method.PROCRUSTES && (dictionary.size() < needed || heldOut.size() < MIN_HELD_OUT)) {
            throw new IllegalArgumentException("Too few words shared with " + targetName + " to align to it: "
                    + (dictionary.size() + heldOut.size()) + " (" + dictionary.size() + " to fit on, "
                    + heldOut.size() + " held out; at least " + needed + " and " + MIN_HELD_OUT + " needed, "
                    + "the fit at least as many as the vectors have dimensions)");
        }
        // The adversarial map needs no shared word, but its quality is judged on held-out shared ones.
        if (method == Method.ADVERSARIAL && heldOut.size() < MIN_HELD_OUT) {
            throw new IllegalArgumentException("Too few words shared with " + targetName + " to judge an alignment "
                    + "into it: " + heldOut.size() + " held out of " + (dictionary.size() + heldOut.size())
                    + " shared words, at least " + MIN_HELD_OUT + " needed");
        }
        Fit fit = switch (method) {
            case PROCRUSTES -> supervised(source, target, dictionary);
            case ADVERSARIAL -> {
                AdversarialAlignment.Fitted f = AdversarialAlignment.fit(source, target, rounds, seed);
                yield new Fit(f.map(), f.dictionaryPairs());
            }
        };
        ProcrustesAlignment fitted = fit.map();
        int fittedOn = fit.pairs();
        ProcrustesAlignment random = ProcrustesAlignment.random(source.dims(), 2021);
        NearestWords nearest = new NearestWords(target);
        List<String> judged = heldOut.subList(0, Math.min(heldOut.size(), MAX_JUDGED));
        double[] fittedPrecision = precision(fitted, source, judged, nearest);
        double[] randomPrecision = precision(random, source, judged, nearest);
        return new Aligned(fitted, new Report(targetName, method, fittedOn, judged.size(), fittedPrecision[0],
                fittedPrecision[1], randomPrecision[0], randomPrecision[1], fitted.scale()));
    }

    /** A map and the number of word pairs it was fitted on. */
    private record Fit(ProcrustesAlignment map, int pairs) {
    }

    private static Fit supervised(WordVectors source, WordVectors target, List<String> dictionary) {
        List<float[]> from = new ArrayList<>();
        List<float[]> to = new ArrayList<>();
        for (String word : dictionary) {
            from.add(source.get(word));
            to.add(target.get(word));
        }
        return new Fit(ProcrustesAlignment.fit(from, to), dictionary.size());
    }

    static boolean isHeldOut(String word) {
        return Integer.parseInt(Sha256.hex("held-out|" + word).substring(0, 6), 16) % HELD_OUT_EVERY == 0;
    }

    /** Precision at 1 and at 5 over {@code words}. */
    private static double[] precision(ProcrustesAlignment map, WordVectors source, List<String> words,
                                      NearestWords nearest) {
        int at1 = 0;
        int at5 = 0;
        for (String word : words) {
            int rank = nearest.rankOf(word, map.apply(source.get(word)));
            at1 += rank < 1 ? 1 : 0;
            at5 += rank < 5 ? 1 : 0;
        }
        return new double[] {(double) at1 / words.size(), (double) at5 / words.size()};
    }

    /** The target's unit vectors, to rank a word's own vector among all of them by cosine to a query. */
    private static final class NearestWords {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<float[]> unit = new ArrayList<>();

        NearestWords(WordVectors target) {
            target.forEach((word, v) -> {
                index.put(word, unit.size());
                unit.add(ValenceNeighbours.normalised(v));
            });
        }

        /** How many target words are strictly closer to {@code query} than {@code word}'s own vector. */
        int rankOf(String word, float[] query) {
            float[] q = ValenceNeighbours.normalised(query);
            double own = ValenceNeighbours.dot(unit.get(index.get(word)), q);
            int closer = 0;
            for (float[] v : unit) {
                if (ValenceNeighbours.dot(v, q) > own) {
                    closer++;
                }
            }
            return closer;
        }
    }
}
