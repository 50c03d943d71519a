package org.emospark.scoring;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.emospark.lake.MergeCounts;

/**
 * What a score run did: which recordings it looked at, how many it scored, skipped as already scored or
 * rejected (by reason), how much audio it got through and how fast, and what it wrote to each table
 * ({@code null} counts when there was nothing to score and no table was touched).
 */
public record ScoreResult(Selection selection, long scored, Map<String, Long> rejectedByReason, long withoutTranscript,
                          long frames, double audioSeconds, double seconds, MergeCounts predictions,
                          MergeCounts emotion, MergeCounts rejects) {

    /** What was asked for and what the lake already had. */
    public record Selection(String modelId, LocalDate scoreDate, String recordingFilter, boolean rescore, long selected,
                            long alreadyScored) {
    }

    public ScoreResult {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }

    static ScoreResult nothingToScore(Selection selection, double seconds) {
        return new ScoreResult(selection, 0, Map.of(), 0, 0, 0, seconds, null, null, null);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds of audio scored per second of the run (the whole run: listing, scoring, merging). */
    public double timesRealTime() {
        return seconds > 0 ? audioSeconds / seconds : 0;
    }

    public String summary() {
        Selection s = selection;
        StringBuilder out = new StringBuilder();
        out.append(String.format("Scored with model %s, score date %s%s%n", s.modelId(), s.scoreDate(),
                s.recordingFilter() == null ? "" : " (recordings: " + s.recordingFilter() + ")"));
        out.append(String.format("  recordings: %d selected, %d scored, %d skipped as already scored%s, %d rejected%s%n",
                s.selected(), scored, s.alreadyScored(), s.rescore() ? " (--rescore)" : "", rejected(),
                rejectedByReason.isEmpty() ? "" : " (" + rejectedByReason.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        if (withoutTranscript > 0) {
            out.append(String.format("  without words: %d recording(s) scored with zero word vectors (has_transcript = "
                    + "false)%n", withoutTranscript));
        }
        out.append(String.format("  frames:     %d (%.1f s of audio)%n", frames, audioSeconds));
        if (predictions == null) {
            out.append("  nothing new to score: no table written\n");
        } else {
            for (MergeCounts c : new MergeCounts[] {predictions, emotion, rejects}) {
                out.append(String.format("  %s (version %d)%n", c, c.version()));
            }
        }
        out.append(String.format("  time:       %.1f s%s%n", seconds,
                audioSeconds > 0 ? String.format(" (%.1f x real time)", timesRealTime()) : ""));
        return out.toString();
    }
}
