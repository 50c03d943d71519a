package org.emospark.model;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's ablation: the projected streams (the "FC 1024 on each", done by the network's projections)
 * are concatenated on the feature axis and go through {@code ReLU(FC streamSize)} (child {@code fc}). The
 * ReLU is our assumption, matching every other FC of the model. Inputs {@code [B, T, projection]} each,
 * paralinguistic first; with a single stream the concatenation is that stream alone. Output
 * {@code [B, T, streamSize]}.
 */
public final class ConcatFusion extends AbstractBlock {

    private final int streams;
    private final long streamSize;
    private final Projection fc;

    public ConcatFusion(int streams, long streamSize) {
        if (streams != 1 && streams != 2) {
            throw new IllegalArgumentException("Fusion takes one or two streams, cannot be: " + streams);
        }
        this.streams = streams;
        this.streamSize = streamSize;
        this.fc = addChildBlock("fc", new Projection(streamSize));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != streams) {
            throw new IllegalArgumentException("Fusion was built for " + streams + " stream(s), given " + inputs.size());
        }
        int last = inputs.head().getShape().dimension() - 1;
        NDList joined = streams == 1 ? inputs : new NDList(NDArrays.concat(inputs, last));
        return fc.forward(ps, joined, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(streamSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long width = 0;
        for (Shape s : inputShapes) {
            width += s.get(s.dimension() - 1);
        }
        fc.initialize(manager, dataType, in.slice(0, in.dimension() - 1).add(width));
    }
}
