package org.emospark.train;

import java.util.Arrays;
import java.util.Random;
import org.emospark.frames.WindowBatch;

/**
 * Training for recordings without a transcript: a share of the training windows loses its word vectors (all
 * zero, which is exactly what a frame without a word gets), drawn anew for every batch from the run's seed. A
 * network trained this way has seen the semantic stream missing and keeps more of its accuracy when scoring
 * audio alone; with rate 0 nothing changes. Only training batches are touched, never Devel or scoring.
 */
public final class ModalityDropout {
    private final double rate;

    public ModalityDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Modality dropout must lie in [0, 1), cannot be: " + rate);
        }
        this.rate = rate;
    }

    public boolean active() {
        return rate > 0;
    }

    /** Which of a batch's {@code windows} lose their words: each one independently with the rate's probability. */
    public boolean[] choose(int windows, Random random) {
        boolean[] drop = new boolean[windows];
        for (int b = 0; b < windows; b++) {
            drop[b] = random.nextDouble() < rate;
        }
        return drop;
    }

    /** Zeroes the word vectors of the windows marked in {@code drop}, in place, and returns the batch. */
    public static WindowBatch apply(WindowBatch batch, boolean[] drop) {
        if (drop.length != batch.size()) {
            throw new IllegalArgumentException(drop.length + " drop flags for a batch of " + batch.size() + " windows");
        }
        float[] semantic = batch.semantic();
        if (semantic == null) {
            return batch;
        }
        int perWindow = semantic.length / batch.size();
        for (int b = 0; b < drop.length; b++) {
            if (drop[b]) {
                Arrays.fill(semantic, b * perWindow, (b + 1) * perWindow, 0f);
            }
        }
        return batch;
    }
}
