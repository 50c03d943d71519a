package org.emospark.corpus.timing;

import java.util.Arrays;
import java.util.List;
import org.emospark.corpus.text.Turn;
import org.emospark.metrics.Quantiles;

/**
 * How loud a recording's subject speaks: the {@value #QUANTILE} quantile of the 10 ms hop levels (dB re full scale)
 * inside the subject's turns, or over the whole recording when it has none. A high quantile lands in speech as long
 * as the subject speaks more than a tenth of the turn time, whatever the pauses, and a noise floor 15 dB or more
 * below the speech does not move it. The network's input is scaled by it, so that one recording made 12 dB
 * louder than another looks the same to the CNN while loudness within a recording still tells arousal.
 */
public final class SpeechLevel {
    /** Quantile of the hop levels taken as the speech level. */
    public static final double QUANTILE = 0.9;

    private SpeechLevel() {
    }

    /**
     * The subject's speech level in dB, or NaN when the turns cover no hop of the audio or the audio is silent
     * ({@link EnergyEnvelope#SILENCE_DB} everywhere).
     */
    public static double of(EnergyEnvelope envelope, List<Turn> turns) {
        List<Turn> subject = turns == null ? List.of()
                : turns.stream().filter(t -> Turn.SUBJECT.equals(t.speaker())).toList();
        float[] levels;
        if (subject.isEmpty()) {
            levels = envelope.levelsDb(0, envelope.hopCount());
        } else {
            float[][] parts = new float[subject.size()][];
            int n = 0;
            for (int i = 0; i < parts.length; i++) {
                int from = Math.max(0, EnergyEnvelope.hopAt(subject.get(i).startS()));
                int to = Math.min(envelope.hopCount(), EnergyEnvelope.hopAt(subject.get(i).endS()) + 1);
                parts[i] = envelope.levelsDb(from, Math.max(from, to));
                n += parts[i].length;
            }
            levels = new float[n];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, levels, at, p.length);
                at += p.length;
            }
        }
        if (levels.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(levels);
        double level = Quantiles.sortedQuantile(levels, QUANTILE);
        return level <= EnergyEnvelope.SILENCE_DB ? Double.NaN : level;
    }
}
