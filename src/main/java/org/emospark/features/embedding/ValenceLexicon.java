package org.emospark.features.embedding;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emospark.corpus.text.TextNormalizer;

/**
 * A word list with valence ratings in [-1, 1]: {@code word;valence} lines, an optional header,
 * {@code #} comments. Words are normalised as transcripts are, so they meet the vocabulary.
 */
public final class ValenceLexicon {
    private ValenceLexicon() {
    }

    public static Map<String, Double> parse(byte[] content, String sourceName) {
        Map<String, Double> out = new LinkedHashMap<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(";");
            if (f.length != 2) {
                throw new IllegalArgumentException(sourceName + " line " + (i + 1) + ": expected word;valence, found '"
                        + line + "'");
            }
            double v;
            try {
                v = Double.parseDouble(f[1].strip());
            } catch (NumberFormatException e) {
                if (out.isEmpty() && i == firstContentLine(lines)) {
                    continue;
                }
                throw new IllegalArgumentException(sourceName + " line " + (i + 1) + ": valence '" + f[1].strip()
                        + "' is not a number");
            }
            List<String> tokens = TextNormalizer.normalize(f[0]);
            if (tokens.size() != 1 || !Double.isFinite(v) || v < -1 || v > 1) {
                throw new IllegalArgumentException(sourceName + " line " + (i + 1)
                        + ": expected one word and a valence in [-1, 1], found '" + line + "'");
            }
            out.putIfAbsent(tokens.get(0), v);
        }
        return out;
    }

    private static int firstContentLine(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                return i;
            }
        }
        return -1;
    }
}
