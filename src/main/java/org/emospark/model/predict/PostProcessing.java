package org.emospark.model.predict;

import org.emospark.model.ModelConfig;

/**
 * What a kept model does to one recording's raw network outputs before anyone reads them: the smoothing its config
 * asks for ({@link OutputSmoothing}), then, when the config says so and the model has a prior, the conditioning on the
 * Train labels' prior ({@link PriorSmoothing}). One place, so that training's kept Devel figures and every later
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
        OutputSmoothing.centred(outputs, config.smoothingHalfWidth());
        if (prior != null && config.priorSmoothing()) {
            PriorSmoothing.apply(outputs, subject, prior);
        }
    }
}
