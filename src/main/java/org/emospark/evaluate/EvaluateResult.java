package org.emospark.evaluate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emospark.lake.MergeCounts;

/**
 * What an evaluate run produced: per model the scores, the report and the table write; the comparison page; and the
 * scores of the {@link Baselines} fitted on Train (empty when the lake has no labelled Train recordings).
 */
public record EvaluateResult(String split, List<ModelEvaluation> models, Path comparison, List<Baselines.Score> baselines,
                             double seconds) {

    /**
     * @param trainedOn the split's recordings the model was trained on (Train's, or a refitted model's Devel): its
     *                  figures there are not held out
     */
    public record ModelEvaluation(SplitEvaluation result, Path report, MergeCounts written, Map<String, String> skipped,
                                  List<String> trainedOn) {
        public ModelEvaluation {
            trainedOn = List.copyOf(trainedOn);
        }
    }
}
