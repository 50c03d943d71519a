package org.emospark.ingest;

import java.util.Map;
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
}
