package org.emospark.model;

/** Plain-Java reference maths for the CNN tests, written independently of the blocks. */
final class ConvReference {

    private ConvReference() {}

    /** TensorFlow 'same', stride 1: output[f][l] = b[f] + sum_c sum_i w[f][c][i] * x[c][l - (k-1)/2 + i]. */
    static double[][] sameConv(double[][] x, double[][][] w, double[] b) {
        int filters = w.length;
        int channels = x.length;
        int length = x[0].length;
        int k = w[0][0].length;
        int left = (k - 1) / 2;
        double[][] out = new double[filters][length];
        for (int f = 0; f < filters; f++) {
            for (int l = 0; l < length; l++) {
                double s = b[f];
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < k; i++) {
                        int pos = l - left + i;
                        if (pos >= 0 && pos < length) {
                            s += w[f][c][i] * x[c][pos];
                        }
                    }
                }
                out[f][l] = s;
            }
        }
        return out;
    }

    static double[][] reluMaxPool(double[][] x, int pool) {
        double[][] out = new double[x.length][x[0].length / pool];
        for (int c = 0; c < x.length; c++) {
            for (int q = 0; q < out[c].length; q++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < pool; i++) {
                    m = Math.max(m, Math.max(0, x[c][q * pool + i]));
                }
                out[c][q] = m;
            }
        }
        return out;
    }

    /** TensorFlow: transpose channels-first [C][L'] to channels-last [L'][C], flatten, cut into rows of F. */
    static double[][] timeMajor(double[][] channelsFirst, int frames) {
        int channels = channelsFirst.length;
        int positions = channelsFirst[0].length;
        double[] flat = new double[channels * positions];
        int n = 0;
        for (int l = 0; l < positions; l++) {
            for (int c = 0; c < channels; c++) {
                flat[n++] = channelsFirst[c][l];
            }
        }
        int f = flat.length / frames;
        double[][] out = new double[frames][f];
        for (int i = 0; i < flat.length; i++) {
            out[i / f][i % f] = flat[i];
        }
        return out;
    }

    static double[][][] weights(float[] flat, int filters, int channels, int k) {
        double[][][] w = new double[filters][channels][k];
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < k; i++) {
                    w[f][c][i] = flat[(f * channels + c) * k + i];
                }
            }
        }
        return w;
    }

    static double[] doubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
