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
import java.util.Map;

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
 * <p>Two halves: {@link #paralinguisticCnn()} and {@link #fusionNet()} (everything after the CNN), and the forward
 * pass is nothing but the one feeding the other, so the fusion network given the CNN's stored features computes
 * exactly what this network computes from the audio.
 *
 * <p>Faithful parameter count: 7,211,556 (CNN 225,825; projections 4,516,864 + 103,424; attention fusion
 * 1,024 + 3 x 524,800 + 2 x 512; LSTM 788,224; head 771).
 */
public final class SpeechEmotionNet extends AbstractBlock implements StreamingNetwork {

    private final ModelConfig config;
    private final ParalinguisticCnn cnn;
    private final FusionNet fusionNet;

    public SpeechEmotionNet(ModelConfig config) {
        this.config = config;
        cnn = config.streams().usesParalinguistic()
                ? addChildBlock("paralinguisticCnn", new ParalinguisticCnn(config))
                : null;
        fusionNet = new FusionNet(config);
        // The post-CNN blocks are this network's own children as well, flat, in the order and under the names the
        // network had before it was split: parameter files keep their layout, and stored models still load.
        for (Map.Entry<String, Block> part : fusionNet.parts().entrySet()) {
            addChildBlock(part.getKey(), part.getValue());
        }
    }

    public ModelConfig config() {
        return config;
    }

    /** The CNN alone: raw frame input {@code [B, T * frameInput]} to features {@code [B, T, F]}; null without it. */
    public ParalinguisticCnn paralinguisticCnn() {
        return cnn;
    }

    /** The network after the CNN ({@link FusionNet}), sharing this network's parameters. */
    public FusionNet fusionNet() {
        return fusionNet;
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
        return fusionNet.forward(ps, features(ps, inputs, training, params), training, params);
    }

    /**
     * Inference over K consecutive windows of one recording as one continuous sequence: the CNN per window,
     * batched over the K windows, exactly as in training; then {@link FusionNet#forwardStream} from the state
     * {@code (h0, c0)}. Returns {@code (outputs [K, T, 3], h, c)}, the last two the state to pass with the next
     * windows, so an hour-long recording is scored as one sequence a few windows at a time.
     */
    @Override
    public NDList forwardStream(ParameterStore ps, NDList inputs, NDArray h0, NDArray c0) {
        return fusionNet.forwardStream(ps, features(ps, inputs, false, null), h0, c0);
    }

    @Override
    public NDList forwardCarried(ParameterStore ps, NDList inputs, NDArray h0, NDArray c0, boolean training,
                                 PairList<String, Object> params) {
        return fusionNet.forwardCarried(ps, features(ps, inputs, training, params), h0, c0, training, params);
    }

    /** What {@link FusionNet} takes: the CNN's features of the audio (when used), then the word vectors (when used). */
    private NDList features(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Inputs in = select(inputs.getShapes());
        NDList features = new NDList(2);
        if (cnn != null) {
            features.add(cnn.forward(ps, new NDList(inputs.get(in.audio)), training, params).singletonOrThrow());
        }
        if (in.semantic >= 0) {
            features.add(inputs.get(in.semantic));
        }
        return features;
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
            if (s.dimension() != 3 || s.get(2) != config.semanticInputs()) {
                throw new IllegalArgumentException("Semantic vectors must be [B, T, " + config.semanticInputs()
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
        Shape[] features = new Shape[config.streams().count()];
        int next = 0;
        if (cnn != null) {
            cnn.initialize(manager, dataType, inputShapes[in.audio]);
            features[next++] = cnn.getOutputShapes(new Shape[] {inputShapes[in.audio]})[0];
        }
        if (in.semantic >= 0) {
            features[next] = inputShapes[in.semantic];
        }
        fusionNet.initialize(manager, dataType, features);
    }
}
