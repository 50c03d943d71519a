package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant inside the network's forward pass, where autograd may keep the constant for the
 * backward pass.
 *
 * <p>Why not DJL's {@code mul(Number)}: its PyTorch engine wraps the number in a tensor over a Java direct buffer and
 * closes that tensor as soon as the product is made. Autograd keeps the constant to compute the gradient, so the
 * backward pass reads the buffer after Java may have freed it: measured here, with one garbage collection between
 * the forward and the backward pass of {@code x.mul(2.5f).sum()}, the gradient came out as -2.5e29, -1.8e-29 or
 * whatever the freed memory held next, instead of 2.5. Training then takes a wrong step whenever a collection falls
 * inside one. A constant the engine allocates itself is reference-counted by the graph that keeps it.
 */
public final class Scalars {
    private Scalars() {
    }

    /** {@code x * value}, with {@code value} in memory the engine owns. */
    public static NDArray times(NDArray x, double value) {
        try (NDArray constant = x.getManager().full(new Shape(), (float) value, x.getDataType())) {
            return x.mul(constant);
        }
    }
}
