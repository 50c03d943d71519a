package org.emospark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

/**
 * The whole network of Tzirakis et al. (ICASSP 2021) for one window of T frames:
 * <pre>
 *   audio [B, T*frameInput] -> paralinguisticCnn -> x_p [B, T, F] -> paralinguisticProjection -> x_p' [B, T, 1024]
 *   semantic [B, T, 100]                                          -> semanticProjection       -> x_s' [B, T, 1024]
 *   fusion (AttentionFusion or ConcatFusion) -> f [B, T, 512] -> lstm (PeepholeLstm, 256) -> head (tanh) -> [B, T, 3]
 * </pre>
 * Inputs: {@code (audio, semantic)} for {@link ModelConfig.Streams#BOTH}; for a single stream either that
 * stream's array alone or both arrays (the unused one is ignored). The missing stream is absent from the
 * network (no CNN or projection for it); see {@link AttentionFusion} for how fusion degrades.
 *
 * <p>Faithful parameter count: 7,211,556 (CNN 225,825; projections 4,516,864 + 103,424; attention fusion
 * 1,024 + 3 x 524,800 + 2 x 512; LSTM 788,224; head 771).
 */
public final class SpeechEmotionNet extends AbstractBlock {

    private final ModelConfig config;
    private final ParalinguisticCnn cnn;
    private final Projection paralinguisticProjection;
    private final Projection semanticProjection;
    private final Block fusion;
    private final PeepholeLstm lstm;
    private final EmotionHead head;

    public SpeechEmotionNet(ModelConfig config) {
        this.config = config;
        ModelConfig.Streams streams = config.streams();
        if (streams.usesParalinguistic()) {
            cnn = addChildBlock("paralinguisticCnn", new ParalinguisticCnn(config));
            paralinguisticProjection = addChildBlock("paralinguisticProjection", new Projection(config.projection()));
        } else {
            cnn = null;
            paralinguisticProjection = null;
        }
        semanticProjection = streams.usesSemantic()
                ? addChildBlock("semanticProjection", new Projection(config.projection()))
                : null;
        fusion = addChildBlock("fusion", config.fusion() == ModelConfig.Fusion.ATTENTION
                ? new AttentionFusion(streams.count(), config.projection(), config.streamSize())
                : new ConcatFusion(streams.count(), config.streamSize()));
        lstm = addChildBlock("lstm", new PeepholeLstm(config.lstmUnits(), config.cellClip(), config.forgetBias()));
        head = addChildBlock("head", new EmotionHead(config.outputs()));
    }

    public ModelConfig config() {
        return config;
    }

    /** The number of scalar parameters of an initialised block (all of its children included). */
    public static long parameterCount(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            total += p.getValue().getShape().size();
        }
        return total;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList hidden = lstm.forward(ps, fuse(ps, inputs, training, params), training, params);
        return head.forward(ps, hidden, training, params);
    }

    /**
     * Inference over K consecutive windows of one recording as one continuous sequence: the streams and their
     * fusion per window, batched over the K windows, exactly as in training; then the LSTM over the K x T frames
     * in order, from the state {@code (h0, c0)} ({@code [1, H]} each; {@code null}: zeros) instead of from zeros
     * per window; then the head. Returns {@code (outputs [K, T, 3], h, c)}, the last two the state to pass with
     * the next windows, so an hour-long recording is scored as one sequence a few windows at a time.
     */
    public NDList forwardStream(ParameterStore ps, NDList inputs, NDArray h0, NDArray c0) {
        NDArray fused = fuse(ps, inputs, false, null).singletonOrThrow();
        Shape s = fused.getShape();
        NDList run = lstm.run(ps, fused.reshape(1, s.get(0) * s.get(1), s.get(2)), h0, c0, false);
        NDArray y = head.forward(ps, new NDList(run.get(0)), false).singletonOrThrow()
                .reshape(s.get(0), s.get(1), config.outputs());
        return new NDList(y, run.get(1), run.get(2));
    }

    /** The streams (CNN and projections) and their fusion: {@code [B, T, streamSize]}. */
    private NDList fuse(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Inputs in = select(inputs.getShapes());
        NDList streams = new NDList(2);
        if (cnn != null) {
            NDArray xp = cnn.forward(ps, new NDList(inputs.get(in.audio)), training, params).singletonOrThrow();
            streams.add(paralinguisticProjection.forward(ps, new NDList(xp), training, params).singletonOrThrow());
        }
        if (semanticProjection != null) {
            streams.add(semanticProjection.forward(ps, new NDList(inputs.get(in.semantic)), training, params)
                    .singletonOrThrow());
        }
        return fusion.forward(ps, streams, training, params);
    }

    /** Which input index holds audio and semantic vectors (-1: not used), checked against the config. */
    private record Inputs(int audio, int semantic, long batch, long frames) {}

    private Inputs select(Shape[] shapes) {
        ModelConfig.Streams streams = config.streams();
        int audio = -1;
        int semantic = -1;
        if (shapes.length == 2) {
            audio = streams.usesParalinguistic() ? 0 : -1;
            semantic = streams.usesSemantic() ? 1 : -1;
        } else if (shapes.length == 1 && streams != ModelConfig.Streams.BOTH) {
            audio = streams.usesParalinguistic() ? 0 : -1;
            semantic = streams.usesSemantic() ? 0 : -1;
        } else {
            throw new IllegalArgumentException("Streams " + streams + " take " + (streams == ModelConfig.Streams.BOTH
                    ? "(audio, semantic)" : "one array or (audio, semantic)") + ", given " + shapes.length + " arrays");
        }
        long batch = -1;
        long frames = -1;
        if (audio >= 0) {
            Shape a = shapes[audio];
            if (a.dimension() != 2 || a.get(1) % config.frameInput() != 0) {
                throw new IllegalArgumentException("Audio must be [B, T * " + config.frameInput() + "], cannot be: " + a);
            }
            batch = a.get(0);
            frames = a.get(1) / config.frameInput();
            config.requireWindow(frames);
        }
        if (semantic >= 0) {
            Shape s = shapes[semantic];
            if (s.dimension() != 3 || s.get(2) != config.semanticDims()) {
                throw new IllegalArgumentException("Semantic vectors must be [B, T, " + config.semanticDims()
                        + "], cannot be: " + s);
            }
            if (audio >= 0 && (s.get(0) != batch || s.get(1) != frames)) {
                throw new IllegalArgumentException("Semantic vectors " + s + " do not match audio of " + batch
                        + " windows x " + frames + " frames");
            }
            batch = s.get(0);
            frames = s.get(1);
        }
        return new Inputs(audio, semantic, batch, frames);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Inputs in = select(inputShapes);
        return new Shape[] {new Shape(in.batch, in.frames, config.outputs())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Inputs in = select(inputShapes);
        Shape projected = new Shape(in.batch, in.frames, config.projection());
        int streamCount = 0;
        if (cnn != null) {
            cnn.initialize(manager, dataType, inputShapes[in.audio]);
            paralinguisticProjection.initialize(manager, dataType, cnn.getOutputShapes(new Shape[] {inputShapes[in.audio]}));
            streamCount++;
        }
        if (semanticProjection != null) {
            semanticProjection.initialize(manager, dataType, inputShapes[in.semantic]);
            streamCount++;
        }
        Shape[] fusionInputs = new Shape[streamCount];
        java.util.Arrays.fill(fusionInputs, projected);
        fusion.initialize(manager, dataType, fusionInputs);
        Shape fused = new Shape(in.batch, in.frames, config.streamSize());
        lstm.initialize(manager, dataType, fused);
        head.initialize(manager, dataType, new Shape(in.batch, in.frames, config.lstmUnits()));
    }
}
