package org.emospark.ingest;

import java.util.Locale;

/** The input layouts ingest understands. */
public enum CorpusLayout {
    /** audio/, labels/, turns/, transcriptions/ with NAME.wav and NAME.csv files (AVEC 2017 SEWA). */
    AVEC2017,
    /** A CSV or JSONL file listing recording_id, audio and optional transcript, labels, turns, split. */
    MANIFEST,
    /** Every WAV/FLAC file under a folder or glob; no labels, split "unlabeled". */
    ARCHIVE;

    public static CorpusLayout parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown layout '" + value + "'; expected avec2017, manifest or archive");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
