package org.emospark.corpus.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.Utterance;

/** Signals for the aligner tests: "words" as tone bursts over a quiet noise floor, and the aligner contract. */
final class SyntheticSpeech {
    static final int RATE = 22050;
    /** Background noise RMS: -60 dBFS, so silence is never digital zero. */
    static final double NOISE_RMS = 1e-3;

    private SyntheticSpeech() {
    }

    /** {@code seconds} of background noise, seeded. */
    static float[] noise(double seconds, long seed) {
        Random rnd = new Random(seed);
        float[] s = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (NOISE_RMS * rnd.nextGaussian());
        }
        return s;
    }

    /**
     * Adds a voiced-like burst over {@code [fromS, toS)}: a 180 Hz tone with two harmonics, its
     * amplitude scaled by {@code gain}, with 1 ms ramps so the burst starts and ends at the given times.
     */
    static void burst(float[] signal, double fromS, double toS, double gain) {
        int a = (int) Math.round(fromS * RATE);
        int b = Math.min(signal.length, (int) Math.round(toS * RATE));
        int ramp = RATE / 1000;
        for (int i = a; i < b; i++) {
            double t = (double) i / RATE;
            double env = Math.min(1, Math.min(i - a + 1, b - i) / (double) ramp);
            double v = 0.2 * Math.sin(2 * Math.PI * 180 * t) + 0.1 * Math.sin(2 * Math.PI * 360 * t + 1)
                    + 0.05 * Math.sin(2 * Math.PI * 540 * t + 2);
            signal[i] += (float) (gain * env * v);
        }
    }

    static Utterance utterance(double startS, double endS, String... tokens) {
        return new Utterance(1, startS, endS, String.join(" ", tokens), List.of(tokens));
    }

    /** The {@link WordAligner} contract: same tokens in order, spans inside the utterance, no overlap. */
    static void assertContract(Utterance u, List<TimedWord> words) {
        assertEquals(u.tokens().size(), words.size(), "one word per token");
        double previousEnd = u.startS();
        for (int i = 0; i < words.size(); i++) {
            TimedWord w = words.get(i);
            assertEquals(i, w.wordIndex());
            assertEquals(u.tokens().get(i), w.word());
            assertTrue(w.startS() >= previousEnd, "word " + i + " starts before the previous ends: " + words);
            assertTrue(w.startS() <= w.endS(), "word " + i + " ends before it starts: " + words);
            assertTrue(w.endS() <= u.endS(), "word " + i + " ends after the utterance: " + words);
            previousEnd = w.endS();
        }
    }
}
