package org.emospark.model.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emospark.lake.MergeCounts;
import org.emospark.model.evaluate.EvaluateResult;
import org.emospark.model.metrics.DimensionScores;
import org.emospark.model.store.ModelManifest;

/**
 * What a fusion sweep did: per configuration its model (trained now, or kept from an earlier run) or its error, the
 * best model by mean Devel CCC, the {@code models} write and the Devel evaluation of every model ({@code null} when
 * none was trained), the wall time of the training tasks and of the whole run.
 */
public record FusionSweepResult(String sweep, String sourceModelId, List<Row> rows, String bestModelId,
                                Map<String, String> skipped, MergeCounts registered, EvaluateResult devel,
                                double trainSeconds, double seconds) {

    /** One configuration: {@code manifest} null when it failed ({@code error} says why). */
    public record Row(String configuration, String modelId, FusionRun run, ModelManifest manifest, boolean trained,
                      String error) {
    }

    public FusionSweepResult {
        rows = List.copyOf(rows);
        skipped = Map.copyOf(skipped);
    }

    public List<Row> failed() {
        return rows.stream().filter(r -> r.error() != null).toList();
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        long trained = rows.stream().filter(Row::trained).count();
        s.append(String.format("Fusion sweep %s from the CNN features of model %s: %d configuration(s), %d trained, %d kept "
                + "as already trained, %d failed%n", sweep, sourceModelId, rows.size(), trained,
                rows.size() - trained - failed().size(), failed().size()));
        Map<String, DimensionScores> evaluated = new HashMap<>();
        if (devel != null) {
            devel.models().forEach(m -> evaluated.put(m.result().modelId(), m.result().concatenated()));
        }
        s.append(String.format("%n  %-22s %-40s %-9s %5s %9s %-6s %6s %8s   %-29s %s%n", "configuration", "model", "fusion",
                "lstm", "lr", "init", "epochs", "train s", "Devel CCC A / V / L / mean", "evaluate (audio)"));
        for (Row r : rows) {
            FusionRun run = r.run();
            String head = String.format("  %-22s %-40s %-9s %5d %9.2e %-6s", r.configuration(), r.modelId(),
                    run.config().fusion().name().toLowerCase(), run.config().lstmUnits(), run.settings().learningRate(),
                    run.init().key());
            if (r.manifest() == null) {
                s.append(head).append("  FAILED: ").append(r.error()).append('\n');
                continue;
            }
            ModelManifest m = r.manifest();
            DimensionScores d = m.devel();
            DimensionScores e = evaluated.get(m.modelId());
            s.append(String.format("%s %6s %8.1f   %.3f %.3f %.3f %.3f   %s%s%n", head, m.bestEpoch() + "/" + m.epochs().size(),
                    m.trainWallSeconds(), d.arousal().ccc(), d.valence().ccc(), d.liking().ccc(), d.meanCcc(),
                    e == null ? "-" : String.format("%.3f", e.meanCcc()), m.modelId().equals(bestModelId) ? "  <- best" : ""));
        }
        s.append('\n');
        for (Map.Entry<String, String> e : skipped.entrySet()) {
            s.append(String.format("  left out:    %s (%s)%n", e.getKey(), e.getValue()));
        }
        if (registered != null) {
            s.append(String.format("  %s (version %d)%n", registered, registered.version()));
        }
        if (devel != null) {
            devel.models().forEach(m -> s.append(String.format("  %s; report %s%n", m.written(), m.report())));
            if (devel.comparison() != null) {
                s.append(String.format("  comparison:  %s%n", devel.comparison()));
            }
        }
        s.append(String.format("  training:    %.1f s in Spark tasks, one per configuration%n", trainSeconds));
        s.append(String.format("  time:        %.1f s%n", seconds));
        return s.toString();
    }
}
