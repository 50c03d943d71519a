package org.emospark.corpus.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which real word stands for a transcript tag ({@code <laughter>} -> {@code laughter}) when the
 * embedding needs a vector for it. The table is a readable TSV,
 * {@code src/main/resources/org/emospark/corpus/text/tag-synonyms.tsv} ({@link #defaults()}):
 * lines {@code <tag>\tword}, {@code #} comments and blank lines ignored; a tag must be written as
 * {@link TextNormalizer} writes it and the word must be one token. A tag that is not in the table
 * maps to its name without brackets; a token that is not a tag maps to itself.
 */
public final class TagSynonyms {
    /** Where {@link #defaults()} reads the table, on the class path. */
    public static final String DEFAULT_RESOURCE = "tag-synonyms.tsv";

    private final Map<String, String> words;

    private TagSynonyms(Map<String, String> words) {
        this.words = Map.copyOf(words);
    }

    /** The table shipped in {@value #DEFAULT_RESOURCE} next to this class. */
    public static TagSynonyms defaults() {
        try (InputStream in = TagSynonyms.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find the resource " + DEFAULT_RESOURCE + " beside "
                        + TagSynonyms.class.getName());
            }
            return load(in.readAllBytes(), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * Reads a table in the format of the class comment.
     *
     * @throws IllegalArgumentException naming the file and line of the first malformed entry
     */
    public static TagSynonyms load(byte[] tsv, String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        Map<String, String> words = new LinkedHashMap<>();
        for (TextLines.Line line : TextLines.split(tsv)) {
            String where = TextLines.where(sourceName, line.number()) + ": ";
            if (line.hasEncodingProblem()) {
                throw new IllegalArgumentException(where + line.encodingProblem());
            }
            String text = line.text().strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\t", -1);
            if (fields.length != 2) {
                throw new IllegalArgumentException(where + "expected <tag>TAB word, found " + fields.length
                        + " TAB-separated field(s) in '" + text + "'");
            }
            String tag = fields[0].strip();
            var tagTokens = TextNormalizer.normalize(tag);
            if (tagTokens.size() != 1 || !TextNormalizer.isTag(tagTokens.get(0)) || !tagTokens.get(0).equals(tag)) {
                throw new IllegalArgumentException(where + "'" + tag + "' is not a tag as TextNormalizer writes it"
                        + " (expected e.g. <laughter>)");
            }
            var wordTokens = TextNormalizer.normalize(fields[1]);
            if (wordTokens.size() != 1 || TextNormalizer.isTag(wordTokens.get(0))) {
                throw new IllegalArgumentException(where + "'" + fields[1].strip() + "' is not one word");
            }
            if (words.putIfAbsent(tag, wordTokens.get(0)) != null) {
                throw new IllegalArgumentException(where + "tag " + tag + " is listed twice");
            }
        }
        return new TagSynonyms(words);
    }

    /** The word for a token: its synonym for a listed tag, the bare name for another tag, the token itself otherwise. */
    public String wordFor(String token) {
        if (!TextNormalizer.isTag(token)) {
            return token;
        }
        String word = words.get(token);
        return word != null ? word : token.substring(1, token.length() - 1);
    }

    /** The table as read, tag to word. */
    public Map<String, String> asMap() {
        return words;
    }
}
