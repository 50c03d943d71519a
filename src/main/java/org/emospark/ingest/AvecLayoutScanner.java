package org.emospark.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.emospark.corpus.text.SplitNames;
import org.emospark.reject.RejectReason;
import org.emospark.reject.RejectRecord;

/**
 * The AVEC 2017 SEWA layout: {@code audio/NAME.wav|flac} and optional {@code labels/NAME.csv},
 * {@code turns/NAME.csv}, {@code transcriptions/NAME.csv}; the split comes from the name prefix
 * (Train_, Devel_, Test_). Every file in audio/ is a candidate recording (a non-audio file is
 * refused when decoded); of two files with one name the layout's own .wav wins, then .flac.
 */
final class AvecLayoutScanner implements CorpusScanner {
    static final String STAGE = "scan";
    private static final List<String> SIDECARS = List.of("labels", "turns", "transcriptions");

    @Override
    public SourceListing scan(String input, String corpus, Configuration hadoopConf) throws IOException {
        Path root = new Path(input);
        FileSystem fs = root.getFileSystem(hadoopConf);
        Path audioDir = new Path(root, "audio");
        if (!fs.isDirectory(audioDir)) {
            throw new IllegalArgumentException("Not an AVEC 2017 layout: " + root
                    + " has no audio/ folder (expected audio/, and optionally labels/, turns/, transcriptions/)");
        }
        String corpusName = corpus != null ? corpus : root.getName();
        List<RejectRecord> rejects = new ArrayList<>();
        List<String> seen = new ArrayList<>();

        InputFiles.Refusals refusals = new InputFiles.Refusals(rejects, seen, STAGE);
        List<Path> audioFiles = InputFiles.listFiles(fs, audioDir, "audio", refusals);
        audioFiles.sort(Comparator.comparing(AvecLayoutScanner::preference).thenComparing(Path::getName));
        Map<String, Path> audioById = new LinkedHashMap<>();
        for (Path audio : audioFiles) {
            seen.add(audio.toString());
            String id = InputFiles.baseName(audio);
            Path kept = audioById.putIfAbsent(id, audio);
            if (kept != null) {
                rejects.add(RejectRecord.of(audio.toString(), STAGE, RejectReason.DUPLICATE_RECORDING_ID,
                        "audio/" + audio.getName() + ": recording id " + id + " is already taken by audio/"
                                + kept.getName() + "; rename one of them", id));
            }
        }

        Map<String, Map<String, Path>> sidecars = new HashMap<>();
        for (String folder : SIDECARS) {
            Map<String, Path> byId = new HashMap<>();
            for (Path file : InputFiles.listFiles(fs, new Path(root, folder), folder, refusals)) {
                seen.add(file.toString());
                String rel = folder + "/" + file.getName();
                if (!file.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    rejects.add(RejectRecord.of(file.toString(), STAGE, RejectReason.UNEXPECTED_FILE,
                            rel + ": only NAME.csv files belong in " + folder + "/", null));
                    continue;
                }
                String id = InputFiles.baseName(file);
                if (!audioById.containsKey(id)) {
                    rejects.add(RejectRecord.of(file.toString(), STAGE, RejectReason.ORPHAN_FILE,
                            rel + ": no audio/" + id + ".wav or .flac for this file", id));
                    continue;
                }
                byId.put(id, file);
            }
            sidecars.put(folder, byId);
        }

        for (Map.Entry<String, Path> labels : sidecars.get("labels").entrySet()) {
            String id = labels.getKey();
            if (SplitNames.UNLABELED.equals(SplitNames.fromRecordingName(id))) {
                rejects.add(RejectRecord.of(labels.getValue().toString(), STAGE, RejectReason.SPLIT_NOT_IN_NAME,
                        "labels/" + labels.getValue().getName() + ": recording " + id + " is kept as unlabeled, so no "
                                + "job trains or evaluates on these labels: its name does not start with Train, Devel "
                                + "or Test and a _, - or digit; rename it (e.g. Train_" + id + ") or list the corpus "
                                + "in a manifest with a split column", id));
            }
        }

        List<RecordingSource> sources = new ArrayList<>();
        audioById.forEach((id, audio) -> sources.add(new RecordingSource(id, corpusName,
                SplitNames.fromRecordingName(id), null, null, audio.toString(),
                uri(sidecars.get("labels").get(id)), uri(sidecars.get("turns").get(id)),
                uri(sidecars.get("transcriptions").get(id)), id)));
        return new SourceListing(sources, rejects, seen);
    }

    /** The layout names audio/NAME.wav; a FLAC of the same name is second choice, anything else last. */
    private static int preference(Path p) {
        String name = p.getName().toLowerCase(Locale.ROOT);
        return name.endsWith(".wav") ? 0 : name.endsWith(".flac") ? 1 : 2;
    }

    private static String uri(Path p) {
        return p == null ? null : p.toString();
    }
}
