package org.emospark.train;

/**
 * Which epoch is best so far and when training stops: after {@code patience} epochs none of which beat the best mean
 * Devel CCC, nor came within {@code tolerance} of it ({@code TrainSettings#patienceTolerance}).
 *
 * <p>Why a tolerance: on a plateau two epochs can score alike to the third decimal, and which of them is ahead then
 * rests on the last digits of the CPU's arithmetic; counting patience only from strict improvements let that decide
 * where a run ends, so one machine stopped where another trained on to a better epoch. A near-tie keeps training
 * going, but only a strict improvement changes the epoch kept.
 */
final class EarlyStopping {
    private final int patience;
    private final double tolerance;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private int bestEpoch;
    /** The last epoch that was the best or came within the tolerance of it: patience counts from here. */
    private int heldAt;
    private int lastRecorded;

    /**
     * @param patience  epochs without a better (or near) score before {@link #stops} says so, at least 1
     * @param tolerance how far below the best a score still restarts the count; 0: only a better one
     */
    EarlyStopping(int patience, double tolerance) {
        if (patience < 1) {
            throw new IllegalArgumentException("Patience must be at least 1 epoch, cannot be: " + patience);
        }
        if (!(tolerance >= 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("Patience tolerance must be 0 or positive, cannot be: " + tolerance);
        }
        this.patience = patience;
        this.tolerance = tolerance;
    }

    /** Whether {@code score} would be the new best (a finite score above every one so far). */
    boolean improves(double score) {
        return Double.isFinite(score) && score > bestScore;
    }

    /**
     * Records one epoch's score, epochs in increasing order.
     *
     * @return whether it is the new best
     */
    boolean record(int epoch, double score) {
        if (epoch <= lastRecorded) {
            throw new IllegalArgumentException("Epochs are recorded in order: " + epoch + " after " + lastRecorded);
        }
        lastRecorded = epoch;
        boolean better = improves(score);
        if (better) {
            bestScore = score;
            bestEpoch = epoch;
        }
        if (better || Double.isFinite(score) && score > bestScore - tolerance) {
            heldAt = epoch;
        }
        return better;
    }

    /** Whether training stops after the last epoch recorded. */
    boolean stops() {
        return lastRecorded - heldAt >= patience;
    }

    /** The best epoch so far (from 1), 0 before any finite score. */
    int bestEpoch() {
        return bestEpoch;
    }

    /** The best score so far, negative infinity before any finite score. */
    double bestScore() {
        return bestScore;
    }

    /** The line that says why training stopped. */
    String reason() {
        return "early stop: no better mean devel CCC for " + patience + " epochs"
                + (tolerance > 0 ? " (nor one within " + tolerance + " of the best)" : "");
    }
}
