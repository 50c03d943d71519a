package org.emospark.model.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emospark.features.frames.TimePrecision;
import org.emospark.model.ModelConfig;

/**
 * Cuts batches of windows out of {@link RecordingExample}s: the faithful frame input for the CNN, the
 * frames' word vectors and their labels, each window from one recording only. Padding frames of a padded
 * window are zeros in every array. Plain Java and thread-safe, so batches can be assembled on a background
 * thread while the network trains on the previous one.
 */
public final class BatchAssembler {
    private final ModelConfig config;
    private final Map<String, RecordingExample> recordings;
    private final FrameInputBuilder frames;

    public BatchAssembler(ModelConfig config, Map<String, RecordingExample> recordings) {
        this.config = Objects.requireNonNull(config, "config");
        this.recordings = Map.copyOf(recordings);
        this.frames = new FrameInputBuilder(config, TimePrecision.FLOAT32);
    }

    public WindowBatch assemble(List<Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one window");
        }
        int t = windows.get(0).frames();
        int dims = config.semanticDims();
        int outputs = RecordingExample.OUTPUTS;
        boolean paralinguistic = config.streams().usesParalinguistic();
        boolean semantic = config.streams().usesSemantic();
        boolean labelled = windows.stream().allMatch(w -> example(w).labelled());
        int frameInput = frames.frameInput();
        float[] audio = paralinguistic ? new float[Math.multiplyExact(windows.size(), Math.multiplyExact(t, frameInput))] : null;
        float[] vectors = semantic ? new float[windows.size() * t * dims] : null;
        float[] gold = labelled ? new float[windows.size() * t * outputs] : null;
        for (int b = 0; b < windows.size(); b++) {
            Window w = windows.get(b);
            if (w.frames() != t) {
                throw new IllegalArgumentException("All windows of a batch must have " + t + " frames, " + w + " has "
                        + w.frames());
            }
            RecordingExample r = example(w);
            if (w.endFrame() > r.numFrames()) {
                throw new IllegalArgumentException(w + " runs past the " + r.numFrames() + " frames of its recording");
            }
            if (audio != null) {
                frames.fill(r.pcm(), r.subject(), w, audio, b * t * frameInput);
            }
            if (vectors != null) {
                System.arraycopy(r.semantic(), w.startFrame() * dims, vectors, b * t * dims, w.validFrames() * dims);
            }
            if (gold != null) {
                System.arraycopy(r.labels(), w.startFrame() * outputs, gold, b * t * outputs, w.validFrames() * outputs);
            }
        }
        return new WindowBatch(List.copyOf(windows), t, audio, vectors, gold);
    }

    private RecordingExample example(Window w) {
        RecordingExample r = recordings.get(w.recordingId());
        if (r == null) {
            throw new IllegalArgumentException("No recording " + w.recordingId() + " to cut " + w + " from");
        }
        return r;
    }
}
