package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A stride-1 1-D convolution with TensorFlow's 'same' padding: {@code (k - 1) / 2} zeros on the left and
 * {@code k / 2} on the right (k = 8: 3 left, 4 right; k = 6: 2 left, 3 right), so the output keeps the input
 * length. DJL's {@link Conv1d} pads symmetrically, so the zeros are concatenated explicitly and the child
 * convolution runs 'valid'.
 *
 * <p>Input {@code [B, C_in, L]}, output {@code [B, filters, L]}; child {@code conv} holds {@code weight
 * [filters, C_in, k]} and {@code bias [filters]}. Cost: one copy of the input for the padding.
 */
public final class SamePaddedConv1d extends AbstractBlock {

    private final int filters;
    private final int kernel;
    private final int padLeft;
    private final int padRight;
    private final Conv1d conv;

    public SamePaddedConv1d(int filters, int kernel) {
        if (filters < 1 || kernel < 1) {
            throw new IllegalArgumentException("Filters and kernel must be at least 1, cannot be: " + filters + ", " + kernel);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.padLeft = (kernel - 1) / 2;
        this.padRight = kernel - 1 - padLeft;
        this.conv = addChildBlock("conv", Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(filters).build());
    }

    public int padLeft() {
        return padLeft;
    }

    public int padRight() {
        return padRight;
    }

    /** Pads {@code x [B, C, L]} on its last axis with {@code left} and {@code right} zeros. */
    public static NDArray padSame(NDArray x, int left, int right) {
        if (left == 0 && right == 0) {
            return x;
        }
        Shape s = x.getShape();
        NDManager m = x.getManager();
        NDList parts = new NDList(3);
        if (left > 0) {
            parts.add(m.zeros(new Shape(s.get(0), s.get(1), left), x.getDataType(), x.getDevice()));
        }
        parts.add(x);
        if (right > 0) {
            parts.add(m.zeros(new Shape(s.get(0), s.get(1), right), x.getDataType(), x.getDevice()));
        }
        return NDArrays.concat(parts, 2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray padded = padSame(inputs.singletonOrThrow(), padLeft, padRight);
        return conv.forward(ps, new NDList(padded), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, in.get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        conv.initialize(manager, dataType, new Shape(in.get(0), in.get(1), in.get(2) + kernel - 1));
    }
}
