package org.emospark.features.speech2vec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * Speech2Vec's sequence-to-sequence network (Chung and Glass, 2018): an LSTM encoder reads the MFCC frames of one
 * spoken word and its last output is the word's vector; an LSTM decoder, given only that vector at every step,
 * predicts a neighbouring word's frames through a linear layer. Trained skip-gram style, the vector has to carry what
 * predicts how the surrounding words sound, which for words means what they are and the company they keep.
 *
 * <p>Why the decoder does not see the neighbour's previous frames (teacher forcing): consecutive MFCC frames are so
 * alike that a decoder fed them predicts the next one almost without the vector, and the encoder then learns little
 * (measured on the sample corpus: the words' vectors had a mean cosine of 0.96 to each other).
 *
 * <p>Inputs of {@link #forward}: the word's frames {@code [B, T, C]}, padded at the start (so the encoder's last step
 * is the word's last frame), and any array {@code [B, T', ...]} whose second axis gives the neighbour's length; output
 * the predicted frames {@code [B, T', C]}. Children: {@code encoder}, {@code decoder} (DJL's LSTM) and {@code output}
 * (DJL's Linear).
 */
public final class Speech2VecNet extends AbstractBlock {
    private final int dims;
    private final LSTM encoder;
    private final LSTM decoder;
    private final Linear output;

    public Speech2VecNet(int dims) {
        this.dims = dims;
        this.encoder = addChildBlock("encoder", LSTM.builder().setStateSize(dims).setNumLayers(1).optBatchFirst(true)
                .build());
        this.decoder = addChildBlock("decoder", LSTM.builder().setStateSize(dims).setNumLayers(1).optBatchFirst(true)
                .build());
        this.output = addChildBlock("output", Linear.builder().setUnits(Mfcc.COEFFICIENTS).build());
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    public int dims() {
        return dims;
    }

    /** The vectors of words {@code [B, T, C]} (padded at the start): {@code [B, dims]}. */
    public NDArray encode(ParameterStore ps, NDArray frames, boolean training) {
        NDArray steps = encoder.forward(ps, new NDList(frames), training).singletonOrThrow();
        long last = steps.getShape().get(1) - 1;
        return steps.get(":, " + last + ", :");
    }

    /** The {@code length} frames predicted from {@code vectors [B, dims]}: {@code [B, length, C]}. */
    public NDArray decode(ParameterStore ps, NDArray vectors, long length, boolean training) {
        NDArray condition = vectors.expandDims(1).broadcast(new Shape(vectors.getShape().get(0), length, dims));
        NDArray steps = decoder.forward(ps, new NDList(condition), training).singletonOrThrow();
        return output.forward(ps, new NDList(steps), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(decode(ps, encode(ps, inputs.get(0), training), inputs.get(1).getShape().get(1), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[1].get(1), Mfcc.COEFFICIENTS)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, new Shape(1, 1, Mfcc.COEFFICIENTS));
        decoder.initialize(manager, dataType, new Shape(1, 1, dims));
        output.initialize(manager, dataType, new Shape(1, 1, dims));
    }
}
