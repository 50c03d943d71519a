package org.emospark.corpus.timing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.emospark.corpus.text.TimedWord;

/**
 * Known word timings of a recording, as the synthetic corpus's generator writes them
 * ({@code sample-data/sewa-synth-truth/words/NAME.csv}): a header
 * {@value #HEADER}, then one {@code ;}-separated row per transcript token with its exact span.
 * {@code utterance_index} is the 0-based row of the transcription file; {@code word_index} counts
 * over the whole recording and is not kept (the words of an utterance are renumbered 0..n-1, as
 * {@link WordAligner}s number them). Not part of the AVEC layout; used to measure aligners.
 */
public final class TrueWordTimings {
    /** The header line the file must start with. */
    public static final String HEADER = "utterance_index;word_index;word;start_s;end_s";

    private final Map<Integer, List<TimedWord>> byUtterance;

    private TrueWordTimings(Map<Integer, List<TimedWord>> byUtterance) {
        this.byUtterance = byUtterance;
    }

    /**
     * Reads a file in the format of the class comment (UTF-8, {@code \n} or {@code \r\n} line ends).
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed row
     */
    public static TrueWordTimings parse(byte[] content, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().replace("\uFEFF", "").equals(HEADER)) {
            throw new IllegalArgumentException(sourceName + ":1: expected the header " + HEADER + ", found '"
                    + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        Map<Integer, List<TimedWord>> words = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String where = sourceName + ":" + (i + 1) + ": ";
            String[] f = line.split(";", -1);
            if (f.length != 5) {
                throw new IllegalArgumentException(where + "expected 5 fields " + HEADER + ", found " + f.length);
            }
            int utterance;
            double start;
            double end;
            try {
                utterance = Integer.parseInt(f[0].strip());
                Integer.parseInt(f[1].strip());
                start = Double.parseDouble(f[3].strip());
                end = Double.parseDouble(f[4].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "expected integer indexes and decimal times, found '"
                        + line + "'");
            }
            if (utterance < 0 || !Double.isFinite(start) || !Double.isFinite(end) || end < start) {
                throw new IllegalArgumentException(where + "expected utterance_index >= 0 and finite times with "
                        + "start_s <= end_s, found '" + line + "'");
            }
            List<TimedWord> list = words.computeIfAbsent(utterance, k -> new ArrayList<>());
            list.add(new TimedWord(list.size(), f[2].strip(), start, end));
        }
        Map<Integer, List<TimedWord>> frozen = new TreeMap<>();
        words.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new TrueWordTimings(frozen);
    }

    /** The words of transcript row {@code utteranceIndex} (0-based), in order; empty when it has none. */
    public List<TimedWord> forUtterance(int utteranceIndex) {
        return byUtterance.getOrDefault(utteranceIndex, List.of());
    }

    /** Number of utterances with at least one word. */
    public int utteranceCount() {
        return byUtterance.size();
    }
}
