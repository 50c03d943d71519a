package org.emospark.model.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emospark.frames.FeatureExample;
import org.emospark.frames.FrameInputBuilder;
import org.emospark.frames.FramedExample;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.TimePrecision;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;
import org.emospark.model.ModelConfig;

/**
 * Cuts batches of windows out of {@link FramedExample}s: the paralinguistic input (the faithful frame input for the
 * CNN from {@link RecordingExample}s, or the stored CNN features of {@link FeatureExample}s), the frames' word
 * vectors and their labels, each window from one recording only. Padding frames of a padded window are zeros in
 * every array. Plain Java and thread-safe, so batches can be assembled on a background thread while the network
 * trains on the previous one.
 */
public final class BatchAssembler {
    private final ModelConfig config;
    private final Map<String, ? extends FramedExample> recordings;
    private final FrameInputBuilder frames;
    /** Whether the recordings carry CNN features rather than audio. */
    private final boolean features;

    /** Batches for the whole network, from audio. */
    public BatchAssembler(ModelConfig config, Map<String, RecordingExample> recordings) {
        this(config, recordings, false);
    }

    private BatchAssembler(ModelConfig config, Map<String, ? extends FramedExample> recordings, boolean features) {
        this.config = Objects.requireNonNull(config, "config");
        this.recordings = Map.copyOf(recordings);
        this.frames = new FrameInputBuilder(config.sampleRate(), config.frameSeconds(), TimePrecision.FLOAT32);
        this.features = features;
    }

    /**
     * Batches from recordings of one kind: audio ({@link RecordingExample}, for the whole network) or CNN features
     * ({@link FeatureExample}, for the fusion network).
     */
    public static BatchAssembler of(ModelConfig config, Map<String, ? extends FramedExample> recordings) {
        long withFeatures = recordings.values().stream().filter(r -> r instanceof FeatureExample).count();
        if (withFeatures != 0 && withFeatures != recordings.size()) {
            throw new IllegalArgumentException("Recordings with audio and recordings with CNN features cannot share "
                    + "batches: " + withFeatures + " of " + recordings.size() + " carry features");
        }
        return new BatchAssembler(config, recordings, withFeatures > 0);
    }

    public WindowBatch assemble(List<Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one window");
        }
        int t = windows.get(0).frames();
        int dims = config.semanticInputs();
        int outputs = FramedExample.OUTPUTS;
        boolean paralinguistic = config.streams().usesParalinguistic();
        boolean semantic = config.streams().usesSemantic();
        boolean labelled = windows.stream().allMatch(w -> example(w).labelled());
        int perFrame = features ? config.paralinguisticFeatures() : frames.frameInput();
        float[] input = paralinguistic ? new float[Math.multiplyExact(windows.size(), Math.multiplyExact(t, perFrame))] : null;
        float[] vectors = semantic ? new float[windows.size() * t * dims] : null;
        float[] gold = labelled ? new float[windows.size() * t * outputs] : null;
        for (int b = 0; b < windows.size(); b++) {
            Window w = windows.get(b);
            if (w.frames() != t) {
                throw new IllegalArgumentException("All windows of a batch must have " + t + " frames, " + w + " has "
                        + w.frames());
            }
            FramedExample r = example(w);
            if (w.endFrame() > r.numFrames()) {
                throw new IllegalArgumentException(w + " runs past the " + r.numFrames() + " frames of its recording");
            }
            if (input != null) {
                if (r instanceof RecordingExample audio) {
                    frames.fill(audio.pcm(), audio.subject(), w, input, b * t * perFrame);
                } else {
                    FeatureExample f = (FeatureExample) r;
                    if (f.featureDims() != perFrame) {
                        throw new IllegalArgumentException("Recording " + f.recordingId() + " has " + f.featureDims()
                                + " CNN features per frame but the model's CNN gives " + perFrame);
                    }
                    copyFrames(f.features(), w, perFrame, input, b * t);
                }
            }
            if (vectors != null) {
                copyFrames(r.semantic(), w, dims, vectors, b * t);
            }
            if (gold != null) {
                copyFrames(r.labels(), w, outputs, gold, b * t);
            }
        }
        return features
                ? new WindowBatch(List.copyOf(windows), t, null, vectors, gold, input)
                : new WindowBatch(List.copyOf(windows), t, input, vectors, gold);
    }

    /** Copies the window's real frames of a frame-major array; the padding frames stay zero. */
    private static void copyFrames(float[] source, Window w, int perFrame, float[] dst, int dstFrame) {
        System.arraycopy(source, w.startFrame() * perFrame, dst, dstFrame * perFrame, w.validFrames() * perFrame);
    }

    private FramedExample example(Window w) {
        FramedExample r = recordings.get(w.recordingId());
        if (r == null) {
            throw new IllegalArgumentException("No recording " + w.recordingId() + " to cut " + w + " from");
        }
        return r;
    }
}
