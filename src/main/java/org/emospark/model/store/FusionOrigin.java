package org.emospark.model.store;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How a model of the fusion stage came to be: the source model whose CNN it kept (and whose stored features it was
 * trained from), how its post-CNN parameters started ({@code source} or {@code random}), which parameters it took
 * from the source (by place, e.g. {@code lstm_kernel}; the CNN's always), and the sweep that trained it, if any.
 */
public record FusionOrigin(String sourceModelId, String init, List<String> fromSource, String sweep)
        implements Serializable {
    public FusionOrigin {
        Objects.requireNonNull(sourceModelId, "sourceModelId");
        Objects.requireNonNull(init, "init");
        fromSource = List.copyOf(fromSource);
    }
}
