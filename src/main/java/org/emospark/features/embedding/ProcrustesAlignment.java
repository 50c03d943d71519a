package org.emospark.features.embedding;

import dev.ludovic.netlib.lapack.LAPACK;
import java.util.List;
import java.util.SplittableRandom;
import org.netlib.util.intW;

/**
 * A map from one vector space into another that keeps distances and angles: {@code y ~ scale * W x} with W
 * orthogonal, fitted on pairs of vectors of the same words (orthogonal Procrustes: W = U V^T from the SVD of
 * sum y x^T, as MUSE refines its mappings). Both sides are unit-normalised for the fit, so frequent long vectors do
 * not outweigh the rest; the scale then brings the mapped vectors to the target's mean length, which is what a
 * network trained on the target's vectors expects. The SVD is LAPACK's (dgesvd, through the netlib binding Spark
 * ships), not hand-written.
 */
public final class ProcrustesAlignment {
    private final int dims;
    /** Row-major d x d. */
    private final double[] w;
    private final double scale;

    private ProcrustesAlignment(int dims, double[] w, double scale) {
        this.dims = dims;
        this.w = w;
        this.scale = scale;
    }

    /** The orthogonal map taking each {@code sources[i]} closest to {@code targets[i]}. */
    public static ProcrustesAlignment fit(List<float[]> sources, List<float[]> targets) {
        if (sources.size() != targets.size() || sources.isEmpty()) {
            throw new IllegalArgumentException("Procrustes needs as many source as target vectors, at least one: "
                    + sources.size() + " and " + targets.size());
        }
        int d = sources.get(0).length;
        if (targets.get(0).length != d) {
            throw new IllegalArgumentException("The two sets must have the same number of dimensions to be aligned "
                    + "by a rotation: " + d + " and " + targets.get(0).length);
        }
        // Column-major d x d: m[r + c * d] = sum_i y_i[r] x_i[c].
        double[] m = new double[d * d];
        double sourceLength = 0;
        double targetLength = 0;
        for (int i = 0; i < sources.size(); i++) {
            float[] x = sources.get(i);
            float[] y = targets.get(i);
            double nx = norm(x);
            double ny = norm(y);
            sourceLength += nx;
            targetLength += ny;
            if (nx == 0 || ny == 0) {
                continue;
            }
            for (int c = 0; c < d; c++) {
                double xc = x[c] / nx;
                for (int r = 0; r < d; r++) {
                    m[r + c * d] += y[r] / ny * xc;
                }
            }
        }
        double scale = sourceLength == 0 ? 1 : targetLength / sourceLength;
        return new ProcrustesAlignment(d, orthogonalFactor(m, d), scale);
    }

    /** A random rotation (the orthogonal factor of a seeded Gaussian matrix): what a mapping that learnt nothing does. */
    public static ProcrustesAlignment random(int dims, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] g = new double[dims * dims];
        for (int i = 0; i < g.length; i++) {
            g[i] = gaussian(random);
        }
        return new ProcrustesAlignment(dims, orthogonalFactor(g, dims), 1);
    }

    /** The orthogonal map nearest (in Frobenius norm) to a row-major d x d {@code w}: U V^T of its SVD. */
    static ProcrustesAlignment nearestRotation(double[] w, int dims) {
        double[] columnMajor = new double[dims * dims];
        for (int r = 0; r < dims; r++) {
            for (int c = 0; c < dims; c++) {
                columnMajor[r + c * dims] = w[r * dims + c];
            }
        }
        return new ProcrustesAlignment(dims, orthogonalFactor(columnMajor, dims), 1);
    }

    /** The same rotation with another scale. */
    ProcrustesAlignment withScale(double value) {
        return new ProcrustesAlignment(dims, w, value);
    }

    /** Row-major d x d, the scale left out. */
    double[] matrix() {
        return w.clone();
    }

    public int dims() {
        return dims;
    }

    public double scale() {
        return scale;
    }

    /** {@code scale * W x}. */
    public float[] apply(float[] x) {
        if (x.length != dims) {
            throw new IllegalArgumentException("Expected a vector of " + dims + " dims, got " + x.length);
        }
        float[] y = new float[dims];
        for (int r = 0; r < dims; r++) {
            double sum = 0;
            for (int c = 0; c < dims; c++) {
                sum += w[r * dims + c] * x[c];
            }
            y[r] = (float) (scale * sum);
        }
        return y;
    }

    /** U V^T of a column-major square matrix, row-major. */
    private static double[] orthogonalFactor(double[] columnMajor, int d) {
        double[] a = columnMajor.clone();
        double[] s = new double[d];
        double[] u = new double[d * d];
        double[] vt = new double[d * d];
        intW info = new intW(0);
        double[] query = new double[1];
        LAPACK lapack = LAPACK.getInstance();
        lapack.dgesvd("A", "A", d, d, a, d, s, u, d, vt, d, query, -1, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack.dgesvd("A", "A", d, d, a, d, s, u, d, vt, d, work, work.length, info);
        if (info.val != 0) {
            throw new IllegalStateException("The SVD of the alignment matrix did not converge (LAPACK dgesvd info "
                    + info.val + ")");
        }
        double[] w = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += u[r + k * d] * vt[k + c * d];
                }
                w[r * d + c] = sum;
            }
        }
        return w;
    }

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
