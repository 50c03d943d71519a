package org.emospark.metrics;

/** Pearson's correlation coefficient (population moments); NaN when either series is constant. */
public final class Pearson {
    private Pearson() {
    }

    public static double of(double[] predictions, double[] gold) {
        return new PairedMoments().add(predictions, gold).pearson();
    }

    public static double of(float[] predictions, float[] gold) {
        return new PairedMoments().add(predictions, gold).pearson();
    }

    public static double of(PairedMoments moments) {
        return moments.pearson();
    }
}
