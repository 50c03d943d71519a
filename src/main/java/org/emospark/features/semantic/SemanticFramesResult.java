package org.emospark.features.semantic;

import org.emospark.lake.MergeCounts;

/** What a semantic-frames run wrote. */
public record SemanticFramesResult(String embeddingSet, String wordSpeakers, long recordings, long frames, long framesWithWord,
                                   long framesWithUnknownWord, MergeCounts table, double elapsedSeconds) {
    public double framesPerSecond() {
        return elapsedSeconds > 0 ? frames / elapsedSeconds : 0;
    }
}
