package org.emospark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.emospark.model.predict.InferenceMode;

/**
 * An exponential moving average of a block's weights, step by step ({@code TrainSettings#averageEpochs}), and the
 * means to put it in the weights' place for a while.
 *
 * <p>Why: with a dozen training recordings, a few optimiser steps per epoch and Adam's fixed step size, the weights
 * after one epoch score on Devel several hundredths apart from those after the next; their running average is the
 * textbook remedy (Polyak averaging) and costs one multiply-add per weight and step. The decay follows TensorFlow's
 * {@code ExponentialMovingAverage} with {@code num_updates}: {@code min(decay, (1 + n) / (10 + n))} at step n, so the
 * first steps do not keep the random initial weights in the average.
 */
final class WeightAverage implements AutoCloseable {
    private final NDManager manager;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> average = new ArrayList<>();
    private final double epochs;
    private long updates;

    /**
     * @param block its parameters are averaged, from their values now
     * @param epochs the average spans about this many epochs of steps
     */
    WeightAverage(Block block, NDManager parent, double epochs) {
        if (!(epochs > 0) || !Double.isFinite(epochs)) {
            throw new IllegalArgumentException("Weight averaging must span a positive number of epochs, cannot be: "
                    + epochs);
        }
        this.manager = parent.newSubManager();
        this.epochs = epochs;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            NDArray copy = w.duplicate();
            copy.attach(manager);
            weights.add(w);
            average.add(copy);
        }
    }

    /** The decay of the step about to be taken in an epoch of {@code stepsPerEpoch} steps. */
    double decay(int stepsPerEpoch) {
        double target = Math.max(0, 1 - 1 / (epochs * Math.max(1, stepsPerEpoch)));
        return Math.min(target, (1.0 + updates) / (10.0 + updates));
    }

    /** Folds the weights as they now are (after an optimiser step) into the average. */
    void update(int stepsPerEpoch) {
        double d = decay(stepsPerEpoch);
        try (InferenceMode off = InferenceMode.enter()) {
            for (int i = 0; i < weights.size(); i++) {
                try (NDArray part = weights.get(i).mul((float) (1 - d))) {
                    average.get(i).muli((float) d).addi(part);
                }
            }
        }
        updates++;
    }

    /** Puts the average in the weights' place until the returned handle is closed, which puts the weights back. */
    Swap swapIn() {
        return new Swap();
    }

    /** The trained weights held aside while the average stands in for them. */
    final class Swap implements AutoCloseable {
        private final List<NDArray> held = new ArrayList<>();

        private Swap() {
            try (InferenceMode off = InferenceMode.enter()) {
                for (int i = 0; i < weights.size(); i++) {
                    NDArray w = weights.get(i);
                    NDArray keep = w.duplicate();
                    keep.attach(manager);
                    held.add(keep);
                    overwrite(w, average.get(i));
                }
            }
        }

        @Override
        public void close() {
            try (InferenceMode off = InferenceMode.enter()) {
                for (int i = 0; i < weights.size(); i++) {
                    overwrite(weights.get(i), held.get(i));
                    held.get(i).close();
                }
            }
        }
    }

    /** In place, so the block, the optimiser's state and the gradients keep the same arrays. */
    private static void overwrite(NDArray target, NDArray values) {
        target.muli(0).addi(values);
    }

    @Override
    public void close() {
        manager.close();
    }
}
