package org.emospark.metrics;

/**
 * Running population moments of paired values (prediction {@code p}, gold {@code g}): count, means,
 * variances, covariance and mean squared difference, from which {@link ConcordanceCorrelation},
 * {@link Pearson} and {@link Rmse} follow.
 *
 * <p>One pass, numerically stable: each pair updates the means and the centred second moments as in
 * Welford's algorithm (co-moment form), so a long series with a large common offset loses no
 * precision the way {@code sum(x^2) - n mean^2} would. Feeding chunk by chunk gives exactly the same
 * result as feeding everything at once; {@link #merge(PairedMoments)} combines two accumulators built
 * separately (Chan et al.'s pairwise update), e.g. one per Spark partition, equal to the one-shot
 * result up to rounding. This is how development CCC is taken over the concatenation of all Devel
 * recordings (the AVEC convention) without holding the predictions.
 *
 * <p>Not thread-safe. Memory is constant.
 */
public final class PairedMoments {
    private long count;
    private double meanP;
    private double meanG;
    private double m2P;
    private double m2G;
    private double coMoment;
    private double meanSquaredDifference;

    /** An empty accumulator. */
    public PairedMoments() {
    }

    /** Adds one pair. */
    public PairedMoments add(double p, double g) {
        checkFinite(p, g);
        count++;
        double dp = p - meanP;
        meanP += dp / count;
        double dg = g - meanG;
        meanG += dg / count;
        m2P += dp * (p - meanP);
        m2G += dg * (g - meanG);
        coMoment += dp * (g - meanG);
        double d = p - g;
        meanSquaredDifference += (d * d - meanSquaredDifference) / count;
        return this;
    }

    /** Adds the pairs {@code (p[i], g[i])}; the arrays must have equal lengths. */
    public PairedMoments add(double[] p, double[] g) {
        checkLengths(p.length, g.length);
        for (int i = 0; i < p.length; i++) {
            add(p[i], g[i]);
        }
        return this;
    }

    /** Adds the pairs {@code (p[i], g[i])}, widened to double; the arrays must have equal lengths. */
    public PairedMoments add(float[] p, float[] g) {
        checkLengths(p.length, g.length);
        for (int i = 0; i < p.length; i++) {
            add(p[i], g[i]);
        }
        return this;
    }

    /** Adds everything {@code other} has seen, as if its pairs had been added here. {@code other} is unchanged. */
    public PairedMoments merge(PairedMoments other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            copyFrom(other);
            return this;
        }
        long n = count + other.count;
        double wa = (double) count / n;
        double wb = (double) other.count / n;
        double deltaP = other.meanP - meanP;
        double deltaG = other.meanG - meanG;
        double cross = (double) count * other.count / n;
        m2P += other.m2P + deltaP * deltaP * cross;
        m2G += other.m2G + deltaG * deltaG * cross;
        coMoment += other.coMoment + deltaP * deltaG * cross;
        meanP = meanP * wa + other.meanP * wb;
        meanG = meanG * wa + other.meanG * wb;
        meanSquaredDifference = meanSquaredDifference * wa + other.meanSquaredDifference * wb;
        count = n;
        return this;
    }

    /** A copy that evolves independently. */
    public PairedMoments copy() {
        PairedMoments c = new PairedMoments();
        c.copyFrom(this);
        return c;
    }

    public long count() {
        return count;
    }

    public double meanPrediction() {
        return meanP;
    }

    public double meanGold() {
        return meanG;
    }

    /** Population variance of the predictions (divided by n). */
    public double variancePrediction() {
        return count == 0 ? Double.NaN : m2P / count;
    }

    /** Population variance of the gold values (divided by n). */
    public double varianceGold() {
        return count == 0 ? Double.NaN : m2G / count;
    }

    /** Population covariance (divided by n). */
    public double covariance() {
        return count == 0 ? Double.NaN : coMoment / count;
    }

    /** Mean of {@code (p - g)^2}. */
    public double meanSquaredError() {
        return count == 0 ? Double.NaN : meanSquaredDifference;
    }

    /** Lin's concordance correlation coefficient; see {@link ConcordanceCorrelation}. */
    public double concordance() {
        if (count == 0) {
            return Double.NaN;
        }
        double meanDiff = meanP - meanG;
        double denominator = m2P / count + m2G / count + meanDiff * meanDiff;
        return denominator == 0 ? Double.NaN : 2 * (coMoment / count) / denominator;
    }

    /** Pearson's correlation; NaN when either side is constant. */
    public double pearson() {
        if (count == 0 || m2P == 0 || m2G == 0) {
            return Double.NaN;
        }
        return coMoment / Math.sqrt(m2P * m2G);
    }

    /** Root mean squared error. */
    public double rmse() {
        return Math.sqrt(meanSquaredError());
    }

    @Override
    public String toString() {
        return "PairedMoments[n=" + count + ", meanP=" + meanP + ", meanG=" + meanG + ", varP=" + variancePrediction()
                + ", varG=" + varianceGold() + ", cov=" + covariance() + "]";
    }

    private void copyFrom(PairedMoments o) {
        count = o.count;
        meanP = o.meanP;
        meanG = o.meanG;
        m2P = o.m2P;
        m2G = o.m2G;
        coMoment = o.coMoment;
        meanSquaredDifference = o.meanSquaredDifference;
    }

    private static void checkLengths(int p, int g) {
        if (p != g) {
            throw new IllegalArgumentException("Predictions and gold must have the same length, got " + p
                    + " predictions and " + g + " gold values");
        }
    }

    private void checkFinite(double p, double g) {
        if (!Double.isFinite(p) || !Double.isFinite(g)) {
            throw new IllegalArgumentException("Values must be finite, got prediction " + p + " and gold " + g
                    + " at pair " + count);
        }
    }
}
