package org.emospark.ingest;

import java.util.Map;
import java.util.stream.Collectors;
import org.emospark.lake.MergeCounts;

/**
 * What an ingest run did: what it found, what went in, what was refused (by reason), and what
 * each table's write changed. A second run over the same input shows no change in any table.
 */
public record IngestResult(String input, String layout, String warehouse, int recordingsFound,
                           long recordingsIngested, long recordingsUnchanged, double audioSeconds, Map<String, Long> rejectsByReason,
                           Map<String, MergeCounts> tables, double elapsedSeconds) {

    public long rejectCount() {
        return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds of audio ingested per wall-clock second. */
    public double throughput() {
        return elapsedSeconds > 0 ? audioSeconds / elapsedSeconds : 0;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Ingested %s (%s layout) into %s%n", input, layout, warehouse));
        sb.append(String.format("  recordings: %d found, %d ingested (%.1f s of audio), %d unchanged since the last ingest%n",
                recordingsFound, recordingsIngested, audioSeconds, recordingsUnchanged));
        sb.append(String.format("  rejects:    %d%s%n", rejectCount(), rejectsByReason.isEmpty() ? ""
                : " (" + rejectsByReason.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")) + "; see the rejects table)"));
        for (MergeCounts c : tables.values()) {
            sb.append("  ").append(c).append(String.format(" (version %d)%n", c.version()));
        }
        sb.append(String.format("  time:       %.1f s (%.1f s of audio per second)%n", elapsedSeconds, throughput()));
        return sb.toString();
    }
}
