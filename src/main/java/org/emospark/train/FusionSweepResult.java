package org.emospark.train;

import java.util.List;
import java.util.Map;
import org.emospark.evaluate.EvaluateResult;
import org.emospark.lake.MergeCounts;
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
}
