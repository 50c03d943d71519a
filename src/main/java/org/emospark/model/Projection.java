package org.emospark.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code ReLU(W x + b)} on the last axis: the per-stream projection {@code x' = ReLU(W x + b)} of the paper
 * (1024 wide) and the fusion layers {@code n_i = ReLU(FC_i(z))} (512 wide). Input {@code [..., D]}, output
 * {@code [..., units]}; child {@code linear} holds {@code weight [units, D]} and {@code bias [units]}.
 */
public final class Projection extends AbstractBlock {

    private final long units;
    private final Linear linear;

    public Projection(long units) {
        if (units < 1) {
            throw new IllegalArgumentException("Projection units must be at least 1, cannot be: " + units);
        }
        this.units = units;
        this.linear = addChildBlock("linear", Linear.builder().setUnits(units).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(Activation.relu(linear.forward(ps, inputs, training, params).singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(units)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }
}
