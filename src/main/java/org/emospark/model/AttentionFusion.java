package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The paper's fusion: {@code z = Att(x_p', x_s')}; {@code n_i = ReLU(FC_i(z))}, i = 1..3, each
 * {@code streamSize} (512) wide; {@code f = Att(Att(n_1, n_2), n_3)}. Children: {@code streamAttention}
 * ({@code w [projection]}), {@code branch1..branch3} ({@link Projection}s), {@code branchAttention} and
 * {@code outputAttention} ({@code w [streamSize]} each).
 *
 * <p>Inputs: the projected streams {@code [B, T, projection]}, paralinguistic first. With a single stream
 * (PARALINGUISTIC or SEMANTIC only) the missing stream is absent, not zero: attention over one input is the
 * identity (a softmax over one score is 1), so {@code z = x'}, there is no {@code streamAttention} block, and
 * the three branches and their two attentions stay. Output {@code [B, T, streamSize]}.
 */
public final class AttentionFusion extends AbstractBlock {

    private final int streams;
    private final long streamSize;
    private final SharedVectorAttention streamAttention;
    private final Projection[] branches = new Projection[3];
    private final SharedVectorAttention branchAttention;
    private final SharedVectorAttention outputAttention;

    public AttentionFusion(int streams, long projection, long streamSize) {
        if (streams != 1 && streams != 2) {
            throw new IllegalArgumentException("Fusion takes one or two streams, cannot be: " + streams);
        }
        this.streams = streams;
        this.streamSize = streamSize;
        this.streamAttention = streams == 2 ? addChildBlock("streamAttention", new SharedVectorAttention(projection)) : null;
        for (int i = 0; i < 3; i++) {
            branches[i] = addChildBlock("branch" + (i + 1), new Projection(streamSize));
        }
        this.branchAttention = addChildBlock("branchAttention", new SharedVectorAttention(streamSize));
        this.outputAttention = addChildBlock("outputAttention", new SharedVectorAttention(streamSize));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != streams) {
            throw new IllegalArgumentException("Fusion was built for " + streams + " stream(s), given " + inputs.size());
        }
        NDArray z = streams == 2 ? streamAttention.forward(ps, inputs, training, params).singletonOrThrow() : inputs.head();
        NDArray[] n = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            n[i] = branches[i].forward(ps, new NDList(z), training, params).singletonOrThrow();
        }
        NDArray n12 = branchAttention.forward(ps, new NDList(n[0], n[1]), training, params).singletonOrThrow();
        return outputAttention.forward(ps, new NDList(n12, n[2]), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(streamSize)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (streamAttention != null) {
            streamAttention.initialize(manager, dataType, inputShapes);
        }
        for (Projection branch : branches) {
            branch.initialize(manager, dataType, inputShapes[0]);
        }
        Shape n = getOutputShapes(inputShapes)[0];
        branchAttention.initialize(manager, dataType, n, n);
        outputAttention.initialize(manager, dataType, n, n);
    }
}
