package org.emospark.executor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.emospark.frames.FrameInputBuilder;
import org.emospark.frames.InputLevel;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.SpeakingRate;
import org.emospark.frames.TimePrecision;
import org.emospark.frames.TurnSpan;
import org.emospark.frames.UtteranceTiming;
import org.emospark.lake.ChunkedPcmSource;
import org.emospark.lake.ForwardPcmSource;
import org.emospark.lake.PcmChunk;
import org.emospark.lake.PcmSource;
import org.emospark.model.ModelConfig;
import org.emospark.reject.InputRejectedException;
import org.emospark.reject.RejectReason;

/**
 * What the lake holds about one recording to be scored, gathered on an executor from its rows: the
 * {@code recordings} row, the subject's turns, the word vectors of the frames in which a word is spoken, and
 * the audio chunks in {@code chunk_index} order. {@link #toExample} checks it against the model and frames it
 * the way training and evaluation do ({@code LakeExamples}), except that the frame count covers all the audio
 * ({@link FrameInputBuilder#framesFor}) rather than following label rows, which scored recordings need not have
 * (when the label rows are known, it covers those too).
 * Plain Java: the Spark side only moves rows into it.
 *
 * <p>The chunks either arrive one by one ({@link #addChunk}, all checked when framed) or stay a stream
 * ({@link #streamChunks}: read forward while the model runs, checked as they arrive, never all held at once), which
 * is how executors score recordings of any length in bounded memory.
 */
public final class LakeRecording {
    private final String recordingId;
    private final String split;
    private final String sourceUri;
    private final int sampleRate;
    private final long numSamples;
    private final List<TurnSpan> subjectTurns;
    /** Vectors of the frames that carry a word; every other frame's vector is zeros. */
    private final Map<Integer, float[]> wordFrames;
    private Map<Integer, Float> speakingRates = Map.of();
    private Map<Integer, Float> pauses = Map.of();
    /** Label rows of the recording, 0 when not known: frames then cover its audio only. */
    private final int labelFrames;
    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Long> chunkStarts = new ArrayList<>();
    private final List<Integer> chunkRates = new ArrayList<>();
    /** The chunks when they stream ({@link #streamChunks}), else null. */
    private Iterator<PcmChunk> streamed;
    private Double speechLevelDb;

    /** The source framing made over {@link #streamed}. */
    private ForwardPcmSource forward;

    /**
     * @param subjectTurns the subject's turns, empty or {@code null} when the recording has none (all frames are
     *                     then the subject's, as in training)
     * @param wordFrames   frame -> word vector, for the frames in which a word is spoken; empty without a transcript
     */
    public LakeRecording(String recordingId, String split, String sourceUri, int sampleRate, long numSamples,
                         List<TurnSpan> subjectTurns, Map<Integer, float[]> wordFrames) {
        this(recordingId, split, sourceUri, sampleRate, numSamples, subjectTurns, wordFrames, 0);
    }

    /**
     * As above, with the number of the recording's label rows: its frames then cover those as well as its audio, so
     * a recording whose labels run a frame past its audio (the authors pad the audio so) has every labelled frame.
     */
    public LakeRecording(String recordingId, String split, String sourceUri, int sampleRate, long numSamples,
                         List<TurnSpan> subjectTurns, Map<Integer, float[]> wordFrames, int labelFrames) {
        this.labelFrames = labelFrames;
        this.recordingId = Objects.requireNonNull(recordingId, "recordingId");
        this.split = split;
        this.sourceUri = Objects.requireNonNull(sourceUri, "sourceUri");
        this.sampleRate = sampleRate;
        this.numSamples = numSamples;
        this.subjectTurns = subjectTurns == null ? List.of() : List.copyOf(subjectTurns);
        this.wordFrames = new TreeMap<>(Objects.requireNonNull(wordFrames, "wordFrames"));
    }

    /** The subject's speech level measured at ingest ({@code recordings.speech_level_db}); null when unknown. */
    public LakeRecording speechLevel(Double db) {
        this.speechLevelDb = db;
        return this;
    }

    /**
     * The speaking rate of the frames with a word ({@code semantic_frames.speaking_rate}), read by models with
     * {@link ModelConfig#speakingRate()}; frames without one read as spoken at the reference rate.
     */
    public LakeRecording speakingRates(Map<Integer, Float> perFrame) {
        this.speakingRates = Map.copyOf(perFrame);
        return this;
    }

    /**
     * The pause after the utterance of each frame with a word ({@code semantic_frames.pause_s}), read by models with
     * {@link ModelConfig#timingLevel()}; frames without one are not timed.
     */
    public LakeRecording pauses(Map<Integer, Float> perFrame) {
        this.pauses = Map.copyOf(perFrame);
        return this;
    }

    /** The next chunk of audio; chunks must come in {@code chunk_index} order. */
    public void addChunk(long startSample, int chunkSampleRate, byte[] pcm) {
        if (streamed != null) {
            throw new IllegalStateException("Recording " + recordingId + " streams its chunks; it takes none one by one");
        }
        chunks.add(Objects.requireNonNull(pcm, "pcm"));
        chunkStarts.add(startSample);
        chunkRates.add(chunkSampleRate);
    }

    /**
     * The recording's chunks, in {@code chunk_index} order, as a stream the framed recording reads forward once
     * ({@link ForwardPcmSource}); faults in them surface as {@link org.emospark.reject.UncheckedInputRejectedException}
     * from the reads, and {@link #checkAllAudioRead} after the last read finds chunks holding too many samples.
     */
    public void streamChunks(Iterator<PcmChunk> stream) {
        if (!chunks.isEmpty() || streamed != null) {
            throw new IllegalStateException("Recording " + recordingId + " already has its chunks");
        }
        this.streamed = Objects.requireNonNull(stream, "stream");
    }

    /** After the last read of a streamed recording: throws unless its chunks held exactly its samples. */
    public void checkAllAudioRead() {
        if (forward != null) {
            forward.checkFullyRead();
        }
    }

    public String recordingId() {
        return recordingId;
    }

    /** Where the recording came from, as in {@code recordings.source_uri}. */
    public String sourceUri() {
        return sourceUri;
    }

    /** Whether any frame carries a word; without one the semantic stream sees only zeros. */
    public boolean hasTranscript() {
        return !wordFrames.isEmpty();
    }

    /**
     * The recording framed for {@code config}: audio over the chunks, subject mask from the turns, word vectors
     * per frame (zeros where no word is spoken), no labels.
     *
     * @throws InputRejectedException when the recording cannot be scored by this model, with the reason
     */
    public RecordingExample toExample(ModelConfig config) throws InputRejectedException {
        if (streamed != null ? !streamed.hasNext() : chunks.isEmpty()) {
            throw new InputRejectedException(RejectReason.NO_AUDIO_CHUNKS, "recording " + recordingId
                    + " has no rows in audio_chunks; re-ingest it");
        }
        if (sampleRate != config.sampleRate()) {
            throw new InputRejectedException(RejectReason.SAMPLE_RATE_MISMATCH, "recording " + recordingId
                    + " is stored at " + sampleRate + " Hz but the model expects " + config.sampleRate() + " Hz");
        }
        for (int k = 0; k < chunkRates.size(); k++) {
            if (chunkRates.get(k) != sampleRate) {
                throw new InputRejectedException(RejectReason.SAMPLE_RATE_MISMATCH, "chunk " + k + " of recording "
                        + recordingId + " is at " + chunkRates.get(k) + " Hz, the recording at " + sampleRate + " Hz");
            }
        }
        PcmSource pcm = InputLevel.apply(streamed != null ? streamedPcm(config) : chunkedPcm(), config.normalizeLevel(),
                speechLevelDb);
        FrameInputBuilder frames = new FrameInputBuilder(config.sampleRate(), config.frameSeconds(), TimePrecision.FLOAT32);
        int n = Math.max(frames.framesFor(numSamples), labelFrames);
        if (frames.framesFor(numSamples) < 1) {
            throw new InputRejectedException(RejectReason.EMPTY_AUDIO, "recording " + recordingId + " has no samples");
        }
        return new RecordingExample(recordingId, split, n, pcm, frames.subjectFrames(subjectTurns, n),
                config.semanticInputs(), semantic(n, config), null, timing(n));
    }

    /** {@code n} frames of utterance timing from the word frames' rates and pauses; NaN where either is unknown. */
    private UtteranceTiming timing(int n) {
        UtteranceTiming out = UtteranceTiming.none(n);
        for (int f : wordFrames.keySet()) {
            if (f >= 0 && f < n) {
                Float rate = speakingRates.get(f);
                Float pause = pauses.get(f);
                out.charsPerSecond()[f] = rate == null ? Float.NaN : rate;
                out.pauseSeconds()[f] = pause == null ? Float.NaN : pause;
            }
        }
        return out;
    }

    /** Read forward, but a window back: overlapping windows ({@code WindowMode.OVERLAPPING}) start half a window back. */
    private PcmSource streamedPcm(ModelConfig config) {
        forward = new ForwardPcmSource(recordingId, numSamples, sampleRate, streamed,
                (long) config.windowFrames() * config.frameSamples());
        return forward;
    }

    private PcmSource chunkedPcm() throws InputRejectedException {
        PcmSource pcm;
        try {
            pcm = new ChunkedPcmSource(chunks, chunkStarts.stream().mapToLong(Long::longValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException(RejectReason.BROKEN_AUDIO_CHUNKS, "recording " + recordingId + ": "
                    + e.getMessage());
        }
        if (pcm.length() != numSamples) {
            throw new InputRejectedException(RejectReason.BROKEN_AUDIO_CHUNKS, "recording " + recordingId + " has "
                    + numSamples + " samples but its audio chunks hold " + pcm.length());
        }
        return pcm;
    }

    /**
     * Frame-major semantic input of {@code n} frames (word vectors, then the speaking rate if the model reads it);
     * frames at or past {@code n} are ignored, as in training.
     */
    private float[] semantic(int n, ModelConfig config) throws InputRejectedException {
        int dims = config.semanticDims();
        int width = config.semanticInputs();
        float[] out = new float[Math.multiplyExact(n, width)];
        for (Map.Entry<Integer, float[]> e : wordFrames.entrySet()) {
            float[] v = e.getValue();
            if (v.length != dims) {
                throw new InputRejectedException(RejectReason.BAD_SEMANTIC_FRAMES, "frame " + e.getKey()
                        + " of recording " + recordingId + " has a " + v.length + "-d word vector but the model takes "
                        + dims + "-d vectors; rerun 'emospark features --semantic' with the model's embedding set");
            }
            if (e.getKey() >= 0 && e.getKey() < n) {
                System.arraycopy(v, 0, out, e.getKey() * width, dims);
                if (config.speakingRate()) {
                    out[e.getKey() * width + dims] = SpeakingRate.input(speakingRates.get(e.getKey()));
                }
            }
        }
        return out;
    }
}
