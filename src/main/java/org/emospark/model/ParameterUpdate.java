package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;

/**
 * One optimiser step over parameters after a backward pass, and the gradients zeroed for the next (the PyTorch engine
 * accumulates them otherwise). The gradient arrays are handed to {@code step}'s manager, so they are freed with it.
 */
public final class ParameterUpdate {
    private ParameterUpdate() {
    }

    public static void apply(Optimizer optimizer, Iterable<Parameter> parameters, NDManager step) {
        for (Parameter p : parameters) {
            NDArray weight = p.getArray();
            NDArray grad = weight.getGradient();
            grad.attach(step);
            optimizer.update(p.getId(), weight, grad);
            grad.subi(grad);
        }
    }

    /** Zeroes the gradients of parameters that took part in a backward pass but are not being trained by it. */
    public static void discard(Iterable<Parameter> parameters, NDManager step) {
        for (Parameter p : parameters) {
            NDArray grad = p.getArray().getGradient();
            grad.attach(step);
            grad.subi(grad);
        }
    }
}
