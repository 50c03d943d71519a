package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Arrays a block computes from its parameters alone (a stack, a split, a padded copy), handed to the manager of the
 * batch being run so that they close with it.
 *
 * <p>Why: DJL attaches an operation's result to the manager of the array it is called on, and a parameter's manager
 * lives as long as the network. Such a temporary would stay there after its batch, and with it the autograd graph it
 * belongs to, which holds the batch's activations: training's memory grew every epoch, on recordings of 2-3 minutes
 * until the kernel killed the JVM at 23 GiB (docs/benchmarks.md). Where an operation mixes a parameter with a batch's
 * array, calling it on the batch's array ({@code c.mul(peephole)}, not {@code peephole.mul(c)}) does the same.
 */
final class BatchScoped {
    private BatchScoped() {
    }

    /** {@code derived}, now closed with {@code batch}'s manager. */
    static NDArray of(NDArray batch, NDArray derived) {
        derived.attach(batch.getManager());
        return derived;
    }

    /** {@code derived}, every array of it now closed with {@code batch}'s manager. */
    static NDList of(NDArray batch, NDList derived) {
        derived.attach(batch.getManager());
        return derived;
    }
}
