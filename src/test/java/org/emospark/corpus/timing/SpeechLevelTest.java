package org.emospark.corpus.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emospark.corpus.text.Turn;
import org.junit.jupiter.api.Test;

class SpeechLevelTest {
    private static final int RATE = 16000;

    /** A sine of amplitude {@code amp} over [from, to) seconds in a signal of {@code seconds}, faint noise elsewhere. */
    private static float[] tone(float[] s, double from, double to, double amp) {
        for (int i = (int) (from * RATE); i < (int) (to * RATE); i++) {
            s[i] = (float) (amp * Math.sin(2 * Math.PI * 1000 * i / RATE));   // whole periods per 10 ms hop
        }
        return s;
    }

    private static float[] quietNoise(double seconds) {
        float[] s = new float[(int) (seconds * RATE)];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (1e-4 * r.nextGaussian());
        }
        return s;
    }

    @Test
    void levelIsThatOfTheSubjectsSpeechNotOfPausesOrTheInterlocutor() {
        float[] s = quietNoise(10);
        tone(s, 1, 4, 0.1);     // subject: sine of amplitude 0.1 = RMS 0.0707 = -23.0 dBFS
        tone(s, 5, 9, 0.5);     // interlocutor, much louder
        EnergyEnvelope env = EnergyEnvelope.of(s, RATE);
        double level = SpeechLevel.of(env, List.of(new Turn(0.5, 4.5, Turn.SUBJECT), new Turn(5, 9, Turn.INTERLOCUTOR)));
        assertEquals(20 * Math.log10(0.1 / Math.sqrt(2)), level, 0.2);
    }

    @Test
    void scalingTheAudioMovesTheLevelByTheSameDecibels() {
        float[] s = tone(quietNoise(6), 1, 3, 0.05);
        float[] louder = s.clone();
        for (int i = 0; i < louder.length; i++) {
            louder[i] *= 4;   // +12.04 dB
        }
        double a = SpeechLevel.of(EnergyEnvelope.of(s, RATE), List.of());
        double b = SpeechLevel.of(EnergyEnvelope.of(louder, RATE), List.of());
        assertEquals(20 * Math.log10(4), b - a, 0.01);
    }

    @Test
    void silentAudioOrTurnsBeyondTheAudioHaveNoLevel() {
        assertTrue(Double.isNaN(SpeechLevel.of(EnergyEnvelope.of(new float[RATE], RATE), List.of())));
        float[] s = tone(quietNoise(2), 0, 2, 0.1);
        assertTrue(Double.isNaN(SpeechLevel.of(EnergyEnvelope.of(s, RATE), List.of(new Turn(5, 6, Turn.SUBJECT)))));
    }
}
