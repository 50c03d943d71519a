package org.emospark.corpus.timing;

import java.util.Arrays;
import org.emospark.metrics.Quantiles;

/**
 * A recording's loudness over time, the compact acoustic summary the {@link WordAligner}s work
 * from: one log energy per 10 ms hop, {@code 10 log10(mean square + 1e-10)} in dB relative to full
 * scale (a full-scale sine is about -3 dB, digital silence {@value #SILENCE_DB} dB).
 *
 * <p>Hop {@code k} holds samples {@code [floor(k sr / 100), floor((k+1) sr / 100))}, so it starts at
 * {@code k / 100} s to within half a sample (at 22050 Hz hops alternate between 220 and 221
 * samples); the last hop may be partial. The energy is taken over the hop's own samples, not a
 * longer overlapping window: a 25 ms window smears each onset and offset over its overhang, and on
 * the sample corpus it doubled {@link PauseAwareAligner}'s median boundary error (about 10 ms,
 * against 5 ms with the plain hop). Band energies (spectral flux) were measured as a further
 * boundary cue and did not lower the error, so they are not kept.
 *
 * <p>Cost: built incrementally by {@link Builder} at one multiply-add per sample; memory is one
 * {@code float} per hop (an hour is 360,000 hops, 1.4 MB), whatever the block sizes fed to it.
 * {@link Builder#build()} sorts a copy of the levels once, for {@link #noiseFloorDb()}.
 * Immutable and thread-safe once built.
 */
public final class EnergyEnvelope {
    /** Hops per second: a hop is 10 ms. */
    public static final int HOPS_PER_SECOND = 100;
    /** Length of one hop in seconds. */
    public static final double HOP_S = 1.0 / HOPS_PER_SECOND;
    /** The level of digital silence, and of any time outside the recording. */
    public static final float SILENCE_DB = -100f;
    /** The quantile of all hop levels taken as the recording's noise floor. */
    public static final double NOISE_FLOOR_QUANTILE = 0.05;

    private static final double POWER_FLOOR = 1e-10;
    // Times are turned into hops with this slack so that 0.3 s is hop 30, not hop 29 (0.3*100 = 29.999...).
    private static final double TIME_SLACK = 1e-9;

    private final int sampleRate;
    private final long sampleCount;
    private final float[] levelsDb;
    private final float noiseFloorDb;

    private EnergyEnvelope(int sampleRate, long sampleCount, float[] levelsDb, float noiseFloorDb) {
        this.sampleRate = sampleRate;
        this.sampleCount = sampleCount;
        this.levelsDb = levelsDb;
        this.noiseFloorDb = noiseFloorDb;
    }

    /** An envelope built from one array of samples at once; see {@link Builder}. */
    public static EnergyEnvelope of(float[] samples, int sampleRate) {
        Builder b = new Builder(sampleRate);
        b.accept(samples, 0, samples.length);
        return b.build();
    }

    /** Samples per second of the audio the envelope was built from. */
    public int sampleRate() {
        return sampleRate;
    }

    /** How many samples were fed to the builder. */
    public long sampleCount() {
        return sampleCount;
    }

    /** Length of the audio in seconds. */
    public double durationS() {
        return sampleCount / (double) sampleRate;
    }

    /** Number of hops; the last one may be partial. */
    public int hopCount() {
        return levelsDb.length;
    }

    /** The hop that contains time {@code timeS} (may lie outside {@code [0, hopCount())}). */
    public static int hopAt(double timeS) {
        return (int) Math.floor(timeS * HOPS_PER_SECOND + TIME_SLACK);
    }

    /** When hop {@code hop} starts, in seconds. */
    public static double hopStartS(int hop) {
        return hop / (double) HOPS_PER_SECOND;
    }

    /** The level of hop {@code hop} in dB, or {@link #SILENCE_DB} outside the recording. */
    public float levelDb(int hop) {
        return hop >= 0 && hop < levelsDb.length ? levelsDb[hop] : SILENCE_DB;
    }

    /** The level of the hop containing time {@code timeS}, or {@link #SILENCE_DB} outside the recording. */
    public float levelDbAt(double timeS) {
        return levelDb(hopAt(timeS));
    }

    /**
     * The levels of hops {@code [fromHop, toHop)}, {@link #SILENCE_DB} for hops outside the recording.
     *
     * @throws IllegalArgumentException when {@code toHop < fromHop}
     */
    public float[] levelsDb(int fromHop, int toHop) {
        if (toHop < fromHop) {
            throw new IllegalArgumentException("Hop range must not end before it starts, cannot be: ["
                    + fromHop + ", " + toHop + ")");
        }
        float[] out = new float[toHop - fromHop];
        Arrays.fill(out, SILENCE_DB);
        int from = Math.max(0, fromHop);
        int to = Math.min(levelsDb.length, toHop);
        if (from < to) {
            System.arraycopy(levelsDb, from, out, from - fromHop, to - from);
        }
        return out;
    }

    /** The levels of the hops overlapping {@code [fromS, toS)}; see {@link #levelsDb(int, int)}. */
    public float[] levelsDb(double fromS, double toS) {
        return levelsDb(hopAt(fromS), (int) Math.ceil(toS * HOPS_PER_SECOND - TIME_SLACK));
    }

    /**
     * The {@value #NOISE_FLOOR_QUANTILE} quantile of all hop levels: the background level of the
     * recording as long as at least one hop in twenty is a pause. {@link #SILENCE_DB} when empty.
     */
    public float noiseFloorDb() {
        return noiseFloorDb;
    }

    /**
     * Builds an {@link EnergyEnvelope} from audio pushed in blocks of any size; the result does not
     * depend on how the audio was split into blocks. Not thread-safe; {@link #build()} once.
     */
    public static final class Builder {
        private final int sampleRate;
        private float[] levels = new float[1024];
        private int hops;
        private long samples;
        private long hopEnd;
        private double sumSquares;
        private int inHop;
        private boolean built;

        /**
         * @throws IllegalArgumentException when the rate is below {@value #HOPS_PER_SECOND} Hz (a hop
         *                                  would hold no sample)
         */
        public Builder(int sampleRate) {
            if (sampleRate < HOPS_PER_SECOND) {
                throw new IllegalArgumentException("Sample rate must be at least " + HOPS_PER_SECOND
                        + " Hz (one sample per 10 ms hop), cannot be: " + sampleRate);
            }
            this.sampleRate = sampleRate;
            this.hopEnd = hopEndSample(0);
        }

        /**
         * Adds {@code buf[off..off+len)}, the next samples of the recording.
         *
         * @throws IllegalArgumentException when a hop's samples are not finite (NaN or infinite)
         * @throws IllegalStateException    after {@link #build()}
         */
        public void accept(float[] buf, int off, int len) {
            if (built) {
                throw new IllegalStateException("Cannot add audio to an envelope that is already built");
            }
            if (off < 0 || len < 0 || off > buf.length - len) {
                throw new IndexOutOfBoundsException("Block [" + off + ", " + off + " + " + len
                        + ") does not fit a buffer of " + buf.length);
            }
            int i = off;
            int end = off + len;
            while (i < end) {
                int take = (int) Math.min(end - i, hopEnd - samples);
                double s = sumSquares;
                for (int k = i; k < i + take; k++) {
                    double x = buf[k];
                    s += x * x;
                }
                sumSquares = s;
                inHop += take;
                samples += take;
                i += take;
                if (samples == hopEnd) {
                    closeHop();
                }
            }
        }

        /** The envelope of everything accepted; a trailing partial hop becomes the last hop. */
        public EnergyEnvelope build() {
            if (built) {
                throw new IllegalStateException("The envelope is already built");
            }
            if (inHop > 0) {
                closeHop();
            }
            built = true;
            float[] out = Arrays.copyOf(levels, hops);
            levels = null;
            return new EnergyEnvelope(sampleRate, samples, out, quantile(out, NOISE_FLOOR_QUANTILE));
        }

        private void closeHop() {
            double meanSquare = sumSquares / inHop;
            if (!Double.isFinite(meanSquare)) {
                throw new IllegalArgumentException("Audio samples must be finite; hop " + hops + " (at "
                        + hopStartS(hops) + " s) holds NaN or infinite samples");
            }
            if (hops == levels.length) {
                levels = Arrays.copyOf(levels, levels.length * 2);
            }
            levels[hops++] = (float) (10 * Math.log10(meanSquare + POWER_FLOOR));
            sumSquares = 0;
            inHop = 0;
            hopEnd = hopEndSample(hops);
        }

        private long hopEndSample(int hop) {
            return (hop + 1L) * sampleRate / HOPS_PER_SECOND;
        }
    }

    private static float quantile(float[] values, double q) {
        if (values.length == 0) {
            return SILENCE_DB;
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return (float) Quantiles.sortedQuantile(sorted, q);
    }
}
