package org.emospark.train;

import org.emospark.metrics.DimensionScores;
import org.emospark.model.store.EpochReport;

/**
 * The one line printed per epoch: where training is, how well it does on Devel (the network's own outputs, and as the
 * kept model gives them when epochs are chosen on that), and how long is left; a refit's epochs have no Devel to show.
 */
final class ProgressLine {
    private ProgressLine() {
    }

    static String format(EpochReport r, int epochs, int bestEpoch, double bestMean, double elapsedS, double etaS) {
        DimensionScores d = r.devel();
        return String.format("epoch %d/%d  loss %.4f  devel CCC A %.3f V %.3f L %.3f mean %.3f%s  best %.3f@%d  "
                        + "%.1f s (data wait %.1f%%)  elapsed %s  ETA %s",
                r.epoch(), epochs, r.trainLoss(), d.arousal().ccc(), d.valence().ccc(), d.liking().ccc(), d.meanCcc(),
                r.keptDevel() == null ? "" : String.format(" (as kept %.3f)", r.keptDevel().meanCcc()),
                bestMean, bestEpoch, r.seconds(), 100 * r.dataWaitFraction(), clock(elapsedS), clock(etaS));
    }

    /** The line of a refit's epoch, which trains on Devel too and so scores nothing. */
    static String refit(int epoch, int epochs, double loss, double passS, double elapsedS, double etaS) {
        return String.format("refit epoch %d/%d  loss %.4f  %.1f s  elapsed %s  ETA %s", epoch, epochs, loss, passS,
                clock(elapsedS), clock(etaS));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
