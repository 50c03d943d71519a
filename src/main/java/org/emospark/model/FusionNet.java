package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything of {@link SpeechEmotionNet} after the CNN, for one window of T frames:
 * <pre>
 *   x_p [B, T, F] (the CNN's features) -> paralinguisticProjection -> x_p' [B, T, projection]
 *   x_s [B, T, semanticInputs]         -> semanticProjection       -> x_s' [B, T, projection]
 *   fusion -> f [B, T, streamSize] -> lstm -> head (tanh) -> [B, T, outputs]
 * </pre>
 * With {@link ModelConfig#bidirectional()} a second LSTM ({@code lstmBackward}) reads f from the window's last frame
 * to its first, and the head sees both LSTMs' outputs side by side.
 * Inputs: {@code (x_p, x_s)} for {@link ModelConfig.Streams#BOTH}, the one stream's array otherwise. It is what the
 * fusion training stage trains from stored CNN features ({@code paralinguistic_frames}): with the CNN not run at
 * all, it is frozen by construction.
 *
 * <p>{@link SpeechEmotionNet} owns the same block instances as its own children, so the full network and this one
 * share their parameters: training this one trains the full network's post-CNN part, and the full network saves
 * and loads them in its own (unchanged) parameter layout.
 */
public final class FusionNet extends AbstractBlock implements StreamingNetwork {

    private final ModelConfig config;
    private final Map<String, Block> parts = new LinkedHashMap<>();
    private final Projection paralinguisticProjection;
    private final Projection semanticProjection;
    private final Block fusion;
    private final PeepholeLstm lstm;
    private final PeepholeLstm backwardLstm;
    private final EmotionHead head;

    public FusionNet(ModelConfig config) {
        this.config = config;
        ModelConfig.Streams streams = config.streams();
        paralinguisticProjection = streams.usesParalinguistic()
                ? part("paralinguisticProjection", new Projection(config.projection()))
                : null;
        semanticProjection = streams.usesSemantic()
                ? part("semanticProjection", new Projection(config.projection()))
                : null;
        fusion = part("fusion", switch (config.fusion()) {
            case ATTENTION -> new AttentionFusion(streams.count(), config.projection(), config.streamSize());
            case CONCAT -> new ConcatFusion(streams.count(), config.streamSize());
        });
        lstm = part("lstm", new PeepholeLstm(config.lstmUnits(), config.cellClip(), config.forgetBias()));
        backwardLstm = config.bidirectional()
                ? part("lstmBackward", new PeepholeLstm(config.lstmUnits(), config.cellClip(), config.forgetBias()))
                : null;
        head = part("head", new EmotionHead(config.outputs()));
    }

    private <B extends Block> B part(String name, B block) {
        parts.put(name, block);
        return addChildBlock(name, block);
    }

    public ModelConfig config() {
        return config;
    }

    /** The child blocks by name, in order: what {@link SpeechEmotionNet} adds after its CNN. */
    Map<String, Block> parts() {
        return Collections.unmodifiableMap(parts);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forwardCarried(ps, inputs, null, null, training, params).get(0));
    }

    @Override
    public NDList forwardCarried(ParameterStore ps, NDList inputs, NDArray h0, NDArray c0, boolean training,
                                 PairList<String, Object> params) {
        NDArray fused = fuse(ps, inputs, training, params).singletonOrThrow();
        if (backwardLstm == null) {
            NDList run = lstm.run(ps, fused, h0, c0, training);
            NDArray y = head.forward(ps, new NDList(run.get(0)), training, params).singletonOrThrow();
            return new NDList(y, run.get(1), run.get(2));
        }
        if (h0 != null || c0 != null) {
            throw notStreaming();
        }
        NDList both = lstm.runBidirectional(backwardLstm, ps, fused, training);
        NDArray y = head.forward(ps, new NDList(both.get(0).concat(both.get(1), 2)), training, params)
                .singletonOrThrow();
        // No state: nothing can continue a window that was also read from its end.
        return new NDList(y);
    }

    private IllegalStateException notStreaming() {
        return new IllegalStateException("A bidirectional network reads each window whole and cannot carry the LSTM's "
                + "state from one window into the next: score it with faithful windows");
    }

    /**
     * Inference over K consecutive windows of one recording as one continuous sequence: the projections and their
     * fusion per window, batched over the K windows, exactly as in training; then the LSTM over the K x T frames in
     * order, from the state {@code (h0, c0)} ({@code [1, H]} each; {@code null}: zeros) instead of from zeros per
     * window; then the head. Returns {@code (outputs [K, T, outputs], h, c)}.
     */
    @Override
    public NDList forwardStream(ParameterStore ps, NDList inputs, NDArray h0, NDArray c0) {
        if (backwardLstm != null) {
            throw notStreaming();
        }
        NDArray fused = fuse(ps, inputs, false, null).singletonOrThrow();
        Shape s = fused.getShape();
        NDList run = lstm.run(ps, fused.reshape(1, s.get(0) * s.get(1), s.get(2)), h0, c0, false);
        NDArray y = head.forward(ps, new NDList(run.get(0)), false).singletonOrThrow()
                .reshape(s.get(0), s.get(1), config.outputs());
        return new NDList(y, run.get(1), run.get(2));
    }

    /** The streams' projections and their fusion: {@code [B, T, streamSize]}. */
    private NDList fuse(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        check(inputs.getShapes());
        NDList streams = new NDList(2);
        int next = 0;
        if (paralinguisticProjection != null) {
            streams.add(paralinguisticProjection.forward(ps, new NDList(inputs.get(next++)), training, params)
                    .singletonOrThrow());
        }
        if (semanticProjection != null) {
            streams.add(semanticProjection.forward(ps, new NDList(inputs.get(next)), training, params).singletonOrThrow());
        }
        return fusion.forward(ps, streams, training, params);
    }

    /** Checks the inputs against the config: one {@code [B, T, width]} array per stream, paralinguistic first. */
    private void check(Shape[] shapes) {
        ModelConfig.Streams streams = config.streams();
        long[] widths = switch (streams) {
            case BOTH -> new long[] {config.paralinguisticFeatures(), config.semanticInputs()};
            case PARALINGUISTIC -> new long[] {config.paralinguisticFeatures()};
            case SEMANTIC -> new long[] {config.semanticInputs()};
        };
        boolean fits = shapes.length == widths.length;
        for (int i = 0; fits && i < shapes.length; i++) {
            fits = shapes[i].dimension() == 3 && shapes[i].get(2) == widths[i]
                    && shapes[i].get(0) == shapes[0].get(0) && shapes[i].get(1) == shapes[0].get(1);
        }
        if (!fits) {
            throw new IllegalArgumentException("The fusion network of streams " + streams + " takes "
                    + (streams == ModelConfig.Streams.BOTH ? "(paralinguistic features, word vectors)" : "one array")
                    + " of [B, T, " + Arrays.toString(widths) + "], cannot be: " + Arrays.toString(shapes));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        check(inputShapes);
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.outputs())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        check(inputShapes);
        long batch = inputShapes[0].get(0);
        long frames = inputShapes[0].get(1);
        int next = 0;
        if (paralinguisticProjection != null) {
            paralinguisticProjection.initialize(manager, dataType, inputShapes[next++]);
        }
        if (semanticProjection != null) {
            semanticProjection.initialize(manager, dataType, inputShapes[next]);
        }
        Shape[] fusionInputs = new Shape[config.streams().count()];
        Arrays.fill(fusionInputs, new Shape(batch, frames, config.projection()));
        fusion.initialize(manager, dataType, fusionInputs);
        lstm.initialize(manager, dataType, new Shape(batch, frames, config.streamSize()));
        if (backwardLstm != null) {
            backwardLstm.initialize(manager, dataType, new Shape(batch, frames, config.streamSize()));
        }
        head.initialize(manager, dataType, new Shape(batch, frames, config.lstmOutputs()));
    }
}
