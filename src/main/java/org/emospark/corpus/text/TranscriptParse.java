package org.emospark.corpus.text;

import java.util.List;
import org.emospark.reject.LineReject;

/**
 * What {@link TranscriptParser} made of a file: its well-formed rows in file order, and the lines refused. A row the
 * paper's rule leaves without words ({@link Utterance#wordless()}: no token left after normalisation, or only
 * {@code <filler>}) is neither words nor a reject, but someone spoke then: its times end the silence before it
 * ({@code semantic_frames.pause_s}), so ingest stores it as an utterance.
 */
public record TranscriptParse(List<Utterance> rowsInFileOrder, List<LineReject> rejects) {
    public TranscriptParse {
        rowsInFileOrder = List.copyOf(rowsInFileOrder);
        rejects = List.copyOf(rejects);
    }

    /** The rows whose words are kept, in file order. */
    public List<Utterance> utterances() {
        return rowsInFileOrder.stream().filter(u -> !u.wordless()).toList();
    }

    /** The rows without words, in file order. */
    public List<Utterance> wordless() {
        return rowsInFileOrder.stream().filter(Utterance::wordless).toList();
    }

    /** The line numbers of the wordless rows. */
    public List<Integer> skippedLines() {
        return wordless().stream().map(Utterance::lineNumber).toList();
    }

    public int skippedCount() {
        return wordless().size();
    }

    /** The utterances and rejects in the shape the other parsers return (the wordless rows are dropped). */
    public ParsedLines<Utterance> asParsedLines() {
        return new ParsedLines<>(utterances(), rejects);
    }
}
