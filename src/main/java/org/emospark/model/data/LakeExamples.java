package org.emospark.model.data;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.emospark.corpus.text.SplitNames;
import org.emospark.corpus.text.Turn;
import org.emospark.frames.FrameInputBuilder;
import org.emospark.frames.InputLevel;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.SpeakingRate;
import org.emospark.frames.TimePrecision;
import org.emospark.frames.TurnSpan;
import org.emospark.frames.UtteranceTiming;
import org.emospark.lake.ChunkedPcmSource;
import org.emospark.lake.PcmSource;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;

/**
 * Reads recordings of some splits out of the lake into {@link RecordingExample}s on the driver: audio chunks,
 * subject turns, semantic frames and labels, joined per recording. Memory: the audio stays in its chunk
 * bytes (float32, 318 MB per hour at 22.05 kHz) and is cut into windows only when a batch is built.
 *
 * <p>A recording is framed by its label rows ({@code 0 .. n-1}, the authors' framing); a recording whose
 * labels are not one row per frame from frame 0, or that has no labels while labels are required, is left
 * out and listed in {@link LoadedExamples#skipped()} with the reason, never silently dropped.
 */
public final class LakeExamples {
    private final Warehouse warehouse;
    private final ModelConfig config;

    public LakeExamples(Warehouse warehouse, ModelConfig config) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The lake tables a model reads; their versions are recorded with the model. */
    public static List<org.emospark.lake.TableDef> inputTables() {
        return List.of(Tables.RECORDINGS, Tables.AUDIO_CHUNKS, Tables.TURNS, Tables.LABELS, Tables.SEMANTIC_FRAMES);
    }

    /** The current Delta version of every input table; fails naming the job to run when one is missing. */
    public Map<String, Long> tableVersions() {
        return versions(warehouse, inputTables());
    }

    /** The current Delta version of each of {@code tables}; fails naming the job to run when one is missing. */
    static Map<String, Long> versions(Warehouse warehouse, List<org.emospark.lake.TableDef> tables) {
        Map<String, Long> versions = new LinkedHashMap<>();
        for (org.emospark.lake.TableDef t : tables) {
            if (!warehouse.exists(t)) {
                throw new IllegalArgumentException("Table " + t.name() + " is missing in " + warehouse + ": run "
                        + (t == Tables.SEMANTIC_FRAMES ? "'emospark embed' and 'emospark features --semantic'"
                        : t == Tables.PARALINGUISTIC_FRAMES ? "'emospark features --paralinguistic --model ID'"
                        : "'emospark ingest'") + " first");
            }
            versions.put(t.name(), warehouse.version(t));
        }
        return versions;
    }

    /** The embedding set semantic_frames were built from (one set at a time), or null when the table is empty. */
    public String embeddingSet() {
        List<Row> sets = warehouse.read(Tables.SEMANTIC_FRAMES).select("embedding_set").distinct().limit(2).collectAsList();
        if (sets.size() > 1) {
            throw new IllegalArgumentException("semantic_frames mixes embedding sets: rerun 'emospark features --semantic' "
                    + "for one set");
        }
        return sets.isEmpty() ? null : sets.get(0).getString(0);
    }

    /**
     * Loads every recording of {@code splits}.
     *
     * @param requireLabels leave out (and report) recordings without usable labels
     */
    public LoadedExamples<RecordingExample> load(Collection<String> splits, boolean requireLabels) {
        Map<String, Long> versions = tableVersions();
        List<String> wanted = splits.stream().map(SplitNames::normalize).toList();
        Dataset<Row> recordings = warehouse.read(Tables.RECORDINGS)
                .where(col("split").isin(wanted.toArray()))
                .select("recording_id", "split", "sample_rate", "num_frames", "speech_level_db");
        Map<String, Row> byId = new TreeMap<>();
        for (Row r : recordings.collectAsList()) {
            byId.put(r.getString(0), r);
            int rate = r.getInt(2);
            if (rate != config.sampleRate()) {
                throw new IllegalArgumentException("Recording " + r.getString(0) + " is stored at " + rate
                        + " Hz but the model expects " + config.sampleRate() + " Hz: set emospark.audio.sampleRate to "
                        + rate + " or re-ingest at " + config.sampleRate() + " Hz");
            }
        }
        Map<String, String> skipped = new TreeMap<>();
        if (byId.isEmpty()) {
            return new LoadedExamples<>(List.of(), skipped, null, versions);
        }
        Object[] ids = byId.keySet().toArray();
        Map<String, String> labelProblem = new HashMap<>();
        Map<String, float[]> labels = labels(ids, labelProblem);
        Map<String, List<TurnSpan>> turns = subjectTurns(ids);
        SemanticVectors semantic = semantic(ids);
        Map<String, List<byte[]>> chunks = new HashMap<>();
        Map<String, List<Long>> starts = new HashMap<>();
        for (Row r : warehouse.read(Tables.AUDIO_CHUNKS).where(col("recording_id").isin(ids))
                .select("recording_id", "start_sample", "pcm").orderBy("recording_id", "chunk_index").collectAsList()) {
            chunks.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add((byte[]) r.get(2));
            starts.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getLong(1));
        }
        FrameInputBuilder frames = new FrameInputBuilder(config.sampleRate(), config.frameSeconds(), TimePrecision.FLOAT32);
        List<RecordingExample> out = new ArrayList<>();
        for (Map.Entry<String, Row> e : byId.entrySet()) {
            String id = e.getKey();
            float[] gold = labels.get(id);
            String problem = labelProblem.get(id);
            if (requireLabels && gold == null) {
                skipped.put(id, problem != null ? problem : "no labels");
                continue;
            }
            if (!chunks.containsKey(id)) {
                skipped.put(id, "no audio chunks");
                continue;
            }
            int n = gold != null ? gold.length / RecordingExample.OUTPUTS : e.getValue().getInt(3);
            if (n < 1) {
                skipped.put(id, "no frames");
                continue;
            }
            long[] startSamples = starts.get(id).stream().mapToLong(Long::longValue).toArray();
            Row recording = e.getValue();
            PcmSource pcm = InputLevel.apply(new ChunkedPcmSource(chunks.get(id), startSamples), config.normalizeLevel(),
                    recording.isNullAt(4) ? null : recording.getDouble(4));
            out.add(new RecordingExample(id, e.getValue().getString(1), n, pcm,
                    frames.subjectFrames(turns.get(id), n), config.semanticInputs(), semantic.framesOf(id, n), gold,
                    semantic.timingOf(id, n)));
        }
        return new LoadedExamples<>(List.copyOf(out), skipped, semantic.set, versions);
    }

    /** Each recording's labels, frame-major; recordings whose labels cannot frame it go into {@code problems}. */
    Map<String, float[]> labels(Object[] ids, Map<String, String> problems) {
        Map<String, TreeMap<Integer, float[]>> rows = new HashMap<>();
        for (Row r : warehouse.read(Tables.LABELS).where(col("recording_id").isin(ids))
                .select("recording_id", "frame", "arousal", "valence", "liking").collectAsList()) {
            rows.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                    .put(r.getInt(1), new float[] {(float) r.getDouble(2), (float) r.getDouble(3), (float) r.getDouble(4)});
        }
        Map<String, float[]> out = new HashMap<>();
        for (Map.Entry<String, TreeMap<Integer, float[]>> e : rows.entrySet()) {
            TreeMap<Integer, float[]> frames = e.getValue();
            int last = frames.lastKey();
            if (frames.firstKey() != 0 || last + 1 != frames.size()) {
                problems.put(e.getKey(), "labels are not one row per frame from frame 0: " + frames.size()
                        + " rows for frames " + frames.firstKey() + ".." + last);
                continue;
            }
            float[] flat = new float[frames.size() * RecordingExample.OUTPUTS];
            for (Map.Entry<Integer, float[]> f : frames.entrySet()) {
                System.arraycopy(f.getValue(), 0, flat, f.getKey() * RecordingExample.OUTPUTS, RecordingExample.OUTPUTS);
            }
            out.put(e.getKey(), flat);
        }
        return out;
    }

    /** Each recording's subject turns; recordings without turns are absent. */
    Map<String, List<TurnSpan>> subjectTurns(Object[] ids) {
        Map<String, List<TurnSpan>> out = new HashMap<>();
        for (Row r : warehouse.read(Tables.TURNS).where(col("recording_id").isin(ids).and(col("speaker").equalTo(Turn.SUBJECT)))
                .select("recording_id", "start_s", "end_s").collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new TurnSpan(r.getDouble(1), r.getDouble(2)));
        }
        return out;
    }

    /** The semantic_frames rows of the recordings, and the one embedding set they come from. */
    final class SemanticVectors {
        final Map<String, Map<Integer, float[]>> byRecording = new HashMap<>();
        /** Per recording and frame with a word: its utterance's speaking rate and the pause after it (NaN: none). */
        final Map<String, Map<Integer, float[]>> timing = new HashMap<>();
        String set;

        /** {@code n} frames of utterance timing; NaN where a frame has no word or its frames were built without it. */
        UtteranceTiming timingOf(String id, int n) {
            UtteranceTiming out = UtteranceTiming.none(n);
            for (Map.Entry<Integer, float[]> f : timing.getOrDefault(id, Map.of()).entrySet()) {
                if (f.getKey() < n) {
                    out.charsPerSecond()[f.getKey()] = f.getValue()[0];
                    out.pauseSeconds()[f.getKey()] = f.getValue()[1];
                }
            }
            return out;
        }

        /** {@code n} frames of the network's semantic input: word vectors, then the speaking rate if the model reads it. */
        float[] framesOf(String id, int n) {
            int dims = config.semanticInputs();
            float[] out = new float[n * dims];
            Map<Integer, float[]> frames = byRecording.getOrDefault(id, Map.of());
            for (Map.Entry<Integer, float[]> f : frames.entrySet()) {
                if (f.getKey() < n) {
                    System.arraycopy(f.getValue(), 0, out, f.getKey() * dims, dims);
                }
            }
            return out;
        }
    }

    SemanticVectors semantic(Object[] ids) {
        SemanticVectors out = new SemanticVectors();
        int dims = config.semanticDims();
        boolean rate = config.speakingRate();
        for (Row r : warehouse.read(Tables.SEMANTIC_FRAMES).where(col("recording_id").isin(ids))
                .select("recording_id", "frame", "vector", "embedding_set", "speaking_rate", "pause_s").collectAsList()) {
            String set = r.getString(3);
            if (out.set == null) {
                out.set = set;
            } else if (!out.set.equals(set)) {
                throw new IllegalArgumentException("semantic_frames mixes embedding sets " + out.set + " and " + set
                        + ": rerun 'emospark features --semantic' for one set");
            }
            List<Float> v = r.getList(2);
            if (v.size() != dims) {
                throw new IllegalArgumentException("semantic_frames vectors have " + v.size() + " dimensions but the model "
                        + "expects " + dims + " (frames from set " + set + "): build the frames from a set of " + dims
                        + " dimensions ('emospark features --semantic --embeddings SET'), or train a model on these");
            }
            float[] a = new float[dims + (rate ? 1 : 0)];
            for (int i = 0; i < dims; i++) {
                a[i] = v.get(i);
            }
            if (rate) {
                a[dims] = SpeakingRate.input(r.isNullAt(4) ? null : r.getFloat(4));
            }
            out.byRecording.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getInt(1), a);
            if (!r.isNullAt(4) || !r.isNullAt(5)) {
                out.timing.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(r.getInt(1), new float[] {
                        r.isNullAt(4) ? Float.NaN : r.getFloat(4), r.isNullAt(5) ? Float.NaN : r.getFloat(5)});
            }
        }
        return out;
    }
}
