package org.emospark.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.Path;
import org.emospark.reject.RejectReason;
import org.emospark.reject.RejectRecord;

/**
 * A bare archive: every .wav/.flac file under a folder or a glob, recursively. The recording id is
 * the path below the archive's base folder without its extension ({@code 2026/11/call_0001});
 * the split is "unlabeled". Files without an audio extension are not inputs of an archive and are
 * only counted.
 */
final class ArchiveScanner implements CorpusScanner {
    static final String UNLABELED = "unlabeled";

    @Override
    public SourceListing scan(String input, String corpus, Configuration hadoopConf) throws IOException {
        Path pattern = new Path(input);
        FileSystem fs = pattern.getFileSystem(hadoopConf);
        Path base = nonGlobAncestor(pattern);
        FileStatus[] matches = fs.globStatus(pattern);
        if (matches == null || matches.length == 0) {
            throw new IllegalArgumentException("No files match archive input " + input);
        }
        List<Path> files = new ArrayList<>();
        List<RejectRecord> rejects = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        InputFiles.Refusals refusals = new InputFiles.Refusals(rejects, seen, AvecLayoutScanner.STAGE);
        for (FileStatus match : matches) {
            if (match.isDirectory()) {
                files.addAll(InputFiles.listFilesRecursively(fs, match.getPath(), InputFiles::hasAudioExtension,
                        refusals));
            } else if (!InputFiles.isHidden(match.getPath())) {
                files.add(match.getPath());
            }
        }
        String corpusName = corpus != null ? corpus : base.getName();
        String baseUri = fs.makeQualified(base).toString();
        Map<String, Path> byId = new LinkedHashMap<>();
        for (Path file : files) {
            if (!InputFiles.hasAudioExtension(file)) {
                continue;
            }
            seen.add(file.toString());
            String qualified = fs.makeQualified(file).toString();
            String rel = qualified.startsWith(baseUri + "/") ? qualified.substring(baseUri.length() + 1) : file.getName();
            int dot = rel.lastIndexOf('.');
            String id = dot > 0 ? rel.substring(0, dot) : rel;
            Path kept = byId.putIfAbsent(id, file);
            if (kept != null) {
                rejects.add(RejectRecord.of(file.toString(), AvecLayoutScanner.STAGE,
                        RejectReason.DUPLICATE_RECORDING_ID,
                        rel + ": recording id " + id + " is already taken by " + kept.getName(), id));
            }
        }
        List<RecordingSource> sources = new ArrayList<>();
        byId.forEach((id, file) -> sources.add(new RecordingSource(id, corpusName, UNLABELED, null, null,
                file.toString(), null, null, null, null)));
        return new SourceListing(sources, rejects, seen);
    }

    /** The deepest ancestor of a glob pattern without glob characters: what recording ids are relative to. */
    static Path nonGlobAncestor(Path pattern) {
        Path p = pattern;
        while (p != null && p.getParent() != null && new GlobPattern(p.toUri().getPath()).hasWildcard()) {
            p = p.getParent();
        }
        return p;
    }
}
