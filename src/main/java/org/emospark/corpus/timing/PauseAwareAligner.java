package org.emospark.corpus.timing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.UniformWordTiming;
import org.emospark.corpus.text.Utterance;
import org.emospark.metrics.Quantiles;

/**
 * Aligns an utterance's words to its audio by finding where the pauses and energy dips are and
 * choosing the word boundaries among them by dynamic programming, against a prior on each word's
 * length ({@link TokenLengthPrior}).
 *
 * <p><b>Model.</b> The utterance's 10 ms hops ({@link EnergyEnvelope}) are cut into
 * {@code [pause] word_1 [pause] word_2 ... word_n [pause]}: a segmentation where every word takes at
 * least one hop and every pause may be empty. A hop is scored as silent by a logistic of its level
 * against a floor (4 dB above the local noise floor, the 5th percentile of the levels within 1.5 s
 * around the utterance, no higher than the recording's floor + 10 dB). The cost of a segmentation
 * adds up:
 * <ul>
 *   <li>for each hop inside a word, its silence probability (stop closures are cheap but not free);
 *       for each hop inside a pause, one minus it;</li>
 *   <li>for each pause between words, a small fixed cost, which one clearly silent hop already
 *       pays for; leading and trailing pauses are free, which trims the silence the transcript's
 *       times leave around the speech;</li>
 *   <li>for each word of {@code d} hops, {@code ln(d / mu)^2 / (2 * 0.25^2)}, a log-normal length
 *       prior whose means {@code mu} share the utterance's non-silent hops in proportion to the
 *       tokens' {@link TokenLengthPrior#units units} (so the prior follows the speaking rate);</li>
 *   <li>minus a bonus where a word starts, with sound, at a dip of the energy (up to 6 dB below
 *       the loudest hops within 40 ms on both sides), which is where words meet when there is no
 *       pause at all.</li>
 * </ul>
 * The cheapest segmentation is found exactly by a semi-Markov Viterbi pass; a word's end is the
 * start of the pause after it, so words and pauses come out separately. An utterance whose hops
 * show less than 6 dB between its loud hops and the floor (silence, or audio missing) has nothing
 * to align on and gets the uniform split, as do the degenerate cases below.
 *
 * <p><b>Why this and not the authors' espeak + DTW (aeneas).</b> It needs no native tool or voice
 * data on Spark executors and no language-specific synthesis (SEWA is German, our sample corpus
 * English); it works from a summary of 4 bytes per 10 ms built while the audio streams past, not from
 * the audio itself; and it is fast. On the synthetic sample corpus (1,370 words), against the exact
 * word times: uniform split median 61 ms / 90th percentile 220 ms boundary error, this aligner
 * 4 ms / 70 ms ({@code PauseAwareAlignerAccuracyTest} prints the current figures). Most of its
 * remaining large errors are boundaries between words with no pause (a fifth of them in that
 * corpus), where a dip inside a word, such as a stop closure, competes with the true one. Measured
 * and not kept: a 25 ms analysis window (doubles the median), spectral flux or the energy rise as
 * boundary cues (no gain, or p90 up to 83 ms), a dip bonus also for words that start in silence
 * (it pulls starts into pauses of 40-60 ms; p90 73 ms).
 *
 * <p><b>Cost.</b> With {@code T} hops in the utterance and {@code n} tokens, time
 * O(T * sum of the words' longest allowed lengths), each at most 3 times its expected length and
 * 5 s, so roughly O(3 T^2) for dense speech: about 10^5 steps for a 3 s utterance. Memory
 * 8 bytes * (n+1)(T+1) for the back pointers. Measured on the sample corpus: its 221 utterances
 * align in about 0.15 s (some 1,400 utterances or 5,000 s of audio per second), a tenth of the
 * time it takes to decode and resample its 817 s of audio. An utterance needing more than 5 * 10^7
 * steps (about 40 s of dense speech) or 4 * 10^6 cells gets the uniform split rather than stall an
 * executor, as does one with more tokens than hops. Stateless and thread-safe.
 */
public final class PauseAwareAligner implements WordAligner {
    // Levels up to this far above the noise floor count as silence (half-way point of the logistic).
    static final double SILENCE_MARGIN_DB = 4;
    // Width of the logistic: within about +-4 dB of the margin a hop is partly silent.
    static final double SILENCE_SLOPE_DB = 2;
    // Loud hops (90th percentile) must stand this far above the floor for the envelope to say anything.
    static final double MIN_CONTRAST_DB = 6;
    static final double LOUD_QUANTILE = 0.9;
    // The floor is a low quantile of the hops around the utterance, so it follows slow changes of the
    // background; capped from above by the recording's floor when the context holds no pause at all.
    static final int FLOOR_CONTEXT_HOPS = 150;
    static final double FLOOR_QUANTILE = 0.05;
    static final double RECORDING_FLOOR_MARGIN_DB = 10;
    // Standard deviation of ln(length / expected length): 0.2 to 0.3 measured within 3 ms of each other
    // (p90), so the middle; without the dip bonus 0.5 was much worse (p90 179 ms instead of 101).
    static final double LENGTH_SIGMA = 0.25;
    // The longest a word may be, as a multiple of its expected length, and absolutely.
    static final double MAX_LENGTH_FACTOR = 3;
    static final int MIN_LONGEST_WORD_HOPS = 3;
    static final int MAX_WORD_HOPS = 500;
    // A pause between words costs this much on top of its hops, less than a clearly silent hop costs
    // inside a word, so one silent hop is pause enough; 0.3 measured alike, at 1.0 short pauses end up
    // inside words (median 5.1 ms, p90 76 ms instead of 4.3 and 70).
    static final double PAUSE_COST = 0.5;
    // Boundary bonus for a word starting at a dip: DIP_WEIGHT times the dip depth over DIP_FULL_DB (at most 1),
    // the depth measured against the loudest hop within DIP_REACH_HOPS on each side.
    static final double DIP_WEIGHT = 2.5;
    static final double DIP_FULL_DB = 6;
    static final int DIP_REACH_HOPS = 4;
    // Above these, an utterance is aligned uniformly rather than hold an executor thread for long.
    static final long MAX_STEPS = 50_000_000L;
    static final long MAX_CELLS = 4_000_000L;
    // Checked first, so that no array is sized from an absurd span (10 minutes is far beyond any utterance).
    static final double MAX_UTTERANCE_S = 600;

    private static final double TIME_SLACK = 1e-9;

    @Override
    public List<TimedWord> align(Utterance utterance, EnergyEnvelope envelope) {
        List<String> tokens = utterance.tokens();
        int n = tokens.size();
        if (n == 0) {
            return List.of();
        }
        double startS = utterance.startS();
        double endS = utterance.endS();
        if (!Double.isFinite(startS) || !Double.isFinite(endS) || endS - startS > MAX_UTTERANCE_S) {
            return UniformWordTiming.split(utterance); // which refuses a non-finite span
        }
        int firstHop = EnergyEnvelope.hopAt(startS);
        int hops = (int) Math.ceil(endS * EnergyEnvelope.HOPS_PER_SECOND - TIME_SLACK) - firstHop;
        if (hops < n || (long) (n + 1) * (hops + 1) > MAX_CELLS) {
            return UniformWordTiming.split(utterance);
        }
        // The utterance's hops with DIP_REACH_HOPS of context on either side, for the dip measure.
        float[] padded = envelope.levelsDb(firstHop - DIP_REACH_HOPS, firstHop + hops + DIP_REACH_HOPS);
        float[] levels = Arrays.copyOfRange(padded, DIP_REACH_HOPS, DIP_REACH_HOPS + hops);
        double floor = floorDb(envelope, firstHop, hops);
        float[] sortedLevels = levels.clone();
        Arrays.sort(sortedLevels);
        if (Quantiles.sortedQuantile(sortedLevels, LOUD_QUANTILE) - floor < MIN_CONTRAST_DB) {
            return UniformWordTiming.split(utterance);
        }
        double[] expected = expectedHops(tokens, levels, floor);
        int[] longest = new int[n];
        long steps = 0;
        for (int j = 0; j < n; j++) {
            longest[j] = (int) Math.min(Math.min(hops, MAX_WORD_HOPS),
                    Math.max(MIN_LONGEST_WORD_HOPS, Math.ceil(MAX_LENGTH_FACTOR * expected[j])));
            steps += (long) hops * longest[j];
        }
        if (steps > MAX_STEPS) {
            return UniformWordTiming.split(utterance);
        }
        int[] edges = segment(levels, floor, dipBonus(padded, levels, floor), expected, longest);
        if (edges == null) {
            return UniformWordTiming.split(utterance);
        }
        List<TimedWord> words = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            words.add(new TimedWord(j, tokens.get(j), edgeTime(edges[2 * j], firstHop, hops, startS, endS),
                    edgeTime(edges[2 * j + 1], firstHop, hops, startS, endS)));
        }
        return List.copyOf(words);
    }

    private static double floorDb(EnergyEnvelope envelope, int firstHop, int hops) {
        // Only hops inside the recording: the SILENCE_DB padding outside would drag the quantile down.
        int from = Math.max(0, firstHop - FLOOR_CONTEXT_HOPS);
        int to = Math.min(envelope.hopCount(), firstHop + hops + FLOOR_CONTEXT_HOPS);
        double recordingFloor = envelope.noiseFloorDb() + RECORDING_FLOOR_MARGIN_DB;
        if (from >= to) {
            return recordingFloor;
        }
        float[] context = envelope.levelsDb(from, to);
        Arrays.sort(context);
        return Math.min(Quantiles.sortedQuantile(context, FLOOR_QUANTILE), recordingFloor);
    }

    static double silenceProbability(double levelDb, double floorDb) {
        return 1 / (1 + Math.exp((levelDb - floorDb - SILENCE_MARGIN_DB) / SILENCE_SLOPE_DB));
    }

    /** Each token's expected length in hops: the utterance's non-silent hops shared by token units. */
    private static double[] expectedHops(List<String> tokens, float[] levels, double floor) {
        int speech = 0;
        for (float level : levels) {
            if (silenceProbability(level, floor) < 0.5) {
                speech++;
            }
        }
        int n = tokens.size();
        speech = Math.max(speech, n);
        double[] units = new double[n];
        double total = 0;
        for (int j = 0; j < n; j++) {
            units[j] = TokenLengthPrior.units(tokens.get(j));
            total += units[j];
        }
        for (int j = 0; j < n; j++) {
            units[j] = units[j] / total * speech;
        }
        return units;
    }

    /**
     * bonus[t] for a word starting at edge t (between hop t-1 and hop t of the utterance). Only a word
     * that starts with sound gets it: inside a pause the dip measure fades out a few hops from either
     * side, and a bonus there would pull the start of the next word into the pause.
     */
    private static double[] dipBonus(float[] padded, float[] levels, double floor) {
        int hops = levels.length;
        double[] bonus = new double[hops + 1];
        for (int t = 1; t < hops; t++) {
            if (silenceProbability(levels[t], floor) >= 0.5) {
                continue;
            }
            int h = t + DIP_REACH_HOPS;
            float left = Float.NEGATIVE_INFINITY;
            float right = Float.NEGATIVE_INFINITY;
            for (int k = 1; k <= DIP_REACH_HOPS; k++) {
                left = Math.max(left, padded[h - k]);
                right = Math.max(right, padded[h + k - 1]);
            }
            double depth = Math.min(left, right) - Math.min(padded[h - 1], padded[h]);
            bonus[t] = DIP_WEIGHT * Math.max(0, Math.min(1, depth / DIP_FULL_DB));
        }
        return bonus;
    }

    /**
     * The cheapest segmentation as edges: word j spans edges {@code [out[2j], out[2j+1]]}; null when
     * there is none (cannot happen with at least one hop per token, kept as a guard).
     */
    private static int[] segment(float[] levels, double floor, double[] bonus, double[] expected, int[] longest) {
        int hops = levels.length;
        int n = expected.length;
        double[] inWord = new double[hops + 1];
        double[] inPause = new double[hops];
        for (int k = 0; k < hops; k++) {
            double p = silenceProbability(levels[k], floor);
            inWord[k + 1] = inWord[k] + p;
            inPause[k] = 1 - p;
        }
        // best[t]: cheapest cost of words 1..j with word j and the pause after it over edges [0, t].
        double[] best = new double[hops + 1];
        for (int t = 1; t <= hops; t++) {
            best[t] = best[t - 1] + inPause[t - 1];
        }
        int[][] wordStart = new int[n + 1][];
        int[][] wordEnd = new int[n + 1][];
        double twoSigma2 = 2 * LENGTH_SIGMA * LENGTH_SIGMA;
        for (int j = 1; j <= n; j++) {
            double mu = expected[j - 1];
            double[] prior = new double[longest[j - 1] + 1];
            for (int d = 1; d < prior.length; d++) {
                double r = Math.log(d / mu);
                prior[d] = r * r / twoSigma2;
            }
            double[] from = best;
            if (j > 1) {
                from = best.clone();
                for (int t = 0; t <= hops; t++) {
                    from[t] -= bonus[t];
                }
            }
            double[] wordCost = new double[hops + 1];
            int[] starts = new int[hops + 1];
            wordCost[0] = Double.POSITIVE_INFINITY;
            for (int t = 1; t <= hops; t++) {
                double c = Double.POSITIVE_INFINITY;
                int s = -1;
                int dmax = Math.min(t, prior.length - 1);
                for (int d = 1; d <= dmax; d++) {
                    int st = t - d;
                    double v = from[st] + prior[d] + inWord[t] - inWord[st];
                    if (v < c) {
                        c = v;
                        s = st;
                    }
                }
                wordCost[t] = c;
                starts[t] = s;
            }
            // Then an optional pause: open it at the word's end, extend it hop by hop.
            double open = j == n ? 0 : PAUSE_COST;
            double[] next = new double[hops + 1];
            int[] ends = new int[hops + 1];
            double pause = Double.POSITIVE_INFINITY;
            int pauseFrom = -1;
            for (int t = 0; t <= hops; t++) {
                if (t > 0) {
                    pause += inPause[t - 1];
                    double opened = wordCost[t - 1] + open + inPause[t - 1];
                    if (opened < pause) {
                        pause = opened;
                        pauseFrom = t - 1;
                    }
                }
                if (wordCost[t] <= pause) {
                    next[t] = wordCost[t];
                    ends[t] = t;
                } else {
                    next[t] = pause;
                    ends[t] = pauseFrom;
                }
            }
            wordStart[j] = starts;
            wordEnd[j] = ends;
            best = next;
        }
        if (!Double.isFinite(best[hops])) {
            return null;
        }
        int[] edges = new int[2 * n];
        int t = hops;
        for (int j = n; j >= 1; j--) {
            int end = wordEnd[j][t];
            int start = wordStart[j][end];
            edges[2 * (j - 1)] = start;
            edges[2 * (j - 1) + 1] = end;
            t = start;
        }
        return edges;
    }

    /** Edge t in seconds: the utterance's own start and end at its ends, hop starts in between. */
    private static double edgeTime(int edge, int firstHop, int hops, double startS, double endS) {
        if (edge <= 0) {
            return startS;
        }
        if (edge >= hops) {
            return endS;
        }
        return Math.max(startS, Math.min(endS, EnergyEnvelope.hopStartS(firstHop + edge)));
    }

    @Override
    public String toString() {
        return WordAligners.PAUSE;
    }
}
