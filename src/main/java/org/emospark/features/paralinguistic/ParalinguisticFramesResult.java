package org.emospark.features.paralinguistic;

import java.util.Map;
import org.emospark.lake.MergeCounts;

/**
 * What a paralinguistic-frames run did: the model, how many recordings it computed and rejected (by reason), the
 * frames and audio it got through, how long the CNN pass took (with reading and framing the audio, before the
 * merges) and the whole run, and what it wrote.
 */
public record ParalinguisticFramesResult(String modelId, int dims, long recordings, long computed,
                                         Map<String, Long> rejectedByReason, long frames, double audioSeconds,
                                         double computeSeconds, MergeCounts table, MergeCounts rejects, double seconds) {
    public ParalinguisticFramesResult {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
