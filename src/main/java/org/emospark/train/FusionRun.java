package org.emospark.train;

import java.io.Serializable;
import java.util.Objects;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;

/**
 * One configuration of the fusion stage: the model's name (the readable part of its id), the network, its training
 * settings and how the network after the CNN starts. Serializable: a sweep ships one to each task.
 */
public record FusionRun(String name, ModelConfig config, TrainSettings settings, FusionStart.Init init)
        implements Serializable {
    public FusionRun {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(init, "init");
    }
}
