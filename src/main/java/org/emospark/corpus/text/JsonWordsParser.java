package org.emospark.corpus.text;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;

/**
 * Reads word timings from the JSON that ASR systems write. Accepted shapes, first match wins:
 * <ul>
 *   <li>an object with {@code words: [entry, ...]};</li>
 *   <li>an object with {@code word_segments: [entry, ...]} (WhisperX);</li>
 *   <li>an object with {@code segments: [{..., words: [entry, ...]}, ...]} (Whisper with
 *       {@code word_timestamps=True}; every segment must have its {@code words} array);</li>
 *   <li>an array of entries.</li>
 * </ul>
 * An entry is an object with the word in {@code word} (or {@code text}) and its span in
 * {@code start}/{@code end} (or {@code start_time}/{@code end_time}), seconds as JSON numbers or
 * numeric strings (AWS Transcribe writes {@code "0.44"}); other members (probability, score, ...) are
 * ignored. {@code NaN} and {@code Infinity}, which Python's {@code json} writes, are read so that the
 * entry holding them is rejected alone.
 *
 * <p>A file that is not UTF-8 ({@link RejectReason#BAD_ENCODING}), not JSON, or not one of the shapes
 * ({@link RejectReason#BAD_TRANSCRIPT_LINE}) is refused as a whole with an
 * {@link InputRejectedException}. A bad entry is one {@link LineReject}, the others still counting:
 * {@link RejectReason#BAD_TRANSCRIPT_LINE} when it is not an object or has no word string,
 * {@link RejectReason#BAD_TRANSCRIPT_TIME} when a time is missing, null, not a number, not finite,
 * negative, or the end lies before the start. The reject's "line number" is the entry's 1-based
 * position among all word entries in document order, and its detail gives the JSON path
 * ({@code segments[1].words[2]}, 0-based as JSON paths are). Words are normalised by
 * {@link TextNormalizer}; see {@link GivenWords} for empty and multi-token words.
 */
public final class JsonWordsParser {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String SHAPES = "an object with 'words', 'word_segments' or 'segments[].words', or an array of"
            + " word entries";

    private record Located(JsonNode node, String path) {
    }

    private JsonWordsParser() {
    }

    /**
     * @throws InputRejectedException when the file as a whole is not UTF-8, not JSON, or not an accepted shape
     */
    public static GivenWords parse(byte[] content, String sourceName) throws InputRejectedException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sourceName, "sourceName");
        String text = decode(content, sourceName);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? sourceName : sourceName + " line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new InputRejectedException(RejectReason.BAD_TRANSCRIPT_LINE, where + ": not valid JSON (expected "
                    + SHAPES + "): " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InputRejectedException(RejectReason.BAD_TRANSCRIPT_LINE, sourceName + ": the file is empty (expected "
                    + SHAPES + ")");
        }
        GivenWordsCollector collector = new GivenWordsCollector();
        int number = 0;
        for (Located entry : entries(root, sourceName)) {
            number++;
            String where = sourceName + " word entry " + number + " (" + entry.path() + "): ";
            String problem = lineProblem(entry.node());
            if (problem != null) {
                collector.reject(new LineReject(number, RejectReason.BAD_TRANSCRIPT_LINE, where + problem));
                continue;
            }
            Object start = seconds(entry.node(), "start", "start_time");
            Object end = seconds(entry.node(), "end", "end_time");
            problem = start instanceof String s ? s : end instanceof String s ? s : null;
            if (problem == null && (Double) end < (Double) start) {
                problem = "end " + end + " is before start " + start;
            }
            if (problem != null) {
                collector.reject(new LineReject(number, RejectReason.BAD_TRANSCRIPT_TIME, where + problem));
                continue;
            }
            collector.add((Double) start, (Double) end, word(entry.node()).asText());
        }
        return collector.build();
    }

    private static List<Located> entries(JsonNode root, String sourceName) throws InputRejectedException {
        List<Located> entries = new ArrayList<>();
        if (root.isArray()) {
            addAll(entries, root, "");
            return entries;
        }
        if (!root.isObject()) {
            throw shape(sourceName, "found a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (String key : List.of("words", "word_segments")) {
            if (root.has(key)) {
                requireArray(root.get(key), key, sourceName);
                addAll(entries, root.get(key), key);
                return entries;
            }
        }
        if (root.has("segments")) {
            JsonNode segments = root.get("segments");
            requireArray(segments, "segments", sourceName);
            for (int i = 0; i < segments.size(); i++) {
                JsonNode segment = segments.get(i);
                String path = "segments[" + i + "]";
                if (!segment.isObject() || !segment.has("words")) {
                    throw shape(sourceName, path + " has no 'words' array (Whisper writes one with word_timestamps=True)");
                }
                requireArray(segment.get("words"), path + ".words", sourceName);
                addAll(entries, segment.get("words"), path + ".words");
            }
            return entries;
        }
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        throw shape(sourceName, "found an object with the keys " + keys);
    }

    private static void addAll(List<Located> entries, JsonNode array, String path) {
        for (int i = 0; i < array.size(); i++) {
            entries.add(new Located(array.get(i), path + "[" + i + "]"));
        }
    }

    private static void requireArray(JsonNode node, String path, String sourceName) throws InputRejectedException {
        if (!node.isArray()) {
            throw shape(sourceName, "'" + path + "' is a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an array");
        }
    }

    private static InputRejectedException shape(String sourceName, String found) {
        return new InputRejectedException(RejectReason.BAD_TRANSCRIPT_LINE, sourceName + ": expected " + SHAPES + "; "
                + found);
    }

    private static String lineProblem(JsonNode entry) {
        if (!entry.isObject()) {
            return "expected an object {word, start, end}, found a " + entry.getNodeType().name().toLowerCase(Locale.ROOT);
        }
        JsonNode word = word(entry);
        if (word == null || !word.isTextual()) {
            return word == null || word.isNull() ? "has no 'word' (or 'text') string"
                    : "'word' is a " + word.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string";
        }
        return null;
    }

    private static JsonNode word(JsonNode entry) {
        return entry.has("word") ? entry.get("word") : entry.get("text");
    }

    /** The time in seconds as a Double, or what is wrong with it as a String. */
    private static Object seconds(JsonNode entry, String key, String alternative) {
        String name = entry.has(key) || !entry.has(alternative) ? key : alternative;
        JsonNode node = entry.get(name);
        if (node == null) {
            return "has no '" + key + "' (or '" + alternative + "') time";
        }
        Double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            value = Decimals.parse(node.asText());
        } else if (node.isNull()) {
            return name + " is null (expected seconds)";
        } else {
            value = null;
        }
        if (value == null) {
            return name + " " + node + " is not a number (expected seconds, e.g. 12.34)";
        }
        if (!Double.isFinite(value)) {
            return name + " " + node.asText() + " is not finite";
        }
        if (value < 0) {
            return name + " " + node.asText() + " is negative (expected seconds >= 0)";
        }
        return value;
    }

    private static String decode(byte[] content, String sourceName) throws InputRejectedException {
        int from = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                && (content[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, from, content.length - from);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = from;
            for (int i = from; i < at; i++) {
                if (content[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            StringBuilder hex = new StringBuilder();
            for (int i = at; i < Math.min(at + result.length(), content.length); i++) {
                hex.append(hex.length() > 0 ? " " : "").append(String.format("%02x", content[i] & 0xff));
            }
            throw new InputRejectedException(RejectReason.BAD_ENCODING, sourceName + " line " + line + ": bytes " + hex
                    + " (at byte " + (at - lineStart + 1) + " of the line) are not valid UTF-8");
        }
        out.flip();
        return out.toString();
    }
}
