package org.emospark.features.frames;

import org.emospark.lake.MergeCounts;

/** What a semantic-frames run wrote. */
public record SemanticFramesResult(String embeddingSet, long recordings, long frames, long framesWithWord,
                                   long framesWithUnknownWord, MergeCounts table, double elapsedSeconds) {
    public double framesPerSecond() {
        return elapsedSeconds > 0 ? frames / elapsedSeconds : 0;
    }

    public String summary() {
        return String.format("Semantic frames from embedding set %s%n"
                        + "  %d recordings, %d frames (%.1f%% with a word; %d of those with an out-of-vocabulary word)%n"
                        + "  %s (version %d)%n  time: %.1f s (%.0f frames per second)%n",
                embeddingSet, recordings, frames, frames == 0 ? 0 : 100.0 * framesWithWord / frames,
                framesWithUnknownWord, table, table.version(), elapsedSeconds, framesPerSecond());
    }
}
