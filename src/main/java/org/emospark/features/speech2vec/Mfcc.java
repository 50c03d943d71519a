package org.emospark.features.speech2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Mel-frequency cepstral coefficients of short audio segments, the acoustic frames Speech2Vec reads (its authors use
 * 13 MFCCs): pre-emphasis 0.97, 25 ms Hamming windows every 10 ms, power spectrum, {@value #MEL_BANDS} triangular
 * filters on the HTK mel scale from 0 Hz to Nyquist, natural log, orthonormal DCT-II keeping {@value #COEFFICIENTS}
 * coefficients (c0 first). A segment shorter than one window is one zero-padded window.
 *
 * <p>The FFT is PyTorch's ({@link NDArray#rfft}), run over every window of a batch of segments at once; the filters
 * and the DCT are two matrix products. There is no maintained MFCC for the JVM on Maven Central that this project can
 * use (DJL's audio extension is not published at its version, TarsosDSP is not on Central), so the filters are built
 * here, as Kaldi and HTK define them.
 */
public final class Mfcc {
    public static final int COEFFICIENTS = 13;
    static final int MEL_BANDS = 40;
    static final double WINDOW_SECONDS = 0.025;
    static final double HOP_SECONDS = 0.010;
    static final float PRE_EMPHASIS = 0.97f;
    private static final float LOG_FLOOR = 1e-10f;

    private final int sampleRate;
    private final int window;
    private final int hop;
    private final int fftLength;
    private final float[] hamming;
    /** Row-major [fftLength / 2 + 1, MEL_BANDS]. */
    private final float[] melFilters;
    /** Row-major [MEL_BANDS, COEFFICIENTS]. */
    private final float[] dct;

    public Mfcc(int sampleRate) {
        if (sampleRate < 1000) {
            throw new IllegalArgumentException("MFCCs need a sample rate of at least 1000 Hz, cannot use: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.window = (int) Math.round(WINDOW_SECONDS * sampleRate);
        this.hop = (int) Math.round(HOP_SECONDS * sampleRate);
        this.fftLength = Integer.highestOneBit(window - 1) << 1;
        this.hamming = new float[window];
        for (int i = 0; i < window; i++) {
            hamming[i] = (float) (0.54 - 0.46 * Math.cos(2 * Math.PI * i / (window - 1)));
        }
        this.melFilters = melFilters(sampleRate, fftLength);
        this.dct = dct();
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples per window and between windows. */
    public int windowSamples() {
        return window;
    }

    public int hopSamples() {
        return hop;
    }

    /** Windows of a segment of {@code samples}: every whole window, at least one. */
    public int frames(int samples) {
        return samples <= window ? 1 : 1 + (samples - window) / hop;
    }

    /**
     * The MFCCs of each segment, row-major {@code [frames(segment.length), COEFFICIENTS]}, at most {@code maxFrames}
     * windows each (the first ones).
     */
    public List<float[]> of(NDManager manager, List<float[]> segments, int maxFrames) {
        int total = 0;
        int[] counts = new int[segments.size()];
        for (int s = 0; s < segments.size(); s++) {
            counts[s] = Math.min(maxFrames, frames(segments.get(s).length));
            total += counts[s];
        }
        List<float[]> out = new ArrayList<>(segments.size());
        if (total == 0) {
            return out;
        }
        float[] windows = new float[Math.multiplyExact(total, window)];
        int row = 0;
        for (int s = 0; s < segments.size(); s++) {
            float[] x = segments.get(s);
            for (int f = 0; f < counts[s]; f++, row++) {
                int start = f * hop;
                int base = row * window;
                for (int i = 0; i < window && start + i < x.length; i++) {
                    int n = start + i;
                    // Pre-emphasis within the segment: its first sample has no predecessor.
                    float emphasised = n == 0 ? x[0] : x[n] - PRE_EMPHASIS * x[n - 1];
                    windows[base + i] = emphasised * hamming[i];
                }
            }
        }
        float[] coefficients;
        try (NDManager scope = manager.newSubManager()) {
            NDArray frames = scope.create(windows, new Shape(total, window));
            NDArray power = frames.rfft(fftLength, 1).abs().square();
            NDArray mel = scope.create(melFilters, new Shape(fftLength / 2 + 1, MEL_BANDS));
            NDArray cosines = scope.create(dct, new Shape(MEL_BANDS, COEFFICIENTS));
            coefficients = power.matMul(mel).maximum(LOG_FLOOR).log().matMul(cosines).toFloatArray();
        }
        int at = 0;
        for (int count : counts) {
            float[] segment = new float[count * COEFFICIENTS];
            System.arraycopy(coefficients, at, segment, 0, segment.length);
            at += segment.length;
            out.add(segment);
        }
        return out;
    }

    static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** HTK's triangles: band b rises from centre b-1 to centre b and falls to centre b+1, peak 1, on the mel scale. */
    static float[] melFilters(int sampleRate, int fftLength) {
        int bins = fftLength / 2 + 1;
        double top = hzToMel(sampleRate / 2.0);
        double[] centres = new double[MEL_BANDS + 2];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = top * i / (MEL_BANDS + 1);
        }
        float[] filters = new float[bins * MEL_BANDS];
        for (int k = 0; k < bins; k++) {
            double mel = hzToMel((double) k * sampleRate / fftLength);
            for (int b = 0; b < MEL_BANDS; b++) {
                double left = centres[b];
                double centre = centres[b + 1];
                double right = centres[b + 2];
                double weight = mel <= left || mel >= right ? 0
                        : mel <= centre ? (mel - left) / (centre - left) : (right - mel) / (right - centre);
                filters[k * MEL_BANDS + b] = (float) weight;
            }
        }
        return filters;
    }

    /** Orthonormal DCT-II, {@code [MEL_BANDS, COEFFICIENTS]}. */
    static float[] dct() {
        float[] m = new float[MEL_BANDS * COEFFICIENTS];
        for (int n = 0; n < MEL_BANDS; n++) {
            for (int k = 0; k < COEFFICIENTS; k++) {
                double scale = k == 0 ? Math.sqrt(1.0 / MEL_BANDS) : Math.sqrt(2.0 / MEL_BANDS);
                m[n * COEFFICIENTS + k] = (float) (scale * Math.cos(Math.PI * k * (n + 0.5) / MEL_BANDS));
            }
        }
        return m;
    }
}
