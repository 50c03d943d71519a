package org.emospark.train;

import java.util.Map;
import org.emospark.lake.MergeCounts;
import org.emospark.model.store.ModelManifest;

/** What a train run did: the stored model (trained now, or kept as already trained), what was left out, the models write. */
public record TrainResult(ModelManifest manifest, String path, boolean trained, Map<String, String> skipped,
                          MergeCounts registered, double seconds) {
}
