package org.emospark.corpus.text;

import java.util.List;
import org.emospark.reject.LineReject;

/** What a line-oriented parser made of a file: the good records, in order, and the lines it refused. */
public record ParsedLines<T>(List<T> records, List<LineReject> rejects) {
    public ParsedLines {
        records = List.copyOf(records);
        rejects = List.copyOf(rejects);
    }
}
