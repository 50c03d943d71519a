package org.emospark.executor;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.Window;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.BatchAssembler;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelManifest;

/**
 * One stored model loaded on one device, shared by every task of an executor JVM that scores with it (see
 * {@link ExecutorModels}). Thread-safe: each {@link #predict} call works in its own NDManager, on its own copy of
 * the parameters per batch and without gradients ({@link RecordingPredictor}); the network itself is only read.
 * Its parameters live in a manager that stays open for the life of the JVM.
 */
public final class SharedModel {
    private final ModelManifest manifest;
    private final SpeechEmotionNet net;
    private final Device device;

    SharedModel(ModelManifest manifest, SpeechEmotionNet net, Device device) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.net = Objects.requireNonNull(net, "net");
        this.device = Objects.requireNonNull(device, "device");
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public ModelConfig config() {
        return manifest.config();
    }

    public Device device() {
        return device;
    }

    /**
     * Predictions per recording, {@code [frame][arousal, valence, liking]}, windows in batches of {@code batchSize},
     * run as the model was trained ({@link WindowMode#trainedWith}).
     */
    public Map<String, float[][]> predict(List<RecordingExample> recordings, int batchSize) {
        return predict(recordings, batchSize, WindowMode.trainedWith(manifest.config(), manifest.settings()));
    }

    /** As {@link #predict(List, int)}, the windows run as {@code mode} says. */
    public Map<String, float[][]> predict(List<RecordingExample> recordings, int batchSize, WindowMode mode) {
        try (NDManager call = NDManager.newBaseManager(device)) {
            return new RecordingPredictor(net, manifest.config(), batchSize, mode).withPrior(manifest.labelPrior())
                    .withLevel(manifest.timingLevel()).predict(call, recordings);
        }
    }

    /**
     * The CNN's features of every frame of a recording ({@link RecordingPredictor#paralinguisticFeatures}), computed
     * lazily batch by batch, {@code batchSize} windows of the model's length from frame 0 as scoring cuts them: each
     * element holds the real frames of one batch, {@code [frame][F]}, in frame order. Memory: one batch at a time,
     * whatever the recording's length.
     */
    public Iterator<float[][]> paralinguisticFeatures(RecordingExample recording, int batchSize) {
        RecordingPredictor cnn = RecordingPredictor.paralinguisticFeatures(net, batchSize);
        BatchAssembler assembler = new BatchAssembler(cnn.config(), Map.of(recording.recordingId(), recording));
        Iterator<List<Window>> batches = cnn.batchesOf(recording).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public float[][] next() {
                try (NDManager call = NDManager.newBaseManager(device)) {
                    return cnn.predictWindows(call, assembler, batches.next());
                }
            }
        };
    }
}
