package org.emospark.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.emospark.frames.WindowBatch;
import org.emospark.model.CccLoss;
import org.emospark.model.ModelConfig;
import org.emospark.model.ParameterUpdate;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.StreamingNetwork;
import org.emospark.model.TrainSettings;
import org.emospark.model.data.NetworkInputs;

/**
 * One optimisation step on one batch: forward in training mode (dropout on), {@code 1 - CCC} loss, backward,
 * the LSTM's gradient-norm clip, Adam, and the gradients zeroed for the next step (the PyTorch engine
 * accumulates them otherwise). Every temporary array lives in a per-step manager and is freed with it.
 */
public final class TrainingStep {
    private static final Object GRADIENTS = new Object();
    private final ModelConfig config;
    private final Block net;
    private final CccLoss loss;
    private final LstmGradientClip clip;
    private final Optimizer adam;
    private final List<Parameter> parameters = new ArrayList<>();

    /** For an initialised network. */
    public TrainingStep(SpeechEmotionNet net, TrainSettings settings) {
        this(net, net.config(), settings, 1);
    }

    /**
     * For an initialised block of the network {@code config} describes: the whole network, or its
     * {@link org.emospark.model.FusionNet} alone (fed CNN features; only its parameters are trained).
     */
    public TrainingStep(Block net, ModelConfig config, TrainSettings settings, int stepsPerEpoch) {
        this.net = net;
        this.config = config;
        this.loss = new CccLoss(config.lossWeights());
        List<Parameter> lstm = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            parameters.add(p.getValue());
            if (p.getKey().contains("lstm")) {
                lstm.add(p.getValue());
            }
        }
        this.clip = new LstmGradientClip(lstm, settings.lstmClipNorm());
        this.adam = Adam.builder().optLearningRateTracker(tracker(settings, stepsPerEpoch))
                .optBeta1((float) settings.beta1()).optBeta2((float) settings.beta2()).build();
    }

    /** Adam's step size per update as {@code settings.schedule()} says; updates are counted per parameter, one per step. */
    static Tracker tracker(TrainSettings settings, int stepsPerEpoch) {
        float lr = (float) settings.learningRate();
        return switch (settings.scheduleOrFixed()) {
            case FIXED -> Tracker.fixed(lr);
            case COSINE -> Tracker.cosine().setBaseValue(lr)
                    .optFinalValue((float) (lr * TrainSettings.LearningRateSchedule.COSINE_FLOOR))
                    .setMaxUpdates(Math.max(1, Math.multiplyExact(settings.epochs(), Math.max(1, stepsPerEpoch))))
                    .build();
        };
    }

    /** Runs the step and returns the batch's loss. */
    public double run(NDManager root, WindowBatch batch) {
        return run(root, batch, (step, inputs) -> net.forward(new ParameterStore(step, false), inputs, true));
    }

    /**
     * Runs the step with the LSTM of each row starting from {@code state}'s row where {@code continues} says so (zeros
     * elsewhere), keeps the state the rows end in for the next step, and returns the batch's loss.
     */
    double run(NDManager root, WindowBatch batch, CarriedState state, boolean[] continues) {
        if (!(net instanceof StreamingNetwork streaming)) {
            throw new IllegalArgumentException("Training with the state carried needs a network that carries it, not "
                    + net.getClass().getSimpleName());
        }
        return run(root, batch, (step, inputs) -> {
            NDArray[] start = state.start(step, continues);
            NDList out = streaming.forwardCarried(new ParameterStore(step, false), inputs,
                    start == null ? null : start[0], start == null ? null : start[1], true, null);
            state.keep(out.get(1), out.get(2));
            return new NDList(out.get(0));
        });
    }

    private double run(NDManager root, WindowBatch batch, BiFunction<NDManager, NDList, NDList> forward) {
        try (NDManager step = root.newSubManager()) {
            NDList inputs = NetworkInputs.of(step, config, batch);
            NDList gold = NetworkInputs.labels(step, batch);
            float value;
            // DJL's PyTorch engine lets one gradient collector run per JVM at a time: networks trained on several
            // threads (a sweep's tasks in one executor) take turns step by step.
            synchronized (GRADIENTS) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList predicted = forward.apply(step, inputs);
                    NDArray l = loss.evaluate(gold, predicted);
                    value = l.getFloat();
                    if (!Float.isFinite(value)) {
                        throw new IllegalStateException("Training loss became " + value + " on " + batch.windows()
                                + ": lower the learning rate or check the labels of these windows");
                    }
                    collector.backward(l);
                }
            }
            clip.apply(step);
            ParameterUpdate.apply(adam, parameters, step);
            return value;
        }
    }
}
