package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.emospark.reject.LineReject;

/**
 * What {@link TranscriptParser} made of a file: the utterances whose words are kept, in file order; the lines
 * refused; and the well-formed rows the paper's rule leaves without words (no token left after normalisation, or only
 * {@code <filler>}), in file order. Those wordless rows are neither words nor rejects, but someone spoke then: their
 * times end the silence before them ({@code semantic_frames.pause_s}), so ingest stores them as utterances.
 */
public record TranscriptParse(List<Utterance> utterances, List<LineReject> rejects, List<Utterance> wordless) {
    public TranscriptParse {
        utterances = List.copyOf(utterances);
        rejects = List.copyOf(rejects);
        wordless = List.copyOf(wordless);
    }

    /** The line numbers of the wordless rows. */
    public List<Integer> skippedLines() {
        return wordless.stream().map(Utterance::lineNumber).toList();
    }

    public int skippedCount() {
        return wordless.size();
    }

    /** Every well-formed row, with words or without, in file order. */
    public List<Utterance> rowsInFileOrder() {
        List<Utterance> all = new ArrayList<>(utterances);
        all.addAll(wordless);
        all.sort(Comparator.comparingInt(Utterance::lineNumber));
        return all;
    }

    /** The utterances and rejects in the shape the other parsers return (the wordless rows are dropped). */
    public ParsedLines<Utterance> asParsedLines() {
        return new ParsedLines<>(utterances, rejects);
    }
}
