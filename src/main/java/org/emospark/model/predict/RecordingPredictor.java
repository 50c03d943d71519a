package org.emospark.model.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.emospark.frames.FramedExample;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;
import org.emospark.frames.Windows;
import org.emospark.metrics.EmotionSeries;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.StreamingNetwork;
import org.emospark.model.data.BatchAssembler;
import org.emospark.model.data.NetworkInputs;

/**
 * Runs a trained network over whole recordings: every frame is predicted, in windows of the model's length
 * (the last one zero-padded, its padding discarded). {@link WindowMode#FAITHFUL}: each window starts from a zero
 * LSTM state as in training, and a batch mixes windows of any recordings. {@link WindowMode#STREAMING}: a batch
 * holds consecutive windows of one recording and the LSTM state runs on from batch to batch
 ({@link StreamingNetwork#forwardStream}: the whole network from audio, or the fusion network from CNN features); the
 * recording's windows are read in order, so a {@link org.emospark.lake.PcmSource} that only reads forward
 * serves it. {@link WindowMode#OVERLAPPING}: the faithful windows and as many again half a window later, blended.
 * Whatever the mode, each recording's outputs are then smoothed as the model says ({@link OutputSmoothing},
 * {@link ModelConfig#smoothSeconds()}), over the whole recording, and conditioned on the model's label prior when it
 * has one and its config says so ({@link #withPrior}, {@link PriorSmoothing}), and moved to the level its subject's
 * timing says likewise ({@link #withLevel}, {@link TimingLevel}): {@link PostProcessing}.
 * Inference only: no dropout, no gradients ({@link InferenceMode}, on whichever thread calls).
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
    private final LabelPrior prior;
    private final TimingLevel level;

    public RecordingPredictor(Block net, ModelConfig config, int batchSize) {
        this(net, config, batchSize, WindowMode.FAITHFUL);
    }

    public RecordingPredictor(Block net, ModelConfig config, int batchSize, WindowMode mode) {
        this(net, config, batchSize, mode, null, null);
    }

    private RecordingPredictor(Block net, ModelConfig config, int batchSize, WindowMode mode, LabelPrior prior,
            TimingLevel level) {
        this.prior = prior;
        this.level = level;
        this.net = Objects.requireNonNull(net, "net");
        this.config = Objects.requireNonNull(config, "config");
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size must be at least 1, cannot be: " + batchSize);
        }
        this.batchSize = batchSize;
        this.mode = Objects.requireNonNull(mode, "mode");
        if (mode == WindowMode.STREAMING && !(net instanceof StreamingNetwork)) {
            throw new IllegalArgumentException("Streaming needs a network that carries its LSTM state (a "
                    + "SpeechEmotionNet or FusionNet), given " + net.getClass().getName());
        }
        if (mode == WindowMode.STREAMING && config.bidirectional()) {
            throw new IllegalArgumentException("A bidirectional model reads each window whole and cannot stream "
                    + "(carry the LSTM's state across windows): score it with faithful windows");
        }
    }

    /**
     * This predictor with the model's label prior ({@code null}: a model trained before priors were fitted), applied
     * when {@link ModelConfig#priorSmoothing()} is on.
     */
    public RecordingPredictor withPrior(LabelPrior labelPrior) {
        return new RecordingPredictor(net, config, batchSize, mode, labelPrior, level);
    }

    /**
     * This predictor with the model's timing level ({@code null}: a model trained before it, or whose Train split had
     * too few timed utterances), applied when {@link ModelConfig#timingLevel()} is on.
     */
    public RecordingPredictor withLevel(TimingLevel timingLevel) {
        return new RecordingPredictor(net, config, batchSize, mode, prior, timingLevel);
    }

    /** The config the predictor frames and assembles batches with. */
    public ModelConfig config() {
        return config;
    }

    /**
     * Runs the CNN of {@code net} alone: per frame its {@code F} paralinguistic features ({@code [frame][F]}) instead
     * of predictions, window by window exactly as the whole network computes them (same windows, same padding).
     */
    public static RecordingPredictor paralinguisticFeatures(SpeechEmotionNet net, int batchSize) {
        ModelConfig config = net.config();
        if (net.paralinguisticCnn() == null) {
            throw new IllegalArgumentException("A network of streams " + config.streams() + " has no CNN to compute "
                    + "paralinguistic features with");
        }
        // Features, not emotions: the model's smoothing of its outputs has no business here.
        return new RecordingPredictor(net.paralinguisticCnn(), config.toBuilder().streams(ModelConfig.Streams.PARALINGUISTIC)
                .smoothSeconds(0).build(), batchSize);
    }

    /**
     * The batches a recording is predicted in: its windows of the model's length from frame 0, the last one
     * zero-padded, {@code batchSize} at a time (what {@link #predict} runs for a recording on its own).
     */
    public List<List<Window>> batchesOf(FramedExample recording) {
        return batches(Windows.of(recording.recordingId(), recording.numFrames(), config.windowFrames(),
                Windows.LastWindow.PAD));
    }

    private List<List<Window>> batches(List<Window> windows) {
        List<List<Window>> batches = new ArrayList<>();
        for (int from = 0; from < windows.size(); from += batchSize) {
            batches.add(windows.subList(from, Math.min(windows.size(), from + batchSize)));
        }
        return batches;
    }

    /**
     * Outputs per recording, {@code [frame][value]} (arousal, valence, liking for the network), in the order given,
     * smoothed as the model says.
     * The recordings are all of one kind: audio for the whole network, CNN features for the fusion network.
     * Faithful, a batch may hold windows of consecutive recordings; streaming, a batch holds one recording's.
     */
    public Map<String, float[][]> predict(NDManager manager, List<? extends FramedExample> recordings) {
        Map<String, FramedExample> byId = new LinkedHashMap<>();
        Map<String, float[][]> out = new LinkedHashMap<>();
        List<List<Window>> perRecording = new ArrayList<>();
        for (FramedExample r : recordings) {
            byId.put(r.recordingId(), r);
            out.put(r.recordingId(), new float[r.numFrames()][]);
            perRecording.add(Windows.of(r.recordingId(), r.numFrames(), config.windowFrames(), Windows.LastWindow.PAD));
        }
        BatchAssembler assembler = BatchAssembler.of(config, byId);
        switch (mode) {
            case FAITHFUL -> {
                for (List<Window> batch : batches(perRecording.stream().flatMap(List::stream).toList())) {
                    copyOut(predictWindows(manager, assembler, batch), batch, out);
                }
            }
            case OVERLAPPING -> overlap(manager, assembler, recordings, perRecording, out);
            case STREAMING -> {
                for (List<Window> windows : perRecording) {
                    stream(manager, assembler, windows, out);
                }
            }
        }
        for (Map.Entry<String, float[][]> e : out.entrySet()) {
            FramedExample r = byId.get(e.getKey());
            PostProcessing.apply(e.getValue(), r.subject(), r.timing(), config, prior, level);
        }
        return out;
    }

    /**
     * {@link WindowMode#OVERLAPPING}: the faithful windows plus a second grid of them half a window later; each frame's
     * outputs are the average over the windows holding it, weighted by its distance to the nearer edge of each (a linear
     * cross-fade between two windows where they overlap).
     */
    private void overlap(NDManager manager, BatchAssembler assembler, List<? extends FramedExample> recordings,
            List<List<Window>> faithful, Map<String, float[][]> out) {
        int t = config.windowFrames();
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            FramedExample r = recordings.get(i);
            List<Window> both = new ArrayList<>(faithful.get(i));
            if (t / 2 > 0 && r.numFrames() > t / 2) {
                both.addAll(Windows.of(r.recordingId(), r.numFrames(), t, Windows.LastWindow.PAD, t / 2));
            }
            // In order of their starts, so that a source read forward (scoring) steps back by half a window at most.
            both.sort(Comparator.comparingInt(Window::startFrame));
            windows.addAll(both);
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (List<Window> batch : batches(windows)) {
            float[][] frames = predictWindows(manager, assembler, batch);
            int next = 0;
            for (Window w : batch) {
                float[][] sums = out.get(w.recordingId());
                float[] weight = weights.computeIfAbsent(w.recordingId(), id -> new float[sums.length]);
                for (int f = 0; f < w.validFrames(); f++) {
                    float[] y = frames[next++];
                    float edge = Math.min(f + 0.5f, t - f - 0.5f);
                    int at = w.startFrame() + f;
                    if (sums[at] == null) {
                        sums[at] = new float[y.length];
                    }
                    for (int v = 0; v < y.length; v++) {
                        sums[at][v] += edge * y[v];
                    }
                    weight[at] += edge;
                }
            }
        }
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            float[][] sums = out.get(e.getKey());
            for (int f = 0; f < sums.length; f++) {
                for (int v = 0; v < sums[f].length; v++) {
                    sums[f][v] /= e.getValue()[f];
                }
            }
        }
    }

    /**
     * One forward pass over {@code windows} (one batch, all of the same length), each from a zero LSTM state: the
     * outputs of their real frames, window after window, padding dropped. For callers that stream a recording batch
     * by batch.
     */
    public float[][] predictWindows(NDManager manager, BatchAssembler assembler, List<Window> windows) {
        return pass(manager, assembler, windows, (step, ps, inputs) -> net.forward(ps, inputs, false).singletonOrThrow());
    }

    /** One recording's windows in order, the LSTM state carried from each batch into the next. */
    private void stream(NDManager manager, BatchAssembler assembler, List<Window> windows, Map<String, float[][]> out) {
        StreamingNetwork streaming = (StreamingNetwork) net;
        Shape state = new Shape(1, config.lstmUnits());
        float[][] hc = new float[2][];
        for (List<Window> batch : batches(windows)) {
            float[][] frames = pass(manager, assembler, batch, (step, ps, inputs) -> {
                // The state crosses batches as host arrays: each batch's arrays die with its manager.
                NDList y = streaming.forwardStream(ps, inputs, hc[0] == null ? null : step.create(hc[0], state),
                        hc[1] == null ? null : step.create(hc[1], state));
                hc[0] = y.get(1).toFloatArray();
                hc[1] = y.get(2).toFloatArray();
                return y.get(0);
            });
            copyOut(frames, batch, out);
        }
    }

    /** What one batch runs: its outputs {@code [B, T, values]} from its inputs, on the batch's own manager. */
    private interface Pass {
        NDArray run(NDManager step, ParameterStore ps, NDList inputs);
    }

    /** Assembles a batch, runs {@code pass} over it without gradients, and keeps the outputs of the real frames. */
    private float[][] pass(NDManager manager, BatchAssembler assembler, List<Window> windows, Pass pass) {
        WindowBatch batch = assembler.assemble(windows);
        try (InferenceMode noGradients = InferenceMode.enter(); NDManager step = manager.newSubManager()) {
            NDList inputs = NetworkInputs.of(step, config, batch);
            NDArray y = pass.run(step, new ParameterStore(step, true), inputs);
            int t = batch.frames();
            int values = (int) y.getShape().get(2);
            float[] flat = y.toFloatArray();
            int valid = windows.stream().mapToInt(Window::validFrames).sum();
            float[][] out = new float[valid][values];
            int next = 0;
            for (int b = 0; b < windows.size(); b++) {
                for (int f = 0; f < windows.get(b).validFrames(); f++) {
                    System.arraycopy(flat, (b * t + f) * values, out[next++], 0, values);
                }
            }
            return out;
        }
    }

    /** Puts a batch's real frames ({@link #predictWindows}' order) at their places in their recordings' outputs. */
    private static void copyOut(float[][] frames, List<Window> batch, Map<String, float[][]> out) {
        int next = 0;
        for (Window w : batch) {
            System.arraycopy(frames, next, out.get(w.recordingId()), w.startFrame(), w.validFrames());
            next += w.validFrames();
        }
    }

    /** Predictions next to the gold labels, one series per labelled recording, for scoring. */
    public List<EmotionSeries> series(NDManager manager, List<? extends FramedExample> recordings) {
        Map<String, float[][]> predicted = predict(manager, recordings);
        List<EmotionSeries> out = new ArrayList<>();
        for (FramedExample r : recordings) {
            if (r.labelled()) {
                out.add(new EmotionSeries(r.recordingId(), config.frameSeconds(), predicted.get(r.recordingId()),
                        r.labels(0, r.numFrames())));
            }
        }
        return out;
    }
}
