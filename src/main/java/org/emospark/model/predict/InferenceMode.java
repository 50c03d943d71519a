package org.emospark.model.predict;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns gradient recording off for the calling thread while inference runs, and back to what it was after.
 *
 * <p>Why: PyTorch's grad mode is per thread. DJL switches it off only on the thread that starts the engine,
 * and the trained parameters require gradients, so a forward pass on any other thread (a Spark task thread,
 * a second evaluation thread) would build an autograd graph for nothing: more memory and time, never used.
 * Other engines record gradients only inside a {@code GradientCollector}, so this is a no-op for them.
 */
public final class InferenceMode implements AutoCloseable {
    private final boolean before;

    private InferenceMode() {
        before = PtEngine.ENGINE_NAME.equals(Engine.getInstance().getEngineName()) && JniUtils.isGradMode();
        if (before) {
            JniUtils.setGradMode(false);
        }
    }

    /** Gradients off on this thread until {@link #close()}. */
    public static InferenceMode enter() {
        return new InferenceMode();
    }

    @Override
    public void close() {
        if (before) {
            JniUtils.setGradMode(true);
        }
    }
}
