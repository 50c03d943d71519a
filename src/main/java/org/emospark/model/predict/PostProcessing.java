package org.emospark.model.predict;

import org.emospark.frames.UtteranceTiming;
import org.emospark.model.ModelConfig;

/**
 * What a kept model does to one recording's raw network outputs before anyone reads them: the smoothing its config
 * asks for ({@link OutputSmoothing}), then, when the config says so and the model has a prior, the conditioning on the
 * Train labels' prior ({@link PriorSmoothing}), then, likewise, the move of each recording's level towards what its
 * subject's timing says ({@link TimingLevel}). One place, so that training's kept Devel figures and every later
 * prediction of the model ({@code evaluate}, {@code score}, the fusion stage) cannot drift apart.
 */
public final class PostProcessing {
    private PostProcessing() {
    }

    /**
     * {@code outputs} ({@code [frame][value]}) post-processed in place; {@code subject} flags the subject's frames,
     * {@code prior} is the model's ({@code null}: a model trained before priors were fitted, only smoothed).
     */
    public static void apply(float[][] outputs, boolean[] subject, ModelConfig config, LabelPrior prior) {
        apply(outputs, subject, null, config, prior, null);
    }

    /**
     * As {@link #apply(float[][], boolean[], ModelConfig, LabelPrior)}, then each recording's level moved by the
     * model's {@code level} ({@code null}: none fitted) from its {@code timing} when the config says so.
     */
    public static void apply(float[][] outputs, boolean[] subject, UtteranceTiming timing, ModelConfig config,
            LabelPrior prior, TimingLevel level) {
        OutputSmoothing.centred(outputs, config.smoothingHalfWidth());
        if (prior != null && config.priorSmoothing()) {
            PriorSmoothing.apply(outputs, subject, prior);
        }
        if (level != null && timing != null && config.timingLevel()) {
            level.apply(outputs, subject, timing);
        }
    }
}
