package org.emospark.corpus.text;

import java.util.List;
import org.emospark.reject.LineReject;

/**
 * Word-level timings taken as given from an ASR or alignment tool ({@link CtmParser},
 * {@link JsonWordsParser}), in place of the uniform split of utterances.
 *
 * @param words       the words of one recording in time order (by start; ties keep input order), as
 *                    {@link TextNormalizer} tokens; {@link TimedWord#wordIndex()} counts from 0 over the
 *                    whole recording. An entry that normalises to several tokens ({@code great<laughter>},
 *                    {@code Baden-Württemberg}) becomes that many words splitting its span evenly
 *                    ({@link UniformWordTiming})
 * @param rejects     entries refused, each with where it is and why
 * @param dropped     well-formed entries whose text normalises to no token (punctuation such as {@code ,}
 *                    or {@code -}); neither words nor rejects
 * @param filteredOut well-formed or not, entries of another recording or channel than the one asked for
 */
public record GivenWords(List<TimedWord> words, List<LineReject> rejects, int dropped, int filteredOut) {
    public GivenWords {
        words = List.copyOf(words);
        rejects = List.copyOf(rejects);
    }

    /** The words and rejects in the shape the other parsers return (the counts are dropped). */
    public ParsedLines<TimedWord> asParsedLines() {
        return new ParsedLines<>(words, rejects);
    }
}
