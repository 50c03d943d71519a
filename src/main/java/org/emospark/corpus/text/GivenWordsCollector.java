package org.emospark.corpus.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.emospark.reject.LineReject;

/**
 * What the word-level parsers share: collect valid entries, then sort by start (a stable sort, so
 * ties keep input order), normalise, drop empty ones, split multi-token ones evenly and number the
 * words from 0.
 */
final class GivenWordsCollector {
    private record Entry(double startS, double endS, String text) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<LineReject> rejects = new ArrayList<>();
    private int filteredOut;

    void add(double startS, double endS, String text) {
        entries.add(new Entry(startS, endS, text));
    }

    void reject(LineReject reject) {
        rejects.add(reject);
    }

    void filteredOut() {
        filteredOut++;
    }

    GivenWords build() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingDouble(Entry::startS));
        List<TimedWord> words = new ArrayList<>();
        int dropped = 0;
        for (Entry e : sorted) {
            List<String> tokens = TextNormalizer.normalize(e.text());
            if (tokens.isEmpty()) {
                dropped++;
                continue;
            }
            for (TimedWord part : UniformWordTiming.split(e.startS(), e.endS(), tokens)) {
                words.add(new TimedWord(words.size(), part.word(), part.startS(), part.endS()));
            }
        }
        return new GivenWords(words, rejects, dropped, filteredOut);
    }
}
