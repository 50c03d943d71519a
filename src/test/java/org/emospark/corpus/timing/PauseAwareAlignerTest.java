package org.emospark.corpus.timing;

import static org.emospark.corpus.timing.SyntheticSpeech.RATE;
import static org.emospark.corpus.timing.SyntheticSpeech.assertContract;
import static org.emospark.corpus.timing.SyntheticSpeech.burst;
import static org.emospark.corpus.timing.SyntheticSpeech.noise;
import static org.emospark.corpus.timing.SyntheticSpeech.utterance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.UniformWordTiming;
import org.emospark.corpus.text.Utterance;
import org.junit.jupiter.api.Test;

class PauseAwareAlignerTest {
    private final PauseAwareAligner aligner = new PauseAwareAligner();

    @Test
    void burstsSeparatedBySilencesAreFoundWithinTenMilliseconds() {
        // Word lengths roughly as their letters suggest, gaps of 45-150 ms, nothing on the 10 ms grid;
        // the utterance's span leaves 0.18 s of silence before the first word and 0.13 s after the last.
        String[] tokens = {"so", "wonderful", "and", "terrible", "<laughter>", "today"};
        double[][] spans = {{0.4137, 0.6521}, {0.7369, 1.2012}, {1.2463, 1.4788}, {1.5995, 2.0342}, {2.1108, 2.7733},
                {2.8251, 3.1854}};
        float[] signal = noise(4.0, 11);
        for (double[] s : spans) {
            burst(signal, s[0], s[1], 1);
        }
        Utterance u = utterance(0.2337, 3.3156, tokens);
        List<TimedWord> words = aligner.align(u, EnergyEnvelope.of(signal, RATE));
        assertContract(u, words);
        for (int i = 0; i < tokens.length; i++) {
            assertEquals(spans[i][0], words.get(i).startS(), 0.010, "start of " + tokens[i] + ": " + words);
            assertEquals(spans[i][1], words.get(i).endS(), 0.010, "end of " + tokens[i] + ": " + words);
        }
    }

    @Test
    void quietWordsAmongLoudOnesAreFoundToo() {
        // A word 26 dB below the others (gain 0.05), still 20 dB above the background.
        float[] signal = noise(3.0, 12);
        burst(signal, 0.50, 0.92, 1);
        burst(signal, 1.01, 1.43, 0.05);
        burst(signal, 1.55, 2.00, 1);
        Utterance u = utterance(0.50, 2.00, "laut", "leise", "laut");
        List<TimedWord> words = aligner.align(u, EnergyEnvelope.of(signal, RATE));
        assertEquals(1.01, words.get(1).startS(), 0.010, words.toString());
        assertEquals(1.43, words.get(1).endS(), 0.010, words.toString());
    }

    @Test
    void wordsWithoutPausesShareTheSoundByTheirLengthPrior() {
        // One unbroken burst: nothing acoustic to go by, so the boundaries follow the token units
        // (4 + letters: 5, 12 and 8 of 25), not the uniform thirds.
        float[] signal = noise(2.0, 13);
        burst(signal, 0.40, 1.60, 1);
        Utterance u = utterance(0.40, 1.60, "a", "wondrous", "idea");
        List<TimedWord> words = aligner.align(u, EnergyEnvelope.of(signal, RATE));
        assertContract(u, words);
        assertEquals(0.40, words.get(0).startS(), 1e-9);
        assertEquals(0.40 + 1.2 * 5 / 25, words.get(0).endS(), 0.015, words.toString());
        assertEquals(0.40 + 1.2 * 17 / 25, words.get(1).endS(), 0.015, words.toString());
        assertEquals(words.get(0).endS(), words.get(1).startS(), 1e-9, "no pause between them");
        assertEquals(1.60, words.get(2).endS(), 1e-9);
    }

    @Test
    void wordsWithoutPausesMeetAtAnEnergyDip() {
        // Two equally long words joined by a 12 dB dip 40 ms off the middle: the dip wins over the prior.
        float[] signal = noise(2.0, 14);
        burst(signal, 0.50, 0.89, 1);
        burst(signal, 0.89, 0.93, 0.25);
        burst(signal, 0.93, 1.30, 1);
        Utterance u = utterance(0.50, 1.30, "haus", "baum");
        List<TimedWord> words = aligner.align(u, EnergyEnvelope.of(signal, RATE));
        assertEquals(0.91, words.get(1).startS(), 0.025, words.toString());
    }

    @Test
    void aSingleWordIsTrimmedToItsSound() {
        float[] signal = noise(3.0, 15);
        burst(signal, 0.8123, 1.6047, 1);
        Utterance u = utterance(0.5, 2.0, "hallo");
        List<TimedWord> words = aligner.align(u, EnergyEnvelope.of(signal, RATE));
        assertEquals(List.of("hallo"), words.stream().map(TimedWord::word).toList());
        assertEquals(0.8123, words.get(0).startS(), 0.010);
        assertEquals(1.6047, words.get(0).endS(), 0.010);
    }

    @Test
    void aSilentEnvelopeGivesTheUniformSplit() {
        Utterance u = utterance(0.31, 1.87, "nichts", "zu", "hören");
        assertEquals(UniformWordTiming.split(u), aligner.align(u, EnergyEnvelope.of(noise(3.0, 16), RATE)));
        assertEquals(UniformWordTiming.split(u), aligner.align(u, EnergyEnvelope.of(new float[3 * RATE], RATE)));
    }

    @Test
    void anUtteranceOutsideTheAudioGetsTheUniformSplit() {
        float[] signal = noise(2.0, 17);
        burst(signal, 0.2, 1.8, 1);
        Utterance u = utterance(5.0, 6.5, "zu", "spät");
        assertEquals(UniformWordTiming.split(u), aligner.align(u, EnergyEnvelope.of(signal, RATE)));
    }

    @Test
    void moreTokensThanHopsOrAnEmptySpanGetTheUniformSplit() {
        EnergyEnvelope e = EnergyEnvelope.of(noise(1.0, 18), RATE);
        Utterance tooShort = utterance(0.500, 0.525, "a", "b", "c", "d");
        assertEquals(UniformWordTiming.split(tooShort), aligner.align(tooShort, e));
        Utterance empty = utterance(0.5, 0.5, "a", "b");
        assertEquals(UniformWordTiming.split(empty), aligner.align(empty, e));
        assertEquals(List.of(), aligner.align(new Utterance(1, 0.1, 0.2, "", List.of()), e));
    }

    @Test
    void utterancesTooLongToAlignCheaplyGetTheUniformSplit() {
        // 50 s of unbroken sound with 100 tokens would take about 7.5 * 10^7 steps; a 700 s span is refused at once.
        float[] signal = noise(52, 20);
        burst(signal, 1, 51, 1);
        EnergyEnvelope e = EnergyEnvelope.of(signal, RATE);
        String[] tokens = new String[100];
        Arrays.fill(tokens, "wort");
        Utterance dense = utterance(1, 51, tokens);
        assertEquals(UniformWordTiming.split(dense), aligner.align(dense, e));
        Utterance huge = utterance(0, 700, "a", "b");
        assertEquals(UniformWordTiming.split(huge), aligner.align(huge, e));
        Utterance fine = utterance(1, 11, Arrays.copyOf(tokens, 20));
        assertContract(fine, aligner.align(fine, e));
    }

    @Test
    void randomUtterancesKeepTheirTokensAndStayInsideTheirSpans() {
        // Random bursts and random utterance spans over them, some reaching past the audio.
        Random rnd = new Random(42);
        String[] vocabulary = {"ja", "genau", "<laughter>", "<breathing>", "wunderbar", "oh", "schrecklich", "x"};
        float[] signal = noise(30, 19);
        for (double t = 0.2; t < 29; ) {
            double len = 0.1 + rnd.nextDouble() * 0.6;
            burst(signal, t, t + len, 0.05 + rnd.nextDouble());
            t += len + (rnd.nextDouble() < 0.3 ? 0 : rnd.nextDouble() * 0.4);
        }
        EnergyEnvelope e = EnergyEnvelope.of(signal, RATE);
        for (int k = 0; k < 300; k++) {
            double start = rnd.nextDouble() * 31;
            double end = start + rnd.nextDouble() * 6;
            int n = 1 + rnd.nextInt(15);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tokens.add(vocabulary[rnd.nextInt(vocabulary.length)]);
            }
            Utterance u = new Utterance(k + 1, start, end, String.join(" ", tokens), tokens);
            assertContract(u, aligner.align(u, e));
            assertContract(u, new UniformAligner().align(u, e));
        }
    }

    @Test
    void tagsAndWordsHaveTheirOwnLengthPriors() {
        assertEquals(TokenLengthPrior.WORD_BASE_UNITS + 4, TokenLengthPrior.units("don't"), "the apostrophe is no letter");
        assertEquals(TokenLengthPrior.WORD_BASE_UNITS + 4, TokenLengthPrior.units("über"));
        assertTrue(TokenLengthPrior.units("<laughter>") > TokenLengthPrior.units("<breathing>"));
        assertTrue(TokenLengthPrior.units("<laughter>") > TokenLengthPrior.units("laughter"));
        assertEquals(TokenLengthPrior.OTHER_TAG_UNITS, TokenLengthPrior.units("<sigh>"));
    }
}
