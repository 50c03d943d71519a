package org.emospark.ingest;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.emospark.runtime.Sha256;

/**
 * A recording's small files (labels, turns, transcript), read once in the executor: their bytes
 * for the parsers and their hashes for the recording's input fingerprint.
 */
final class SidecarFiles {
    static final long MAX_BYTES = 256L << 20;

    /** One file: its bytes, or why it could not be read; absent files have neither. */
    record Content(String uri, byte[] bytes, String error) {
        boolean present() {
            return uri != null;
        }

        String hash() {
            if (uri == null) {
                return "-";
            }
            if (bytes == null) {
                return "unreadable";
            }
            return Sha256.hex(bytes);
        }
    }

    private final Content labels;
    private final Content turns;
    private final Content transcript;

    private SidecarFiles(Content labels, Content turns, Content transcript) {
        this.labels = labels;
        this.turns = turns;
        this.transcript = transcript;
    }

    static SidecarFiles read(RecordingSource source, Configuration conf) {
        return new SidecarFiles(read(source.labelsUri(), conf), read(source.turnsUri(), conf),
                read(source.transcriptUri(), conf));
    }

    Content labels() {
        return labels;
    }

    Content turns() {
        return turns;
    }

    Content transcript() {
        return transcript;
    }

    /**
     * What identifies a recording's inputs: the audio's hash, each small file's hash, and the
     * settings ingest applied. Equal fingerprints mean re-ingesting would write the same rows.
     */
    String fingerprint(String audioHash, IngestSettings settings) {
        return Sha256.hex(audioHash + "|" + labels.hash() + "|" + turns.hash() + "|" + transcript.hash() + "|"
                + settings.fingerprint());
    }

    private static Content read(String uri, Configuration conf) {
        if (uri == null) {
            return new Content(null, null, null);
        }
        try (InputStream in = RecordingIngestor.open(uri, conf)) {
            byte[] content = in.readNBytes((int) MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                return new Content(uri, null, uri + ": larger than " + (MAX_BYTES >> 20)
                        + " MiB; not a labels/turns/transcript file");
            }
            return new Content(uri, content, null);
        } catch (IOException e) {
            return new Content(uri, null, uri + ": cannot be read: " + e.getMessage());
        }
    }
}
