package org.emospark.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * How to compute the paralinguistic CNN's outputs for a batch of windows from crops around their sound alone.
 *
 * <p>Why: every frame the network sees is two halves, one of them zeros (the speaker who is not talking), so half of
 * every window is silence. An output position whose receptive field ({@link ReceptiveField}) holds zeros only, and
 * does not reach the window's edges (where the 'same' padding of the inner layers differs from what the layer below
 * computed), is one and the same vector wherever it lies: the network's output on silence. So only the positions
 * that read a block with sound, or the window's first or last block, are computed, each block's from a crop of the
 * input around it; every other position takes the silent vector, which one all-zero crop computes.
 *
 * <p>Blocks are {@code block} samples (a turn half), a block sounds when any of its samples is not 0 (NaN counts as
 * sound, so it spreads as it would in the whole computation). A crop starts at a whole output position (so its pools
 * fall where the whole signal's do) and spans {@link #cropPositions()} positions: the positions it is trusted with
 * plus the margins that let its first and last read real samples rather than the crop's own padding. All crops are
 * as long (one batch for the CNN); the length is chosen to compute the fewest positions, a block that reads more
 * positions than a crop is trusted with getting two crops. Where a crop would leave the window it is moved back
 * inside, where the window's padding is the crop's.
 *
 * <p>Rows: the input is viewed as rows of {@code stride} samples, one per output position ({@code batch *
 * positions} rows, then one row of zeros); {@link #cropRows()} lists the rows each crop reads, in order. The crops'
 * outputs, position by position, form a table of {@code (crops + 1) * cropPositions} rows; {@link #outputRows()}
 * gives the row of that table for each output position of each window.
 */
final class SilenceSkipPlan {

    /**
     * Skip only when the crops cost at most this share of the whole computation: gathering the crops and scattering
     * their outputs back costs a little, so a batch that is nearly all sound is cheaper computed whole.
     */
    static final double MAX_SHARE = 0.9;

    private final int crops;
    private final int cropPositions;
    private final long[] cropRows;
    private final long[] outputRows;

    private SilenceSkipPlan(int crops, int cropPositions, long[] cropRows, long[] outputRows) {
        this.crops = crops;
        this.cropPositions = cropPositions;
        this.cropRows = cropRows;
        this.outputRows = outputRows;
    }

    /**
     * The plan for {@code batch} windows of {@code length} samples whose blocks sound as {@code sounding} says
     * ({@code batch * length / block} flags, window by window); empty when skipping would not pay (or the window is
     * too short for a crop, or not a whole number of blocks and positions).
     */
    static Optional<SilenceSkipPlan> of(ReceptiveField field, int block, int batch, long length, boolean[] sounding) {
        long stride = field.stride();
        if (block < 1 || length % block != 0 || length % stride != 0) {
            return Optional.empty();
        }
        int blocks = Math.toIntExact(length / block);
        if (sounding.length != batch * blocks) {
            throw new IllegalArgumentException("Expected " + batch * blocks + " block flags, got " + sounding.length);
        }
        long positions = length / stride;
        long margins = field.marginLeft() + field.marginRight();
        long[] from = new long[blocks];
        long[] to = new long[blocks];
        long widest = 0;
        for (int j = 0; j < blocks; j++) {
            from[j] = field.firstReading((long) j * block);
            to[j] = field.lastReading((long) (j + 1) * block - 1, positions);
            widest = Math.max(widest, to[j] - from[j] + 1);
        }
        // The crop length that computes the fewest positions in all: a block wider than a crop's trusted positions
        // takes two crops (the paper's frames: 190 of 200 blocks read 11 positions, 8 read 12; crops of 13 beat 14).
        long span = 0;
        long cheapest = Long.MAX_VALUE;
        int crops = 0;
        for (long n = 1 + margins; n <= widest + margins && n < positions; n++) {
            int count = 0;
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < blocks; j++) {
                    count += computed(sounding, b, j, blocks) ? cropsFor(from[j], to[j], n - margins) : 0;
                }
            }
            if ((count + 1) * n < cheapest) {
                cheapest = (count + 1) * n;
                span = n;
                crops = count;
            }
        }
        if (span == 0 || cheapest > MAX_SHARE * batch * positions) {
            return Optional.empty();
        }
        int n = Math.toIntExact(span);
        long trusted = n - margins;
        long[] cropRows = new long[(crops + 1) * n];
        long[] outputRows = new long[Math.toIntExact(batch * positions)];
        // the all-zero crop, last: its first position with no padding in its field holds the silent vector
        Arrays.fill(cropRows, crops * n, cropRows.length, batch * positions);
        Arrays.fill(outputRows, crops * (long) n + field.marginLeft());
        int c = 0;
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < blocks; j++) {
                if (!computed(sounding, b, j, blocks)) {
                    continue;
                }
                for (long first = from[j]; first <= to[j]; first += trusted) {
                    long last = Math.min(to[j], first + trusted - 1);
                    long start = Math.max(0, Math.min(first - field.marginLeft(), positions - n));
                    for (int k = 0; k < n; k++) {
                        cropRows[c * n + k] = b * positions + start + k;
                    }
                    for (long p = first; p <= last; p++) {
                        outputRows[Math.toIntExact(b * positions + p)] = (long) c * n + (p - start);
                    }
                    c++;
                }
            }
        }
        return Optional.of(new SilenceSkipPlan(crops, n, cropRows, outputRows));
    }

    private static boolean computed(boolean[] sounding, int window, int j, int blocks) {
        return j == 0 || j == blocks - 1 || sounding[window * blocks + j];
    }

    private static int cropsFor(long from, long to, long trusted) {
        return Math.toIntExact((to - from + trusted) / trusted);
    }

    /** Crops of sound (the all-zero crop not counted). */
    int crops() {
        return crops;
    }

    /** Output positions per crop. */
    int cropPositions() {
        return cropPositions;
    }

    /** The input rows each crop reads, crop by crop, the all-zero crop last ({@code (crops + 1) * cropPositions}). */
    long[] cropRows() {
        return cropRows;
    }

    /** For each output position of each window, its row in the crops' output table. */
    long[] outputRows() {
        return outputRows;
    }
}
