package org.emospark.model.data;

import java.util.List;
import java.util.Map;
import org.emospark.frames.FramedExample;

/**
 * Recordings read out of the lake for training or evaluation ({@link LakeExamples}, {@link FeatureExamples}), those
 * left out with why, the embedding set of their word vectors and the version of every table read.
 */
public record LoadedExamples<E extends FramedExample>(List<E> examples, Map<String, String> skipped, String embeddingSet,
                                                      Map<String, Long> tableVersions) {
    public List<E> split(String split) {
        return examples.stream().filter(e -> e.split().equals(split)).toList();
    }
}
