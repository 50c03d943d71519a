package org.emospark.corpus.timing;

import java.util.List;
import java.util.Locale;

/**
 * What {@link AlignmentEvaluation#run()} measured: the corpus it ran over, how long building the
 * envelopes took (decoding, resampling and the envelope itself, wall time), and each aligner's
 * boundary errors and alignment time.
 *
 * @param envelopeSeconds wall time spent decoding, resampling and building envelopes
 */
public record AlignmentReport(int recordings, int utterances, int words, double audioSeconds, double envelopeSeconds,
                              List<AlignerScore> scores) {
    public AlignmentReport {
        scores = List.copyOf(scores);
    }

    /**
     * One aligner's result.
     *
     * @param alignSeconds wall time of all its {@link WordAligner#align} calls
     */
    public record AlignerScore(String aligner, BoundaryErrorStats errors, double alignSeconds) {
        /** Seconds of audio aligned per second of alignment time. */
        public double audioSecondsPerSecond(double audioSeconds) {
            return audioSeconds / Math.max(alignSeconds, 1e-9);
        }
    }

    /**
     * The score of the aligner registered under {@code aligner}.
     *
     * @throws IllegalArgumentException when no aligner of that name was evaluated
     */
    public AlignerScore score(String aligner) {
        return scores.stream().filter(s -> s.aligner().equals(aligner)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No aligner '" + aligner + "' was evaluated; evaluated: "
                        + scores.stream().map(AlignerScore::aligner).toList()));
    }

    /** A few lines for a terminal or a test log. */
    public String describe() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%d recordings, %d utterances, %d words, %.1f s of audio; decode+resample+envelope %.2f s "
                        + "(%.0f audio s/s)%n", recordings, utterances, words, audioSeconds, envelopeSeconds,
                audioSeconds / Math.max(envelopeSeconds, 1e-9)));
        for (AlignerScore s : scores) {
            b.append(String.format(Locale.ROOT, "  %-8s %s; aligned in %.3f s (%.0f utterances/s, %.0f audio s/s)%n",
                    s.aligner(), s.errors().describe(), s.alignSeconds(),
                    utterances / Math.max(s.alignSeconds(), 1e-9), s.audioSecondsPerSecond(audioSeconds)));
        }
        return b.toString();
    }
}
