package org.emospark.model.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.data.BatchAssembler;
import org.emospark.model.data.RecordingExample;
import org.emospark.model.data.Window;
import org.emospark.model.data.WindowBatch;
import org.emospark.model.data.Windows;
import org.emospark.model.metrics.EmotionSeries;

/**
 * Runs a trained network over whole recordings: every frame is predicted, in windows of the model's length
 * (the last one zero-padded, its padding discarded). {@link WindowMode#FAITHFUL}: each window starts from a zero
 * LSTM state as in training, and a batch mixes windows of any recordings. {@link WindowMode#STREAMING}: a batch
 * holds consecutive windows of one recording and the LSTM state runs on from batch to batch
 * ({@link SpeechEmotionNet#forwardStream}); the recording's windows are read in order, so a {@link
 * org.emospark.model.data.PcmSource} that only reads forward serves it. Inference only: no dropout, no gradients
 * ({@link InferenceMode}, on whichever thread calls).
 *
 * <p>Thread-safe: one predictor (and one network) can serve concurrent calls, each with its own manager. Every
 * batch works on its own copy of the parameters in a manager closed after the batch; without the copy, the
 * blocks' operations on parameter arrays (splitting the LSTM kernel, for one) would attach their results to the
 * network's own manager, where they pile up for as long as the network lives (64 arrays per batch on the
 * tiny test network). The copy costs one pass over the parameters per batch (29 MB for the faithful network),
 * small against the batch's forward pass.
 */
public final class RecordingPredictor {
    private final Block net;
    private final ModelConfig config;
    private final int batchSize;
    private final WindowMode mode;

    public RecordingPredictor(Block net, ModelConfig config, int batchSize) {
        this(net, config, batchSize, WindowMode.FAITHFUL);
    }

    public RecordingPredictor(Block net, ModelConfig config, int batchSize, WindowMode mode) {
        this.net = Objects.requireNonNull(net, "net");
        this.config = Objects.requireNonNull(config, "config");
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, cannot be: " + batchSize);
        }
        this.batchSize = batchSize;
        this.mode = Objects.requireNonNull(mode, "mode");
        if (mode == WindowMode.STREAMING && !(net instanceof SpeechEmotionNet)) {
            throw new IllegalArgumentException("Streaming needs a SpeechEmotionNet, given " + net.getClass().getName());
        }
    }

    /** Predictions per recording, {@code [frame][arousal, valence, liking]}, in the order given. */
    public Map<String, float[][]> predict(NDManager manager, List<RecordingExample> recordings) {
        Map<String, RecordingExample> byId = new LinkedHashMap<>();
        Map<String, float[][]> out = new LinkedHashMap<>();
        List<List<Window>> perRecording = new ArrayList<>();
        for (RecordingExample r : recordings) {
            byId.put(r.recordingId(), r);
            out.put(r.recordingId(), new float[r.numFrames()][RecordingExample.OUTPUTS]);
            perRecording.add(Windows.of(r.recordingId(), r.numFrames(), config.windowFrames(), Windows.LastWindow.PAD));
        }
        BatchAssembler assembler = new BatchAssembler(config, byId);
        try (InferenceMode noGradients = InferenceMode.enter()) {
            if (mode == WindowMode.FAITHFUL) {
                predictBatches(manager, assembler, perRecording.stream().flatMap(List::stream).toList(), out);
            } else {
                for (List<Window> windows : perRecording) {
                    stream(manager, assembler, windows, out);
                }
            }
        }
        return out;
    }

    private void predictBatches(NDManager manager, BatchAssembler assembler, List<Window> windows,
                                Map<String, float[][]> out) {
        for (int from = 0; from < windows.size(); from += batchSize) {
            List<Window> part = windows.subList(from, Math.min(windows.size(), from + batchSize));
            WindowBatch batch = assembler.assemble(part);
            try (NDManager step = manager.newSubManager()) {
                NDList inputs = NetworkInputs.of(step, config, batch);
                NDArray y = net.forward(new ParameterStore(step, true), inputs, false).singletonOrThrow();
                copyOut(y.toFloatArray(), batch, out);
            }
        }
    }

    /** One recording's windows in order, the LSTM state carried from each batch into the next. */
    private void stream(NDManager manager, BatchAssembler assembler, List<Window> windows, Map<String, float[][]> out) {
        SpeechEmotionNet streaming = (SpeechEmotionNet) net;
        Shape state = new Shape(1, config.lstmUnits());
        float[] h = null;
        float[] c = null;
        for (int from = 0; from < windows.size(); from += batchSize) {
            WindowBatch batch = assembler.assemble(windows.subList(from, Math.min(windows.size(), from + batchSize)));
            try (NDManager step = manager.newSubManager()) {
                NDList inputs = NetworkInputs.of(step, config, batch);
                // The state crosses batches as host arrays: each batch's arrays die with its manager.
                NDList y = streaming.forwardStream(new ParameterStore(step, true), inputs,
                        h == null ? null : step.create(h, state), c == null ? null : step.create(c, state));
                copyOut(y.get(0).toFloatArray(), batch, out);
                h = y.get(1).toFloatArray();
                c = y.get(2).toFloatArray();
            }
        }
    }

    private static void copyOut(float[] flat, WindowBatch batch, Map<String, float[][]> out) {
        int t = batch.frames();
        for (int b = 0; b < batch.size(); b++) {
            Window w = batch.windows().get(b);
            float[][] dst = out.get(w.recordingId());
            for (int f = 0; f < w.validFrames(); f++) {
                System.arraycopy(flat, (b * t + f) * RecordingExample.OUTPUTS, dst[w.startFrame() + f], 0,
                        RecordingExample.OUTPUTS);
            }
        }
    }

    /** Predictions next to the gold labels, one series per labelled recording, for scoring. */
    public List<EmotionSeries> series(NDManager manager, List<RecordingExample> recordings) {
        Map<String, float[][]> predicted = predict(manager, recordings);
        List<EmotionSeries> out = new ArrayList<>();
        for (RecordingExample r : recordings) {
            if (r.labelled()) {
                out.add(new EmotionSeries(r.recordingId(), config.frameSeconds(), predicted.get(r.recordingId()),
                        r.labels(0, r.numFrames())));
            }
        }
        return out;
    }
}
