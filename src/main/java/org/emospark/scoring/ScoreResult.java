package org.emospark.scoring;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emospark.lake.MergeCounts;

/**
 * What a score run did: which recordings it looked at, how many it scored, skipped as already scored or
 * rejected (by reason), how much audio it got through and how fast, and what it wrote to each table
 * ({@code null} counts when there was nothing to score and no table was touched), and the seconds of each of its
 * steps (listing, scoring, each merge; see {@link org.emospark.runtime.JobGroup#stepSeconds}).
 */
public record ScoreResult(Selection selection, long scored, Map<String, Long> rejectedByReason, long withoutTranscript,
                          long frames, double audioSeconds, double seconds, MergeCounts predictions,
                          MergeCounts emotion, MergeCounts rejects, Map<String, Double> stepSeconds) {

    /** What was asked for and what the lake already had. */
    public record Selection(String modelId, LocalDate scoreDate, String recordingFilter, boolean rescore, long selected,
                            long alreadyScored) {
    }

    public ScoreResult {
        rejectedByReason = Map.copyOf(rejectedByReason);
        stepSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stepSeconds));
    }

    static ScoreResult nothingToScore(Selection selection, double seconds, Map<String, Double> stepSeconds) {
        return new ScoreResult(selection, 0, Map.of(), 0, 0, 0, seconds, null, null, null, stepSeconds);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds of audio scored per second of the run (the whole run: listing, scoring, merging). */
    public double timesRealTime() {
        return seconds > 0 ? audioSeconds / seconds : 0;
    }
}
