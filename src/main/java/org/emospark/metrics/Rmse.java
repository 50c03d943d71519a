package org.emospark.metrics;

/** Root mean squared error between predictions and gold. */
public final class Rmse {
    private Rmse() {
    }

    public static double of(double[] predictions, double[] gold) {
        return new PairedMoments().add(predictions, gold).rmse();
    }

    public static double of(float[] predictions, float[] gold) {
        return new PairedMoments().add(predictions, gold).rmse();
    }

    public static double of(PairedMoments moments) {
        return moments.rmse();
    }
}
