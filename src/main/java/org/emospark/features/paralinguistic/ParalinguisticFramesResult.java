package org.emospark.features.paralinguistic;

import java.util.Map;
import java.util.stream.Collectors;
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

    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("Paralinguistic frames from the CNN of model %s (%d values per frame)%n", modelId, dims));
        s.append(String.format("  recordings: %d, %d computed, %d rejected%s%n", recordings, computed, rejected(),
                rejectedByReason.isEmpty() ? "" : " (" + rejectedByReason.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        s.append(String.format("  frames:     %d (%.1f s of audio)%n", frames, audioSeconds));
        s.append(String.format("  %s (version %d)%n", table, table.version()));
        s.append(String.format("  %s (version %d)%n", rejects, rejects.version()));
        s.append(String.format("  CNN pass:   %.1f s (%.1f s of audio per second)%n", computeSeconds,
                computeSeconds > 0 ? audioSeconds / computeSeconds : 0));
        s.append(String.format("  time:       %.1f s (%.1f s of audio per second)%n", seconds,
                seconds > 0 ? audioSeconds / seconds : 0));
        return s.toString();
    }
}
