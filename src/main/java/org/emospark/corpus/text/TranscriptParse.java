package org.emospark.corpus.text;

import java.util.List;
import org.emospark.reject.LineReject;

/**
 * What {@link TranscriptParser} made of a file: the utterances kept, in file order; the lines
 * refused; and the line numbers of well-formed rows skipped by the paper's rule (no token left
 * after normalisation, or only {@code <filler>}). Skipped lines are neither utterances nor rejects.
 */
public record TranscriptParse(List<Utterance> utterances, List<LineReject> rejects, List<Integer> skippedLines) {
    public TranscriptParse {
        utterances = List.copyOf(utterances);
        rejects = List.copyOf(rejects);
        skippedLines = List.copyOf(skippedLines);
    }

    public int skippedCount() {
        return skippedLines.size();
    }

    /** The utterances and rejects in the shape the other parsers return (the skip count is dropped). */
    public ParsedLines<Utterance> asParsedLines() {
        return new ParsedLines<>(utterances, rejects);
    }
}
