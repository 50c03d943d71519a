package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * The paper's {@code Att(x1, x2)}: scores {@code e_k = (w . x_k) / sqrt(d)} with ONE learned vector {@code w}
 * of size d shared by both inputs (each instance has its own w), {@code alpha = softmax(e_1, e_2)}, output
 * {@code alpha_1 x1 + alpha_2 x2}. Inputs two arrays {@code [..., d]}, output {@code [..., d]}; the weights are
 * computed independently at every leading index (every batch element and frame).
 *
 * <p>Parameter {@code w [d]}, initialised uniform in {@code +-sqrt(3 / d)} (TensorFlow's Glorot-uniform for a
 * vector). A bias would cancel in the softmax, so there is none.
 */
public final class SharedVectorAttention extends AbstractBlock {

    private final long size;
    private final Parameter w;

    public SharedVectorAttention(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("Attention size must be at least 1, cannot be: " + size);
        }
        this.size = size;
        this.w = addParameter(Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(size)).optInitializer(new UniformInitializer((float) Math.sqrt(3.0 / size)))
                .build());
    }

    /** The attention weights {@code [..., 2]}: {@code alpha_1, alpha_2} on the last axis, summing to 1. */
    public NDArray weights(ParameterStore ps, NDArray x1, NDArray x2, boolean training) {
        requireSize(x1);
        requireSize(x2);
        NDArray vector = ps.getValue(w, x1.getDevice(), training);
        int last = x1.getShape().dimension() - 1;
        double scale = 1.0 / Math.sqrt(size);
        NDArray e1 = Scalars.times(x1.mul(vector).sum(new int[] {last}, true), scale);
        NDArray e2 = Scalars.times(x2.mul(vector).sum(new int[] {last}, true), scale);
        return NDArrays.concat(new NDList(e1, e2), last).softmax(last);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("Attention takes exactly two inputs, cannot be: " + inputs.size());
        }
        NDArray x1 = inputs.get(0);
        NDArray x2 = inputs.get(1);
        NDArray alpha = weights(ps, x1, x2, training);
        NDList parts = alpha.split(2, alpha.getShape().dimension() - 1);
        return new NDList(x1.mul(parts.get(0)).add(x2.mul(parts.get(1))));
    }

    private void requireSize(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() < 1 || s.get(s.dimension() - 1) != size) {
            throw new IllegalArgumentException("Attention over " + size + "-d vectors cannot take shape " + s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
