package org.emospark.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.emospark.corpus.text.ManifestEntry;
import org.emospark.corpus.text.ManifestParser;
import org.emospark.corpus.text.ParsedLines;
import org.emospark.corpus.text.SplitNames;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;
import org.emospark.reject.RejectRecord;

/**
 * A manifest (CSV with a header, or JSONL) naming each recording's files. Relative paths are
 * resolved against the manifest's folder; a missing split falls back to the AVEC name prefix, else
 * "unlabeled". A recording id listed twice keeps its first row.
 */
final class ManifestScanner implements CorpusScanner {
    private final String format;

    ManifestScanner(String format) {
        this.format = format;
    }

    @Override
    public SourceListing scan(String input, String corpus, Configuration hadoopConf) throws IOException {
        Path manifest = new Path(input);
        FileSystem fs = manifest.getFileSystem(hadoopConf);
        if (!fs.isFile(manifest)) {
            throw new IllegalArgumentException("Manifest not found or not a file: " + input);
        }
        byte[] content;
        try (InputStream in = fs.open(manifest)) {
            content = in.readAllBytes();
        }
        String uri = manifest.toString();
        List<RejectRecord> rejects = new ArrayList<>();
        ParsedLines<ManifestEntry> parsed;
        try {
            parsed = ManifestParser.parse(content, uri, parseFormat(format));
        } catch (InputRejectedException e) {
            return new SourceListing(List.of(), List.of(RejectRecord.of(uri, AvecLayoutScanner.STAGE, e, null)),
                    List.of(uri));
        }
        for (LineReject r : parsed.rejects()) {
            rejects.add(RejectRecord.ofLine(uri, AvecLayoutScanner.STAGE, r, null));
        }
        Path dir = manifest.getParent();
        String corpusName = corpus != null ? corpus : InputFiles.baseName(manifest);
        Map<String, ManifestEntry> byId = new LinkedHashMap<>();
        List<RecordingSource> sources = new ArrayList<>();
        List<String> seen = new ArrayList<>(List.of(uri));
        for (ManifestEntry e : parsed.records()) {
            ManifestEntry first = byId.putIfAbsent(e.recordingId(), e);
            if (first != null) {
                rejects.add(new RejectRecord(uri, AvecLayoutScanner.STAGE, RejectReason.DUPLICATE_RECORDING_ID.code(),
                        uri + " line " + e.lineNumber() + ": recording id " + e.recordingId()
                                + " is already listed on line " + first.lineNumber(), e.lineNumber(), e.recordingId()));
                continue;
            }
            String audio = resolve(dir, e.audio());
            Path audioPath = new Path(audio);
            String notAFile = InputFiles.notAFile(audioPath.getFileSystem(hadoopConf), audioPath);
            if (notAFile != null) {
                rejects.add(new RejectRecord(uri, AvecLayoutScanner.STAGE, RejectReason.NOT_A_FILE.code(),
                        uri + " line " + e.lineNumber() + ": the audio of " + e.recordingId() + ", " + audio + ", is "
                                + notAFile + ": point the row at an audio file", e.lineNumber(), e.recordingId()));
                continue;
            }
            String split = e.split() != null ? e.split() : SplitNames.fromRecordingName(e.recordingId());
            RecordingSource source = new RecordingSource(e.recordingId(), corpusName, split, e.speaker(), e.language(),
                    audio, resolve(dir, e.labels()), resolve(dir, e.turns()),
                    resolve(dir, e.transcript()), null);
            sources.add(source);
            for (String f : new String[] {source.audioUri(), source.labelsUri(), source.turnsUri(), source.transcriptUri()}) {
                if (f != null) {
                    seen.add(f);
                }
            }
        }
        return new SourceListing(sources, rejects, seen);
    }

    static ManifestParser.Format parseFormat(String format) {
        if (format == null || format.isBlank()) {
            return null;
        }
        try {
            return ManifestParser.Format.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown manifest format '" + format + "'; expected csv or jsonl");
        }
    }

    static String resolve(Path dir, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Path p = new Path(raw.trim());
        return p.isAbsolute() || p.toUri().getScheme() != null ? p.toString() : new Path(dir, p).toString();
    }
}
