package org.emospark.corpus.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;

/**
 * Reads a manifest of recordings, in one of two formats:
 * <ul>
 *   <li>{@link Format#CSV}: comma-separated with a required header line; double-quoted values may
 *       hold commas ({@code ""} is one quote); a quoted value may not span lines. Header names are
 *       case-insensitive, in any order; unknown columns are ignored; a row shorter than the header
 *       leaves the missing columns absent, a longer one is rejected.</li>
 *   <li>{@link Format#JSONL}: one JSON object per line with the same keys (case-insensitive);
 *       unknown keys are ignored; string, number and boolean values are taken as text, null as
 *       absent; an array or object value, a duplicate key, or a line that is not one object is a
 *       bad row.</li>
 * </ul>
 * Keys: {@code recording_id} and {@code audio} are required; {@code transcript}, {@code labels},
 * {@code turns}, {@code split}, {@code speaker}, {@code language} are optional. Values are trimmed;
 * blank means absent. {@code split} is normalised by {@link SplitNames#normalize(String)}.
 *
 * <p>Each bad row is a {@link LineReject} and the other rows still count:
 * {@link RejectReason#BAD_MANIFEST_ROW} for a missing recording_id or audio, an unknown split,
 * malformed CSV or JSON; {@link RejectReason#BAD_ENCODING} for bytes that are not UTF-8;
 * {@link RejectReason#DUPLICATE_RECORDING_ID} for a recording_id an earlier row already used (the
 * first row wins). The whole file is rejected ({@link InputRejectedException}) when it has no
 * non-blank line, or when the CSV header is unreadable, repeats a column or lacks a required one.
 * Blank lines, {@code \r\n} and a byte order mark are tolerated.
 */
public final class ManifestParser {

    /** The manifest syntax; {@link #fromFileName(String)} picks it from the extension. */
    public enum Format {
        CSV, JSONL;

        /**
         * {@code .csv} -> CSV, {@code .jsonl} or {@code .json-lines} -> JSONL (case-insensitive).
         *
         * @throws IllegalArgumentException for any other name
         */
        public static Format fromFileName(String fileName) {
            String name = fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".json-lines")) {
                return JSONL;
            }
            throw new IllegalArgumentException("Cannot tell the manifest format of " + fileName
                    + ": expected a name ending in .csv, .jsonl or .json-lines, or an explicit format");
        }
    }

    public static final String RECORDING_ID = "recording_id";
    public static final String AUDIO = "audio";
    public static final String TRANSCRIPT = "transcript";
    public static final String LABELS = "labels";
    public static final String TURNS = "turns";
    public static final String SPLIT = "split";
    public static final String SPEAKER = "speaker";
    public static final String LANGUAGE = "language";
    public static final List<String> COLUMNS = List.of(RECORDING_ID, AUDIO, TRANSCRIPT, LABELS, TURNS, SPLIT,
            SPEAKER, LANGUAGE);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestParser() {
    }

    /** Parses with the format the file name's extension implies (see {@link Format#fromFileName(String)}). */
    public static ParsedLines<ManifestEntry> parse(byte[] content, String sourceName) throws InputRejectedException {
        return parse(content, sourceName, null);
    }

    /**
     * @param format the syntax, or {@code null} to choose it by the extension of {@code sourceName}
     * @throws IllegalArgumentException when format is null and the extension is not a known one
     * @throws InputRejectedException when the whole file is unusable, see the class comment
     */
    public static ParsedLines<ManifestEntry> parse(byte[] content, String sourceName, Format format)
            throws InputRejectedException {
        Objects.requireNonNull(sourceName, "sourceName");
        Format chosen = format != null ? format : Format.fromFileName(sourceName);
        List<TextLines.Line> lines = TextLines.split(content).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new InputRejectedException(RejectReason.BAD_MANIFEST_ROW, sourceName + ": the manifest is empty"
                    + (chosen == Format.CSV ? " (expected a header line with recording_id,audio,...)"
                    : " (expected one JSON object per line)"));
        }
        Rows rows = new Rows(sourceName);
        if (chosen == Format.CSV) {
            readCsv(lines, rows, sourceName);
        } else {
            readJsonl(lines, rows);
        }
        return new ParsedLines<>(rows.entries, rows.rejects);
    }

    private static void readCsv(List<TextLines.Line> lines, Rows rows, String sourceName)
            throws InputRejectedException {
        TextLines.Line headerLine = lines.get(0);
        String where = TextLines.where(sourceName, headerLine.number()) + ": ";
        if (headerLine.hasEncodingProblem()) {
            throw new InputRejectedException(RejectReason.BAD_ENCODING, where + "header " + headerLine.encodingProblem());
        }
        List<String> header;
        try {
            header = DelimitedLine.split(headerLine.text(), ',', '"');
        } catch (DelimitedLine.MalformedLineException e) {
            throw new InputRejectedException(RejectReason.BAD_MANIFEST_ROW, where + "header " + e.getMessage());
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && columns.putIfAbsent(name, i) != null) {
                throw new InputRejectedException(RejectReason.BAD_MANIFEST_ROW, where + "header names column '"
                        + name + "' twice");
            }
        }
        for (String required : List.of(RECORDING_ID, AUDIO)) {
            if (!columns.containsKey(required)) {
                throw new InputRejectedException(RejectReason.BAD_MANIFEST_ROW, where + "header lacks the column '"
                        + required + "' (expected a header with recording_id,audio and optionally "
                        + String.join(",", COLUMNS.subList(2, COLUMNS.size())) + "; found " + String.join(",", header) + ")");
            }
        }
        for (TextLines.Line line : lines.subList(1, lines.size())) {
            if (rows.encodingProblem(line)) {
                continue;
            }
            List<String> fields;
            try {
                fields = DelimitedLine.split(line.text(), ',', '"');
            } catch (DelimitedLine.MalformedLineException e) {
                rows.reject(line, RejectReason.BAD_MANIFEST_ROW, e.getMessage());
                continue;
            }
            if (fields.size() > header.size()) {
                rows.reject(line, RejectReason.BAD_MANIFEST_ROW, "found " + fields.size()
                        + " comma-separated values, the header has " + header.size()
                        + " columns (quote values that contain commas with \"...\")");
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (String key : COLUMNS) {
                Integer index = columns.get(key);
                if (index != null && index < fields.size()) {
                    values.put(key, fields.get(index));
                }
            }
            rows.add(line, values);
        }
    }

    private static void readJsonl(List<TextLines.Line> lines, Rows rows) {
        for (TextLines.Line line : lines) {
            if (rows.encodingProblem(line)) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line.text());
            } catch (JsonProcessingException e) {
                rows.reject(line, RejectReason.BAD_MANIFEST_ROW, "malformed JSON: " + e.getOriginalMessage());
                continue;
            }
            if (!node.isObject()) {
                rows.reject(line, RejectReason.BAD_MANIFEST_ROW, "expected one JSON object per line, found "
                        + node.getNodeType().name().toLowerCase(Locale.ROOT));
                continue;
            }
            Map<String, String> values = new HashMap<>();
            String problem = null;
            var fields = node.fields();
            while (fields.hasNext() && problem == null) {
                var field = fields.next();
                String key = field.getKey().strip().toLowerCase(Locale.ROOT);
                if (!COLUMNS.contains(key)) {
                    continue;
                }
                JsonNode value = field.getValue();
                if (value.isContainerNode()) {
                    problem = "key '" + field.getKey() + "' must be a string, found "
                            + value.getNodeType().name().toLowerCase(Locale.ROOT);
                } else if (values.containsKey(key)) {
                    problem = "key '" + key + "' appears twice (keys are case-insensitive)";
                } else {
                    values.put(key, value.isNull() ? null : value.asText());
                }
            }
            if (problem != null) {
                rows.reject(line, RejectReason.BAD_MANIFEST_ROW, problem);
                continue;
            }
            rows.add(line, values);
        }
    }

    /** The rows read so far, the rejects, and the recording ids already claimed. */
    private static final class Rows {
        private final String sourceName;
        private final List<ManifestEntry> entries = new ArrayList<>();
        private final List<LineReject> rejects = new ArrayList<>();
        private final Map<String, Integer> idLines = new LinkedHashMap<>();

        Rows(String sourceName) {
            this.sourceName = sourceName;
        }

        boolean encodingProblem(TextLines.Line line) {
            if (line.hasEncodingProblem()) {
                reject(line, RejectReason.BAD_ENCODING, line.encodingProblem());
                return true;
            }
            return false;
        }

        void reject(TextLines.Line line, RejectReason reason, String detail) {
            rejects.add(new LineReject(line.number(), reason, TextLines.where(sourceName, line.number()) + ": " + detail));
        }

        void add(TextLines.Line line, Map<String, String> raw) {
            Map<String, String> v = new HashMap<>();
            raw.forEach((k, value) -> v.put(k, value == null || value.isBlank() ? null : value.strip()));
            if (v.get(RECORDING_ID) == null || v.get(AUDIO) == null) {
                String missing = v.get(RECORDING_ID) == null && v.get(AUDIO) == null ? "recording_id and audio"
                        : v.get(RECORDING_ID) == null ? "recording_id" : "audio";
                reject(line, RejectReason.BAD_MANIFEST_ROW, "no " + missing + " (both are required)");
                return;
            }
            String split;
            try {
                split = SplitNames.normalize(v.get(SPLIT));
            } catch (IllegalArgumentException e) {
                reject(line, RejectReason.BAD_MANIFEST_ROW, e.getMessage());
                return;
            }
            Integer earlier = idLines.putIfAbsent(v.get(RECORDING_ID), line.number());
            if (earlier != null) {
                reject(line, RejectReason.DUPLICATE_RECORDING_ID, "recording_id " + v.get(RECORDING_ID)
                        + " is already listed on line " + earlier);
                return;
            }
            entries.add(new ManifestEntry(line.number(), v.get(RECORDING_ID), v.get(AUDIO), v.get(TRANSCRIPT),
                    v.get(LABELS), v.get(TURNS), split, v.get(SPEAKER), v.get(LANGUAGE)));
        }
    }
}
