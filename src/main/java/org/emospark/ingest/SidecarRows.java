package org.emospark.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.emospark.corpus.InputRejectedException;
import org.emospark.corpus.LineReject;
import org.emospark.corpus.ParsedLines;
import org.emospark.corpus.RejectReason;
import org.emospark.corpus.text.LabelFileParser;
import org.emospark.corpus.text.LabelRow;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.TranscriptParse;
import org.emospark.corpus.text.TranscriptParser;
import org.emospark.corpus.text.Turn;
import org.emospark.corpus.text.TurnsFileParser;
import org.emospark.corpus.text.UniformWordTiming;
import org.emospark.corpus.text.Utterance;
import org.emospark.lake.Tables;

/**
 * The rows a recording's small files give (labels, turns, utterances, words) and, last, its
 * {@code recordings} row, which records which of those files made it in. Words get the
 * transcript's uniform timing here; the alignment stage may refine them later.
 */
final class SidecarRows {
    static final String TIMING_UNIFORM = "uniform";
    private static final long MAX_SIDECAR_BYTES = 256L << 20;

    private final RecordingSource source;
    private final Configuration conf;
    private final IngestSettings settings;
    private final Timestamp runTime;
    private final RecordingIngestor.RejectSink rejects;
    private final List<Row> out = new ArrayList<>();

    SidecarRows(RecordingSource source, Configuration conf, IngestSettings settings, Timestamp runTime,
                RecordingIngestor.RejectSink rejects) {
        this.source = source;
        this.conf = conf;
        this.settings = settings;
        this.runTime = runTime;
        this.rejects = rejects;
    }

    List<Row> rows(RecordingIngestor.AudioProbe probe, long samples, int chunks) {
        boolean hasLabels = source.labelsUri() != null && labels();
        boolean hasTurns = source.turnsUri() != null && turns();
        boolean hasTranscript = source.transcriptUri() != null && transcript();
        out.add(IngestRows.wrap(Tables.RECORDINGS, source.recordingId(), source.corpus(), source.split(),
                source.speaker(), source.language(), source.audioUri(), probe.description().describe(),
                probe.description().sampleRate(), probe.description().channels(), settings.sampleRate(), 1,
                samples, settings.framesFor(samples), samples / (double) settings.sampleRate(), chunks,
                probe.contentHash(), hasLabels, hasTranscript, hasTurns, runTime));
        return out;
    }

    private boolean labels() {
        byte[] content = read(source.labelsUri());
        if (content == null) {
            return false;
        }
        try {
            List<LabelRow> rows = LabelFileParser.parse(content, source.labelsUri(), source.labelsName());
            for (LabelRow r : rows) {
                out.add(IngestRows.wrap(Tables.LABELS, source.recordingId(), r.frame(), r.timeS(), r.arousal(),
                        r.valence(), r.liking()));
            }
            return !rows.isEmpty();
        } catch (InputRejectedException e) {
            out.add(rejects.row(source.labelsUri(), RecordingIngestor.STAGE_PARSE, e.reason(), e.detail(), null));
            return false;
        }
    }

    private boolean turns() {
        byte[] content = read(source.turnsUri());
        if (content == null) {
            return false;
        }
        ParsedLines<Turn> parsed = TurnsFileParser.parse(content, source.turnsUri());
        lineRejects(source.turnsUri(), parsed.rejects());
        int index = 0;
        for (Turn t : parsed.records()) {
            out.add(IngestRows.wrap(Tables.TURNS, source.recordingId(), index++, t.startS(), t.endS(), t.speaker()));
        }
        return index > 0;
    }

    private boolean transcript() {
        byte[] content = read(source.transcriptUri());
        if (content == null) {
            return false;
        }
        TranscriptParse parsed = TranscriptParser.parse(content, source.transcriptUri());
        lineRejects(source.transcriptUri(), parsed.rejects());
        int utteranceIndex = 0;
        int wordIndex = 0;
        for (Utterance u : parsed.utterances()) {
            out.add(IngestRows.wrap(Tables.UTTERANCES, source.recordingId(), utteranceIndex, u.startS(), u.endS(),
                    String.join(" ", u.tokens()), u.lineNumber()));
            for (TimedWord w : UniformWordTiming.split(u)) {
                out.add(IngestRows.wrap(Tables.WORDS, source.recordingId(), wordIndex++, utteranceIndex, w.word(),
                        w.startS(), w.endS(), TIMING_UNIFORM));
            }
            utteranceIndex++;
        }
        return utteranceIndex > 0;
    }

    private void lineRejects(String uri, List<LineReject> lines) {
        for (LineReject r : lines) {
            out.add(rejects.row(uri, RecordingIngestor.STAGE_PARSE, r.reason(), r.detail(), r.lineNumber()));
        }
    }

    /** The file's bytes, or null after adding a reject when it cannot be read. */
    private byte[] read(String uri) {
        try (InputStream in = RecordingIngestor.open(uri, conf)) {
            byte[] content = in.readNBytes((int) MAX_SIDECAR_BYTES + 1);
            if (content.length > MAX_SIDECAR_BYTES) {
                out.add(rejects.row(uri, RecordingIngestor.STAGE_PARSE, RejectReason.UNREADABLE,
                        uri + ": larger than " + (MAX_SIDECAR_BYTES >> 20) + " MiB; not a labels/turns/transcript file", null));
                return null;
            }
            return content;
        } catch (IOException e) {
            out.add(rejects.row(uri, RecordingIngestor.STAGE_PARSE, RejectReason.UNREADABLE,
                    uri + ": cannot be read: " + e.getMessage(), null));
            return null;
        }
    }
}
