package org.emospark.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The regression head: {@code tanh(W h + b)}, Linear(lstmUnits -> outputs) then tanh, so predictions lie in
 * [-1, 1] like the labels. Input {@code [..., H]}, output {@code [..., outputs]}; child {@code linear}.
 */
public final class EmotionHead extends AbstractBlock {

    private final long outputs;
    private final Linear linear;

    public EmotionHead(long outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("Outputs must be at least 1, cannot be: " + outputs);
        }
        this.outputs = outputs;
        this.linear = addChildBlock("linear", Linear.builder().setUnits(outputs).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(linear.forward(ps, inputs, training, params).singletonOrThrow().tanh());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outputs)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }
}
