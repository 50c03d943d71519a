package org.emospark.model.evaluate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emospark.lake.MergeCounts;
import org.emospark.model.metrics.Dimension;
import org.emospark.model.metrics.DimensionScores;
import org.emospark.report.EvaluationResult;

/** What an evaluate run produced: per model the scores, the report and the table write; the comparison page. */
public record EvaluateResult(String split, List<ModelEvaluation> models, Path comparison, double seconds) {

    public record ModelEvaluation(EvaluationResult result, Path report, MergeCounts written, Map<String, String> skipped) {
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Evaluated %d model(s) on %s (%d recordings)%n", models.size(), split,
                models.get(0).result().recordings().size()));
        s.append(String.format("%n  %-34s %-15s %8s %8s %8s %8s%n", "model", "aggregate", "CCC A", "CCC V", "CCC L", "mean"));
        for (ModelEvaluation m : models) {
            row(s, m.result().modelId(), "concatenated", m.result().concatenated());
            row(s, "", "recording mean", m.result().perRecordingMean());
        }
        s.append(String.format("%n  %-34s %-15s %8s %8s %8s%n", "model", "", "Pearson A", "Pearson V", "Pearson L"));
        for (ModelEvaluation m : models) {
            DimensionScores c = m.result().concatenated();
            s.append(String.format("  %-34s %-15s %8.3f %8.3f %8.3f%n", m.result().modelId(), "concatenated",
                    c.get(Dimension.AROUSAL).pearson(), c.get(Dimension.VALENCE).pearson(), c.get(Dimension.LIKING).pearson()));
        }
        s.append('\n');
        for (ModelEvaluation m : models) {
            for (Map.Entry<String, String> e : m.skipped().entrySet()) {
                s.append(String.format("  left out: %s (%s)%n", e.getKey(), e.getValue()));
            }
            s.append(String.format("  report:   %s%n", m.report()));
            s.append(String.format("  %s%n", m.written()));
        }
        if (comparison != null) {
            s.append(String.format("  comparison: %s%n", comparison));
        }
        s.append(String.format("  time:     %.1f s%n", seconds));
        return s.toString();
    }

    private static void row(StringBuilder s, String model, String aggregate, DimensionScores d) {
        s.append(String.format("  %-34s %-15s %8.3f %8.3f %8.3f %8.3f%n", model, aggregate, d.arousal().ccc(),
                d.valence().ccc(), d.liking().ccc(), d.meanCcc()));
    }
}
