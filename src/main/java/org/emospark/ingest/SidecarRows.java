package org.emospark.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.emospark.corpus.text.CtmParser;
import org.emospark.corpus.text.GivenWords;
import org.emospark.corpus.text.JsonWordsParser;
import org.emospark.corpus.text.LabelFileParser;
import org.emospark.corpus.text.LabelRow;
import org.emospark.corpus.text.ParsedLines;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.TranscriptParse;
import org.emospark.corpus.text.TranscriptParser;
import org.emospark.corpus.text.Turn;
import org.emospark.corpus.text.TurnOverlaps;
import org.emospark.corpus.text.TurnsFileParser;
import org.emospark.corpus.text.Utterance;
import org.emospark.corpus.timing.EnergyEnvelope;
import org.emospark.corpus.timing.SpeechLevel;
import org.emospark.corpus.timing.WordAligner;
import org.emospark.corpus.timing.WordAligners;
import org.emospark.lake.Tables;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.LineReject;
import org.emospark.reject.RejectReason;

/**
 * The rows a recording's small files give (labels, turns, utterances, words) and, last, its
 * {@code recordings} row, which records which of those files made it in. Words get the
 * transcript's uniform timing here; the alignment stage may refine them later.
 */
final class SidecarRows {
    /** words.timing_source values. */
    static final String TIMING_UNIFORM = "uniform";
    static final String TIMING_ALIGNED = "aligned";
    static final String TIMING_GIVEN = "given";
    static final double UTTERANCE_GAP_S = 1.0;
    /** How far a transcript line may run past the audio's end unremarked: transcribers round their end times. */
    static final double OVERRUN_TOLERANCE_S = 0.5;

    private final RecordingSource source;
    private final SidecarFiles files;
    private final IngestSettings settings;
    private final Timestamp runTime;
    private final RecordingIngestor.RejectSink rejects;
    private final List<Row> out = new ArrayList<>();

    SidecarRows(RecordingSource source, SidecarFiles files, IngestSettings settings, Timestamp runTime,
                RecordingIngestor.RejectSink rejects) {
        this.source = source;
        this.files = files;
        this.settings = settings;
        this.runTime = runTime;
        this.rejects = rejects;
    }

    List<Row> rows(RecordingIngestor.AudioProbe probe, String fingerprint, long samples, int chunks,
                   EnergyEnvelope envelope) {
        boolean hasLabels = files.labels().present() && labels();
        List<Turn> turns = files.turns().present() ? turns() : List.of();
        boolean hasTurns = !turns.isEmpty();
        boolean hasTranscript = files.transcript().present() && transcript(envelope, samples / (double) settings.sampleRate());
        out.add(IngestRows.wrap(Tables.RECORDINGS, source.recordingId(), source.corpus(), source.split(),
                source.speaker(), source.language(), source.audioUri(), probe.description().describe(),
                probe.description().sampleRate(), probe.description().channels(), settings.sampleRate(), 1,
                samples, settings.framesFor(samples), samples / (double) settings.sampleRate(), chunks,
                probe.contentHash(), fingerprint, hasLabels, hasTranscript, hasTurns, runTime, speechLevel(envelope, turns)));
        return out;
    }

    private boolean labels() {
        byte[] content = bytesOf(files.labels());
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

    /** The turns that went in, in file order; empty when there is no usable turns file. */
    private List<Turn> turns() {
        byte[] content = bytesOf(files.turns());
        if (content == null) {
            return List.of();
        }
        ParsedLines<Turn> parsed = TurnsFileParser.parse(content, source.turnsUri());
        lineRejects(source.turnsUri(), parsed.rejects());
        int index = 0;
        for (Turn t : parsed.records()) {
            out.add(IngestRows.wrap(Tables.TURNS, source.recordingId(), index++, t.startS(), t.endS(), t.speaker()));
        }
        overlapWarning(TurnOverlaps.of(parsed.records()));
        return parsed.records();
    }

    private void overlapWarning(TurnOverlaps overlaps) {
        if (overlaps.pairs() == 0) {
            return;
        }
        TurnOverlaps.Pair first = overlaps.first();
        out.add(rejects.row(source.turnsUri(), RecordingIngestor.STAGE_PARSE, RejectReason.OVERLAPPING_TURNS,
                String.format(java.util.Locale.ROOT, "%d pair(s) of subject and interlocutor turns overlap, %.3f s in all "
                                + "(first: subject [%.3f, %.3f] s, interlocutor [%.3f, %.3f] s); the turns are stored, and "
                                + "frames and words in an overlap count as the subject's: check the turn times if the "
                                + "speakers did not talk at once", overlaps.pairs(), overlaps.seconds(),
                        first.subject().startS(), first.subject().endS(), first.interlocutor().startS(),
                        first.interlocutor().endS()), null));
    }

    /** The subject's speech level, null for a silent recording (a null column reads clearer in SQL than NaN). */
    private static Double speechLevel(EnergyEnvelope envelope, List<Turn> turns) {
        double level = SpeechLevel.of(envelope, turns);
        return Double.isNaN(level) ? null : level;
    }

    private boolean transcript(EnergyEnvelope envelope, double durationS) {
        byte[] content = bytesOf(files.transcript());
        if (content == null) {
            return false;
        }
        String name = source.transcriptUri().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".ctm") || name.endsWith(".json")) {
            return givenWords(content, name.endsWith(".ctm"));
        }
        TranscriptParse parsed = TranscriptParser.parse(content, source.transcriptUri());
        lineRejects(source.transcriptUri(), parsed.rejects());
        WordAligner aligner = WordAligners.forName(settings.wordTiming());
        String timing = settings.wordTiming().equals(WordAligners.UNIFORM) ? TIMING_UNIFORM : TIMING_ALIGNED;
        int utteranceIndex = 0;
        int wordIndex = 0;
        // Wordless rows (only <filler>, or nothing left after normalisation) are stored for their times alone: a
        // hesitation ends the silence before it, which semantic_frames.pause_s measures.
        for (Utterance u : parsed.rowsInFileOrder()) {
            out.add(IngestRows.wrap(Tables.UTTERANCES, source.recordingId(), utteranceIndex, u.startS(), u.endS(),
                    String.join(" ", u.tokens()), u.lineNumber()));
            if (!u.wordless()) {
                List<TimedWord> timed = aligner.align(u, envelope);
                for (TimedWord w : timed) {
                    out.add(IngestRows.wrap(Tables.WORDS, source.recordingId(), wordIndex++, utteranceIndex, w.word(),
                            w.startS(), w.endS(), timing));
                }
                utteranceWarning(u, timed.size(), durationS);
            }
            utteranceIndex++;
        }
        return parsed.rowsInFileOrder().stream().anyMatch(u -> !u.wordless());
    }

    /**
     * Word-level transcripts (Kaldi CTM, ASR JSON) keep their times. Utterances are derived from
     * them: a pause of {@value #UTTERANCE_GAP_S} s or more between words starts a new one.
     */
    private boolean givenWords(byte[] content, boolean ctm) {
        String uri = source.transcriptUri();
        GivenWords given;
        try {
            given = ctm ? CtmParser.parse(content, uri) : JsonWordsParser.parse(content, uri);
        } catch (InputRejectedException e) {
            out.add(rejects.row(uri, RecordingIngestor.STAGE_PARSE, e.reason(), e.detail(), null));
            return false;
        }
        lineRejects(uri, given.rejects());
        List<TimedWord> words = given.words();
        int utteranceIndex = -1;
        int first = 0;
        for (int i = 0; i <= words.size(); i++) {
            boolean ends = i == words.size() || (i > first && words.get(i).startS() - words.get(i - 1).endS() >= UTTERANCE_GAP_S);
            if (ends && i > first) {
                utteranceIndex++;
                List<TimedWord> span = words.subList(first, i);
                out.add(IngestRows.wrap(Tables.UTTERANCES, source.recordingId(), utteranceIndex, span.get(0).startS(),
                        span.get(span.size() - 1).endS(),
                        String.join(" ", span.stream().map(TimedWord::word).toList()), 0));
                for (TimedWord w : span) {
                    out.add(IngestRows.wrap(Tables.WORDS, source.recordingId(), w.wordIndex(), utteranceIndex, w.word(),
                            w.startS(), w.endS(), TIMING_GIVEN));
                }
                first = i;
            }
        }
        return !words.isEmpty();
    }

    /**
     * A transcript line that is stored but cannot fill frames is kept with a warning, so that its words do not vanish
     * unexplained: it starts after the audio ends (a transcript of another recording, or times in the wrong unit), it
     * ends well after it (a cut recording: its last words fall beyond the last frame), or none of its words could be
     * timed in it.
     */
    private void utteranceWarning(Utterance u, int timedWords, double durationS) {
        String span = String.format(java.util.Locale.ROOT, "[%.3f, %.3f] s", u.startS(), u.endS());
        if (u.startS() >= durationS) {
            out.add(rejects.row(source.transcriptUri(), RecordingIngestor.STAGE_PARSE, RejectReason.UTTERANCE_BEYOND_AUDIO,
                    String.format(java.util.Locale.ROOT, "line %d: the utterance %s starts after the audio ends (%.3f s); "
                            + "it is stored, but no frame holds its words: check that the transcript belongs to this "
                            + "audio and its times are in seconds", u.lineNumber(), span, durationS), u.lineNumber()));
        } else if (u.endS() > durationS + OVERRUN_TOLERANCE_S) {
            out.add(rejects.row(source.transcriptUri(), RecordingIngestor.STAGE_PARSE, RejectReason.UTTERANCE_BEYOND_AUDIO,
                    String.format(java.util.Locale.ROOT, "line %d: the utterance %s ends %.3f s after the audio ends "
                            + "(%.3f s); it is stored, but its words after that end hold no frame: check that the "
                            + "transcript belongs to this audio and the audio is whole", u.lineNumber(), span,
                            u.endS() - durationS, durationS), u.lineNumber()));
        } else if (timedWords == 0 && !u.tokens().isEmpty()) {
            out.add(rejects.row(source.transcriptUri(), RecordingIngestor.STAGE_PARSE, RejectReason.UTTERANCE_WITHOUT_WORDS,
                    "line " + u.lineNumber() + ": none of the " + u.tokens().size() + " word(s) of the utterance " + span
                            + " could be timed (the span is too short, or lies outside the audio); it is stored without "
                            + "words", u.lineNumber()));
        }
    }

    private void lineRejects(String uri, List<LineReject> lines) {
        for (LineReject r : lines) {
            out.add(rejects.row(uri, RecordingIngestor.STAGE_PARSE, r.reason(), r.detail(), r.lineNumber()));
        }
    }

    /** The file's bytes, or null after adding a reject when it could not be read. */
    private byte[] bytesOf(SidecarFiles.Content file) {
        if (file.bytes() == null) {
            out.add(rejects.row(file.uri(), RecordingIngestor.STAGE_PARSE, RejectReason.UNREADABLE, file.error(), null));
        }
        return file.bytes();
    }
}
