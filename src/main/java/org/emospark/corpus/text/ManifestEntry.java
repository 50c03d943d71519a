package org.emospark.corpus.text;

/**
 * One recording listed in a manifest, as written: paths are raw strings (the caller resolves
 * relative ones), values are trimmed, and an absent or blank value is {@code null}.
 * {@code recordingId} and {@code audio} are never null; {@code split} is null or one of
 * {@link SplitNames#ALL}. {@code lineNumber} is the physical line of the row in the manifest.
 */
public record ManifestEntry(int lineNumber, String recordingId, String audio, String transcript, String labels,
                            String turns, String split, String speaker, String language) {
}
