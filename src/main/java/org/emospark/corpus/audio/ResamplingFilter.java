package org.emospark.corpus.audio;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The low-pass filter of one rate conversion: a Kaiser-windowed sinc, designed for the lower of the
 * two Nyquist frequencies and sampled at the fractional positions the conversion needs.
 *
 * <p>For a ratio {@code out/in = up/down} (after gcd reduction) output sample {@code n} sits at input
 * time {@code n*down/up}, between input samples {@code i0} and {@code i0+1} at phase {@code p/up}.
 * When {@code up} is small (all common audio rates: 44100 to 22050 is 1/2, 48000 to 22050 is
 * 147/320, 16000 to 22050 is 441/320) there is one coefficient row per phase; otherwise rows are
 * stored on a fine grid and an output interpolates linearly between its two neighbouring rows, so
 * any pair of rates works in bounded memory.
 *
 * <p>Design: passband up to 90% of the lower Nyquist, stopband from that Nyquist on, 90 dB
 * stopband target (Kaiser's formulas for beta and length). Each row is normalised to unit DC gain.
 * The kernel is centred on the output instant, so the conversion adds no delay.
 */
final class ResamplingFilter {
    static final double PASSBAND_EDGE = 0.90;
    static final double STOPBAND_DB = 90.0;
    private static final int MAX_EXACT_PHASES = 2048;
    private static final int MAX_TABLE_FLOATS = 1 << 21;
    private static final int MAX_INTERPOLATED_PHASES = 512;
    private static final int MIN_INTERPOLATED_PHASES = 32;
    private static final int CACHE_LIMIT = 64;
    private static final Map<Long, ResamplingFilter> CACHE = new ConcurrentHashMap<>();

    final int inRate;
    final int outRate;
    /** Output samples per {@link #down} input samples, reduced. */
    final int up;
    final int down;
    /** True when there is one row per output phase; false when rows are interpolated. */
    final boolean exact;
    /** Rows in the table minus one when interpolating ({@code phases + 1} rows span phase 0 to 1). */
    final int phases;
    /** Coefficients per row, a multiple of 8. */
    final int taps;
    /** Row entry 0 applies to input sample {@code i0 - past}. */
    final int past;
    /** Input samples after {@code i0} that a row reaches: {@code taps - 1 - past}. */
    final int lookahead;
    /** Cut-off (-6 dB point) in Hz. */
    final double cutoffHz;
    final float[] coefs;

    private ResamplingFilter(int inRate, int outRate) {
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double nyquist = Math.min(inRate, outRate) / 2.0;
        // Normalised to the input rate: cycles per input sample.
        double fc = (1 + PASSBAND_EDGE) / 2 * nyquist / inRate;
        double transition = (1 - PASSBAND_EDGE) * nyquist / inRate;
        double halfWidth = (STOPBAND_DB - 7.95) / (14.36 * transition) / 2;
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        this.cutoffHz = fc * inRate;
        this.past = (int) Math.floor(halfWidth);
        int span = (int) Math.floor(1 + past + halfWidth) + 1;
        this.taps = (span + 7) & ~7;
        this.lookahead = taps - 1 - past;
        this.exact = up <= MAX_EXACT_PHASES && (long) up * taps <= MAX_TABLE_FLOATS;
        this.phases = exact ? up
                : Math.max(MIN_INTERPOLATED_PHASES, Math.min(MAX_INTERPOLATED_PHASES, MAX_TABLE_FLOATS / taps - 1));
        int rows = exact ? phases : phases + 1;
        this.coefs = new float[rows * taps];
        double i0Beta = besselI0(beta);
        double[] row = new double[taps];
        for (int r = 0; r < rows; r++) {
            double phase = r / (double) phases;
            double sum = 0;
            for (int t = 0; t < taps; t++) {
                // Distance from the output instant (i0 + phase) to input sample i0 - past + t.
                double tau = phase + past - t;
                double x = tau / halfWidth;
                double h = 0;
                if (Math.abs(x) < 1) {
                    h = 2 * fc * sinc(2 * fc * tau) * besselI0(beta * Math.sqrt(1 - x * x)) / i0Beta;
                }
                row[t] = h;
                sum += h;
            }
            for (int t = 0; t < taps; t++) {
                coefs[r * taps + t] = (float) (row[t] / sum);
            }
        }
    }

    /** The filter for converting {@code inRate} to {@code outRate}; shared, since it is immutable. */
    static ResamplingFilter forRates(int inRate, int outRate) {
        long key = ((long) inRate << 32) | outRate;
        ResamplingFilter f = CACHE.get(key);
        if (f == null) {
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            f = CACHE.computeIfAbsent(key, k -> new ResamplingFilter(inRate, outRate));
        }
        return f;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
