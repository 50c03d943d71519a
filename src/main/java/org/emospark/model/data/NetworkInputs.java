package org.emospark.model.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.emospark.frames.WindowBatch;
import org.emospark.model.ModelConfig;

/**
 * Turns a host-side {@link WindowBatch} into the network's input arrays, in the order the network takes them: raw
 * audio for the whole network ({@code SpeechEmotionNet}), or CNN features for the fusion network
 * ({@code FusionNet}), then word vectors.
 */
public final class NetworkInputs {
    private NetworkInputs() {
    }

    public static NDList of(NDManager manager, ModelConfig config, WindowBatch batch) {
        NDList inputs = new NDList(2);
        long b = batch.size();
        long t = batch.frames();
        if (batch.audio() != null) {
            inputs.add(manager.create(batch.audio(), new Shape(b, t * config.frameInput())));
        } else if (batch.features() != null) {
            inputs.add(manager.create(batch.features(), new Shape(b, t, config.paralinguisticFeatures())));
        }
        if (batch.semantic() != null) {
            inputs.add(manager.create(batch.semantic(), new Shape(b, t, config.semanticInputs())));
        }
        return inputs;
    }

    /** The gold labels {@code [B, T, 3]} of a labelled batch. */
    public static NDList labels(NDManager manager, WindowBatch batch) {
        if (batch.labels() == null) {
            throw new IllegalArgumentException("Batch of " + batch.windows() + " has no labels");
        }
        return new NDList(manager.create(batch.labels(), new Shape(batch.size(), batch.frames(), 3)));
    }

    /** The input shapes the network is initialised with, for batches of {@code batch} windows. */
    public static Shape[] shapes(ModelConfig config, int batch) {
        long t = config.windowFrames();
        Shape audio = new Shape(batch, t * config.frameInput());
        Shape semantic = new Shape(batch, t, config.semanticInputs());
        return switch (config.streams()) {
            case BOTH -> new Shape[] {audio, semantic};
            case PARALINGUISTIC -> new Shape[] {audio};
            case SEMANTIC -> new Shape[] {semantic};
        };
    }
}
