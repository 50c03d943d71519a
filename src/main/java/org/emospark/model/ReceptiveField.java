package org.emospark.model;

import java.util.List;

/**
 * Which input samples one output position of a stack of 'same'-padded stride-1 convolutions, each followed by a
 * max-pool of size = stride, depends on: output position {@code p} covers the samples {@code [p * stride, (p + 1) *
 * stride)} and reads from {@code left} samples before them to {@code right} samples after them.
 *
 * @param stride the product of the pools: input samples per output position
 * @param left   samples before the position's own that it reads
 * @param right  samples after the position's own that it reads
 */
public record ReceptiveField(long stride, long left, long right) {

    /** The field of a stack of {@link SamePaddedConv1d} layers with these kernels, each pooled by its pool. */
    public static ReceptiveField of(List<Integer> kernels, List<Integer> pools) {
        if (kernels.size() != pools.size() || kernels.isEmpty()) {
            throw new IllegalArgumentException("Need one pool per kernel, got kernels " + kernels + " and pools " + pools);
        }
        // The inclusive range of positions one output position reads, walked down from the last layer to the samples.
        long low = 0;
        long high = 0;
        long stride = 1;
        for (int i = kernels.size() - 1; i >= 0; i--) {
            int kernel = kernels.get(i);
            int pool = pools.get(i);
            int padLeft = (kernel - 1) / 2;
            low = low * pool - padLeft;
            high = high * pool + pool - 1 + (kernel - 1 - padLeft);
            stride *= pool;
        }
        return new ReceptiveField(stride, -low, high - (stride - 1));
    }

    /** The first output position that reads any sample at or after {@code sample}: clamped to 0. */
    long firstReading(long sample) {
        return Math.max(0, Math.floorDiv(sample - right, stride));
    }

    /** The last output position that reads any sample at or before {@code sample}, clamped to {@code positions - 1}. */
    long lastReading(long sample, long positions) {
        return Math.min(positions - 1, Math.floorDiv(sample + left, stride));
    }

    /** Output positions of margin a crop needs on the left so that its first trusted position reads real samples only. */
    long marginLeft() {
        return (left + stride - 1) / stride;
    }

    /** As {@link #marginLeft()}, on the right. */
    long marginRight() {
        return (right + stride - 1) / stride;
    }
}
