package org.emospark.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.emospark.corpus.audio.AudioDecoders;
import org.emospark.corpus.audio.AudioDescription;
import org.emospark.corpus.audio.MonoAudioStream;
import org.emospark.corpus.audio.Resampling;
import org.emospark.corpus.timing.EnergyEnvelope;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.Tables;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;
import org.emospark.reject.RejectRecord;
import org.emospark.runtime.Sha256;

/**
 * Turns one {@link RecordingSource} into lake rows, inside an executor. The audio is read twice:
 * a first pass decodes without keeping samples, to refuse a truncated or corrupt file before any
 * of its rows exist and to hash its bytes; the second pass resamples and cuts bounded chunks,
 * lazily, so memory does not grow with the recording's length. Sidecar files are small and parsed
 * whole; a broken one is refused on its own while the audio still goes in. A recording whose input
 * fingerprint (audio, small files, settings) equals the lake's is only reported as unchanged: its
 * rows would be the same, so nothing is cut or parsed.
 */
final class RecordingIngestor implements Serializable {
    static final String STAGE_DECODE = "decode";
    static final String STAGE_PARSE = "parse";
    private static final int READ_BUFFER = 1 << 20;

    private final IngestSettings settings;
    private final Timestamp runTime;

    RecordingIngestor(IngestSettings settings, Timestamp runTime) {
        this.settings = settings;
        this.runTime = runTime;
    }

    /** All rows of one recording, produced lazily: chunks first, then labels, words, turns, the recording row. */
    Iterator<Row> ingest(RecordingSource source, Configuration conf, Map<String, String> knownFingerprints) {
        AudioProbe probe;
        try {
            probe = probe(source, conf);
        } catch (InputRejectedException e) {
            return List.of(reject(source.audioUri(), STAGE_DECODE, e.reason(),
                    e.detail() + sidecarNote(source), source.recordingId())).iterator();
        } catch (IOException | RuntimeException e) {
            return List.of(reject(source.audioUri(), STAGE_DECODE, RejectReason.UNREADABLE,
                    source.audioUri() + ": cannot be read: " + e + sidecarNote(source), source.recordingId())).iterator();
        }
        SidecarFiles files = SidecarFiles.read(source, conf);
        String fingerprint = files.fingerprint(probe.contentHash(), settings);
        if (fingerprint.equals(knownFingerprints.get(source.recordingId()))) {
            return List.of(IngestRows.unchanged(source.recordingId())).iterator();
        }
        ChunkRows chunks = new ChunkRows(source, conf);
        return new Concat(chunks, () -> new SidecarRows(source, files, settings, runTime, rejectAdder(source))
                .rows(probe, fingerprint, chunks.samplesWritten(), chunks.chunksWritten(), chunks.envelope()));
    }

    private static String sidecarNote(RecordingSource s) {
        List<String> files = new ArrayList<>();
        if (s.labelsUri() != null) {
            files.add("labels");
        }
        if (s.turnsUri() != null) {
            files.add("turns");
        }
        if (s.transcriptUri() != null) {
            files.add("transcript");
        }
        return files.isEmpty() ? "" : " (its " + String.join(", ", files) + " were not ingested either)";
    }

    private RejectSink rejectAdder(RecordingSource source) {
        return (uri, stage, reason, detail, line) -> IngestRows.wrap(Tables.REJECTS, uri, stage, reason.code(), detail,
                line, source.recordingId(), runTime);
    }

    Row reject(String uri, String stage, RejectReason reason, String detail, String recordingId) {
        return IngestRows.wrap(Tables.REJECTS, uri, stage, reason.code(), detail, null, recordingId, runTime);
    }

    static Row reject(RejectRecord r, Timestamp seenAt) {
        return IngestRows.wrap(Tables.REJECTS, r.sourceUri(), r.stage(), r.reason(), r.detail(), r.line(),
                r.recordingId(), seenAt);
    }

    /** First pass: decode everything, keep nothing but the count, the format and the file's hash. */
    static AudioProbe probe(RecordingSource source, Configuration conf) throws IOException {
        MessageDigest sha = Sha256.digest();
        try (InputStream raw = open(source.audioUri(), conf);
             DigestInputStream hashed = new DigestInputStream(new BufferedInputStream(raw, READ_BUFFER), sha)) {
            MonoAudioStream audio = AudioDecoders.open(hashed, source.audioUri());
            float[] buf = new float[1 << 16];
            long n = 0;
            for (int r; (r = audio.read(buf, 0, buf.length)) >= 0; ) {
                n += r;
            }
            AudioDescription description = audio.description();
            hashed.transferTo(OutputStream.nullOutputStream());
            if (n == 0) {
                throw new InputRejectedException(RejectReason.EMPTY_AUDIO, source.audioUri() + ": contains no samples");
            }
            return new AudioProbe(description, n, HexFormat.of().formatHex(sha.digest()));
        }
    }

    static InputStream open(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        return path.getFileSystem(conf).open(path, READ_BUFFER);
    }


    record AudioProbe(AudioDescription description, long sourceSamples, String contentHash) implements Serializable {
    }

    /** Builds a rejects row for a sidecar problem. */
    interface RejectSink {
        Row row(String uri, String stage, RejectReason reason, String detail, Integer line);
    }

    /** Second pass: the resampled audio in chunks of a whole number of frames, read on demand. */
    private final class ChunkRows implements Iterator<Row> {
        private final RecordingSource source;
        private final Configuration conf;
        private final float[] buffer = new float[settings.chunkSamples()];
        private final EnergyEnvelope.Builder envelope = new EnergyEnvelope.Builder(settings.sampleRate());
        private InputStream raw;
        private MonoAudioStream audio;
        private Row next;
        private boolean done;
        private long samples;
        private int chunks;

        ChunkRows(RecordingSource source, Configuration conf) {
            this.source = source;
            this.conf = conf;
        }

        long samplesWritten() {
            return samples;
        }

        int chunksWritten() {
            return chunks;
        }

        /** The loudness summary the word aligner works from, gathered while the chunks were read. */
        EnergyEnvelope envelope() {
            return envelope.build();
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = readChunk();
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }

        private Row readChunk() {
            try {
                if (audio == null) {
                    raw = new BufferedInputStream(open(source.audioUri(), conf), READ_BUFFER);
                    audio = Resampling.to(AudioDecoders.open(raw, source.audioUri()), settings.sampleRate());
                }
                int filled = 0;
                while (filled < buffer.length) {
                    int r = audio.read(buffer, filled, buffer.length - filled);
                    if (r < 0) {
                        break;
                    }
                    filled += r;
                }
                if (filled == 0) {
                    finish();
                    return null;
                }
                envelope.accept(buffer, 0, filled);
                Row row = IngestRows.wrap(Tables.AUDIO_CHUNKS, source.recordingId(), chunks, samples,
                        samples / (double) settings.sampleRate(), filled, settings.sampleRate(),
                        PcmCodec.encode(buffer, 0, filled));
                samples += filled;
                chunks++;
                if (filled < buffer.length) {
                    finish();
                }
                return row;
            } catch (IOException e) {
                // The first pass read this file whole; failing now means it changed or storage failed:
                // let Spark retry the task rather than store half a recording.
                throw new UncheckedIOException("Second read of " + source.audioUri() + " failed", e);
            }
        }

        private void finish() throws IOException {
            done = true;
            audio.close();
            raw.close();
        }
    }

    /** Chunks, then whatever {@code tail} yields once the chunks are exhausted. */
    private static final class Concat implements Iterator<Row> {
        private final Iterator<Row> head;
        private final java.util.function.Supplier<List<Row>> tailSupplier;
        private Iterator<Row> tail;

        Concat(Iterator<Row> head, java.util.function.Supplier<List<Row>> tail) {
            this.head = head;
            this.tailSupplier = tail;
        }

        @Override
        public boolean hasNext() {
            if (head.hasNext()) {
                return true;
            }
            if (tail == null) {
                tail = tailSupplier.get().iterator();
            }
            return tail.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return tail == null ? head.next() : tail.next();
        }
    }

}
