package org.emospark.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.emospark.executor.EngineThreads;
import org.emospark.frames.FeatureExample;
import org.emospark.frames.FramedExample;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;
import org.emospark.frames.Windows;
import org.emospark.metrics.DimensionScores;
import org.emospark.metrics.EmotionScoring;
import org.emospark.metrics.EmotionSeries;
import org.emospark.model.ModelConfig;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.TrainSettings;
import org.emospark.model.data.BatchAssembler;
import org.emospark.model.data.NetworkInputs;
import org.emospark.model.predict.LabelPrior;
import org.emospark.model.predict.PostProcessing;
import org.emospark.model.predict.RecordingPredictor;
import org.emospark.model.predict.TimingLevel;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.EpochReport;
import org.emospark.model.store.FusionOrigin;
import org.emospark.model.store.ModelManifest;
import org.emospark.model.store.ModelStore;
import org.emospark.model.store.RefitReport;

/**
 * Trains the network on CPU (or whatever device DJL's default is) with Adam on {@code 1 - CCC}: windows of T
 * frames from the training recordings in a seeded random order each epoch, development CCC on the
 * concatenation of all Devel predictions after each epoch (also as the kept model gives them, when it conditions them on
 * the labels' prior: then those choose), the best epoch's parameters kept, early stopping
 * after {@code patience} epochs without improvement (nor an epoch within {@code patienceTolerance} of the best). One
 * progress line per epoch.
 *
 * <p>The loop is written out rather than using DJL's {@code EasyTrain}: the LSTM-only gradient-norm clip
 * ({@link TrainingStep}), the data-wait measurement and the AVEC development metric all sit between the steps.
 */
public final class ModelTrainer {
    /**
     * The outcome: the best epoch's parameters (DJL's block format) and the history that chose it.
     *
     * @param keptDevel the kept model's Devel scores as it predicts (its outputs smoothed and conditioned on
     *              {@code labelPrior} as its config says); the epochs' own scores, which chose it, are the network's
     *              outputs as they are
     * @param labelPrior how the training labels move in time, stored with the model
     * @param refit with {@link TrainSettings#refit()}, the second training whose network {@code bestParameters} holds
     *              (then {@code labelPrior} and the lines of {@code timingLevel} are fitted on its recordings, Train and
     *              Devel); null otherwise
     * @param timingLevel with {@link ModelConfig#timingLevel()}, the lines fitted on the Train utterances and the
     *                    weights chosen on Devel ({@code keptDevel} is scored with it); null without it, or when Train
     *                    held too few timed utterances
     */
    public record Result(ModelConfig config, TrainSettings settings, byte[] bestParameters, List<EpochReport> epochs,
                         int bestEpoch, DimensionScores keptDevel, long parameterCount, double trainSeconds,
                         double trainAudioSeconds, double dataWaitFraction, LabelPrior labelPrior, RefitReport refit,
                         TimingLevel timingLevel) {
        public EpochReport best() {
            return epochs.get(bestEpoch - 1);
        }

        /**
         * The manifest of the model this training made, trained on {@code train} and selected on {@code devel}
         * (recording ids), from lake tables at {@code inputVersions}; {@code fusion} null for end-to-end training.
         */
        public ModelManifest manifest(String modelId, String name, String embeddingSet, Map<String, Long> inputVersions,
                                      List<String> train, List<String> devel, FusionOrigin fusion) {
            return new ModelManifest(modelId, name, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), config,
                    settings, embeddingSet, inputVersions, train, devel, trainAudioSeconds, parameterCount, epochs, bestEpoch,
                    keptDevel, trainSeconds, audioSecondsPerSecond(), dataWaitFraction, fusion, labelPrior, refit,
                    timingLevel);
        }

        /**
         * This choice with the network, label prior and time of the training that refitted it, and the lines of its
         * timing level under the weights this choice made.
         */
        Result refittedBy(byte[] parameters, LabelPrior prior, RefitReport report, TimingLevel refittedLines) {
            TimingLevel level = timingLevel == null || refittedLines == null ? null
                    : refittedLines.withWeights(timingLevel.weights());
            return new Result(config, settings, parameters, epochs, bestEpoch, keptDevel, parameterCount,
                    trainSeconds + report.seconds(), trainAudioSeconds, dataWaitFraction, prior, report, level);
        }

        /** Audio seconds trained on per wall second, over the first run's training passes (no dev evaluation). */
        public double audioSecondsPerSecond() {
            double passSeconds = epochs.stream().mapToDouble(EpochReport::trainPassSeconds).sum();
            return trainAudioSeconds * epochs.size() / passSeconds;
        }
    }

    private final ModelConfig config;
    private final TrainSettings settings;
    private final Consumer<String> progress;

    public ModelTrainer(ModelConfig config, TrainSettings settings, Consumer<String> progress) {
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (config.bidirectional() && settings.carryState()) {
            throw new IllegalArgumentException("emospark.model.bidirectional=true and emospark.train.carryState=true "
                    + "cannot go together: a backward LSTM reads each window from its end, so there is no state to carry "
                    + "into the next window; set one of them to false");
        }
    }

    /** Trains the whole network from audio, its parameters initialised from the seed. */
    public Result train(List<RecordingExample> train, List<RecordingExample> devel) {
        checkSplits(train, devel);
        Function<NDManager, SpeechEmotionNet> network = root -> {
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            net.initialize(root, DataType.FLOAT32, NetworkInputs.shapes(config, settings.batchSize()));
            return net;
        };
        Result chosen = run(labelled(train), new Epochs.ChooseOn(devel), network, false);
        return settings.refit() ? refit(chosen, labelled(both(train, devel)), network, false) : chosen;
    }

    /** The recordings as training sees them: with another recording's labels each for the shuffled-labels control. */
    private List<RecordingExample> labelled(List<RecordingExample> recordings) {
        return settings.shuffledLabels() ? ShuffledLabels.apply(recordings, settings.seed()) : recordings;
    }

    private static <T> List<T> both(List<? extends T> train, List<? extends T> devel) {
        List<T> all = new ArrayList<>(train);
        all.addAll(devel);
        return all;
    }

    /**
     * {@link TrainSettings#refit()}: trains the network again from the seed on {@code all} (Train and Devel) for the
     * epochs {@code chosen} ran to its best, and keeps that network. Nothing is scored on the way: Devel is training data
     * now, and the epoch count is the first run's choice.
     */
    private Result refit(Result chosen, List<? extends FramedExample> all, Function<NDManager, SpeechEmotionNet> network,
                         boolean fusionOnly) {
        progress.accept(String.format("refit: training again on Train and Devel (%d recordings) for the %d epochs Devel "
                + "chose", all.size(), chosen.bestEpoch()));
        Result refitted = new ModelTrainer(config, settings.withEpochs(chosen.bestEpoch()), progress)
                .run(all, new Epochs.KeepLast(), network, fusionOnly);
        return chosen.refittedBy(refitted.bestParameters(), refitted.labelPrior(), refitted.refit(),
                refitted.timingLevel());
    }

    /**
     * The fusion stage: trains the network after the CNN ({@link SpeechEmotionNet#fusionNet()}) from the CNN's stored
     * features. The CNN is frozen by never running: its parameters are those {@code start} gives the network, and
     * they are stored unchanged with the trained rest, so the result is a whole network like any other.
     */
    public Result trainFusion(List<FeatureExample> train, List<FeatureExample> devel, FusionStart start) {
        Objects.requireNonNull(start, "start");
        checkSplits(train, devel);
        if (!config.streams().usesParalinguistic()) {
            throw new IllegalArgumentException("The fusion stage trains from CNN features, but streams " + config.streams()
                    + " have no CNN: train this network end to end");
        }
        if (settings.shuffledLabels()) {
            throw new IllegalArgumentException("The shuffled-labels control trains end to end, not in the fusion stage");
        }
        if (settings.shiftWindows()) {
            throw new IllegalArgumentException("emospark.train.shiftWindows=true cannot apply to the fusion stage: the CNN "
                    + "features were computed on the window grid from frame 0 and depend on it; set it to false");
        }
        Function<NDManager, SpeechEmotionNet> network = root -> start.build(root, config, settings.batchSize());
        Result chosen = run(train, new Epochs.ChooseOn(devel), network, true);
        return settings.refit() ? refit(chosen, both(train, devel), network, true) : chosen;
    }

    private static void checkSplits(List<? extends FramedExample> train, List<? extends FramedExample> devel) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("No labelled training recordings: ingest a corpus with a Train split");
        }
        if (devel.isEmpty()) {
            throw new IllegalArgumentException("No labelled development recordings: model selection needs a Devel split");
        }
    }

    /** What a run does after each epoch: scores Devel to choose the best epoch, or (a refit) trains on and keeps the last. */
    private sealed interface Epochs permits Epochs.ChooseOn, Epochs.KeepLast {
        record ChooseOn(List<? extends FramedExample> devel) implements Epochs {
        }

        record KeepLast() implements Epochs {
        }
    }

    /**
     * The training loop, for the whole network ({@code fusionOnly} false) or its fusion network alone; {@code network}
     * gives the initialised whole network, whose parameters are what a checkpoint saves either way. With
     * {@link Epochs.KeepLast} (a refit) it trains every epoch of the settings, scores nothing and keeps the last.
     */
    private Result run(List<? extends FramedExample> trainSet, Epochs epochs, Function<NDManager, SpeechEmotionNet> network,
                       boolean fusionOnly) {
        boolean refitting = epochs instanceof Epochs.KeepLast;
        // A refit has no Devel: Devel is among its training recordings.
        List<? extends FramedExample> devel = epochs instanceof Epochs.ChooseOn choose ? choose.devel() : List.of();
        // The driver trains on every core; a sweep's run, inside a Spark task, on the task's.
        EngineThreads.apply();
        int t = config.windowFrames();
        if (config.streams().usesParalinguistic()) {
            config.requireWindow(t);
        }
        Map<String, FramedExample> byId = new LinkedHashMap<>();
        Map<String, Integer> frames = new LinkedHashMap<>();
        for (FramedExample r : trainSet) {
            byId.put(r.recordingId(), r);
            frames.put(r.recordingId(), r.numFrames());
        }
        List<Window> windows = Windows.of(frames, t, settings.lastWindow());
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("Every training recording is shorter than one window of " + t + " frames ("
                    + t * config.frameSeconds() + " s): lower emospark.model.windowFrames");
        }
        double audioSeconds = windows.size() * t * config.frameSeconds();
        BatchAssembler assembler = BatchAssembler.of(config, byId);
        ModalityDropout wordDropout = new ModalityDropout(config.streams().usesSemantic() ? settings.modalityDropout() : 0);
        AudioAugmenter augmenter = new AudioAugmenter(settings.augmentationOrNone());

        try (NDManager root = NDManager.newBaseManager()) {
            SpeechEmotionNet net;
            // The engine's generator is global to the JVM: networks initialised on two threads at once (a sweep's
            // tasks in one executor) would draw from it in turns and no longer repeat from the seed.
            synchronized (ModelTrainer.class) {
                Engine.getInstance().setRandomSeed((int) settings.seed());
                net = network.apply(root);
            }
            Block trained = fusionOnly ? net.fusionNet() : net;
            TrainingStep step = new TrainingStep(trained, config, settings,
                    (windows.size() + settings.batchSize() - 1) / settings.batchSize());
            // Epochs are chosen on the outputs as the kept model gives them when it conditions them on the labels'
            // prior: that reads the network only on the subject's frames, so the epoch whose outputs there are best
            // wins, whatever it does between the subject's turns. Smoothing alone would only flatten a noisy Devel
            // curve and change when patience runs out, so without the prior epochs are chosen on the raw outputs.
            // A refit scores nothing, so it has no predictor.
            RecordingPredictor predictor = refitting ? null : new RecordingPredictor(trained, config.withSmoothSeconds(0),
                    settings.batchSize(), WindowMode.trainedWith(config, settings));
            progress.accept(String.format("training %s: %,d parameters%s, %d windows of %d frames (%.1f s of audio) from "
                            + "%d recordings, batch %d%s, %s", label(fusionOnly),
                    SpeechEmotionNet.parameterCount(trained), fusionOnly ? String.format(" (of %,d; the CNN's frozen)",
                            SpeechEmotionNet.parameterCount(net)) : "",
                    windows.size(), t, audioSeconds, trainSet.size(), settings.batchSize(),
                    settings.carryState() ? " (rows carry the LSTM state from window to window)" : "",
                    refitting ? "Devel among them (a refit scores nothing)" : devel.size() + " devel recordings")
                    + (settings.averageEpochs() > 0 ? String.format("; the model kept is the weights' moving average over "
                    + "about %s epochs", settings.averageEpochs()) : "")
                    + (augmenter.active() && !fusionOnly ? "; training audio augmented: " + augmenter.describe() : "")
                    + (settings.scheduleOrFixed() == TrainSettings.LearningRateSchedule.COSINE ? String.format(
                    "; step size from %s down to %s along a cosine over %d epochs", settings.learningRate(),
                    settings.learningRate() * TrainSettings.LearningRateSchedule.COSINE_FLOOR, settings.epochs()) : ""));

            // Closed with root; null: the weights as trained are scored and kept.
            WeightAverage average = settings.averageEpochs() > 0 ? new WeightAverage(trained, root, settings.averageEpochs())
                    : null;
            LabelPrior prior = LabelPrior.fit(trainSet.stream().map(r -> r.labels(0, r.numFrames())).toList(),
                    LabelPrior.MAX_LAG_FRAMES);
            long started = System.nanoTime();
            List<EpochReport> history = new ArrayList<>();
            List<Double> refitLosses = new ArrayList<>();
            byte[] best = null;
            List<EmotionSeries> bestSeries = null;
            EarlyStopping stopping = new EarlyStopping(settings.patience(), settings.patienceTolerance());
            long waitTotal = 0;
            long passTotal = 0;
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                Random random = new Random(settings.seed() * 1_000_003L + epoch);
                List<List<Window>> batches = new ArrayList<>();
                List<boolean[]> continues = new ArrayList<>();
                if (settings.carryState()) {
                    for (WindowLanes.Step s : WindowLanes.of(perRecording(frames, t, Windows.LastWindow.DROP,
                                    settings.shiftWindows() ? random : null),
                            settings.batchSize(), random)) {
                        batches.add(s.windows());
                        continues.add(s.continues());
                    }
                } else {
                    List<Window> order = new ArrayList<>(settings.shiftWindows() ? shifted(frames, t, settings.lastWindow(), random)
                            : windows);
                    Collections.shuffle(order, random);
                    for (int i = 0; i < order.size(); i += settings.batchSize()) {
                        batches.add(order.subList(i, Math.min(order.size(), i + settings.batchSize())));
                    }
                }
                Function<List<Window>, WindowBatch> build = assembler::assemble;
                if (wordDropout.active()) {
                    // Drawn here, in batch order, so the choice does not depend on the prefetch thread's timing.
                    Map<List<Window>, boolean[]> drops = new IdentityHashMap<>();
                    for (List<Window> b : batches) {
                        drops.put(b, wordDropout.choose(b.size(), random));
                    }
                    Function<List<Window>, WindowBatch> plain = build;
                    build = b -> ModalityDropout.apply(plain.apply(b), drops.get(b));
                }
                if (augmenter.active()) {
                    Map<List<Window>, AudioAugmenter.Draw[]> draws = new IdentityHashMap<>();
                    for (List<Window> b : batches) {
                        draws.put(b, augmenter.choose(b.size(), random));
                    }
                    Function<List<Window>, WindowBatch> plain = build;
                    build = b -> AudioAugmenter.apply(plain.apply(b), draws.get(b), config.frameSamples());
                }
                double lossSum = 0;
                long waited;
                try (BatchPrefetcher prefetcher = new BatchPrefetcher(batches, build);
                     CarriedState state = new CarriedState(root)) {
                    for (int i = 0; prefetcher.hasNext(); i++) {
                        WindowBatch batch = prefetcher.next();
                        lossSum += settings.carryState() ? step.run(root, batch, state, continues.get(i))
                                : step.run(root, batch);
                        if (average != null) {
                            average.update(batches.size());
                        }
                    }
                    waited = prefetcher.waitNanos();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Training interrupted", e);
                }
                long passNanos = System.nanoTime() - epochStart;
                waitTotal += waited;
                passTotal += passNanos;
                if (refitting) {
                    refitLosses.add(lossSum / batches.size());
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    progress.accept(ProgressLine.refit(epoch, settings.epochs(), lossSum / batches.size(), passNanos / 1e9,
                            elapsed, (settings.epochs() - epoch) * elapsed / epoch));
                    continue;
                }
                DimensionScores dev;
                DimensionScores kept;
                double chosenOn;
                List<EmotionSeries> series;
                byte[] improvedParameters = null;
                try (WeightAverage.Swap averaged = average == null ? null : average.swapIn()) {
                    series = predictor.series(root, devel);
                    dev = EmotionScoring.onConcatenation(series);
                    kept = config.priorSmoothing() ? EmotionScoring.onConcatenation(asKept(series, devel, prior)) : null;
                    chosenOn = (kept != null ? kept : dev).meanCcc();
                    if (stopping.improves(chosenOn)) {
                        // Read here, while the average (when there is one) stands in the weights' place.
                        improvedParameters = ModelStore.parametersOf(net);
                    }
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                EpochReport report = new EpochReport(epoch, lossSum / batches.size(), dev, seconds, passNanos / 1e9,
                        (double) waited / passNanos, kept);
                history.add(report);
                if (stopping.record(epoch, chosenOn)) {
                    best = improvedParameters;
                    bestSeries = series;
                }
                double elapsed = (System.nanoTime() - started) / 1e9;
                // ETA to the last epoch; early stopping can only make it shorter.
                progress.accept(ProgressLine.format(report, settings.epochs(), stopping.bestEpoch(), stopping.bestScore(),
                        elapsed, (settings.epochs() - epoch) * elapsed / epoch));
                if (stopping.stops()) {
                    progress.accept(stopping.reason());
                    break;
                }
            }
            if (refitting) {
                byte[] last;
                try (WeightAverage.Swap averaged = average == null ? null : average.swapIn()) {
                    last = ModelStore.parametersOf(net);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                return new Result(config, settings, last, List.of(), settings.epochs(), null, SpeechEmotionNet.parameterCount(net),
                        seconds, audioSeconds, (double) waitTotal / passTotal, prior,
                        new RefitReport(trainSet.stream().map(FramedExample::recordingId).toList(), refitLosses, seconds),
                        config.timingLevel() ? TimingLevel.fit(trainSet) : null);
            }
            if (best == null) {
                throw new IllegalStateException("Development CCC was never finite: the network predicts a constant; "
                        + "check the labels and the learning rate");
            }
            // With the prior the best epoch's scores as kept are already there; smoothing alone is applied here. The
            // timing level comes after the choice: its weights are chosen on the chosen epoch's outputs.
            int bestEpoch = stopping.bestEpoch();
            DimensionScores bestKept = history.get(bestEpoch - 1).keptDevel();
            TimingLevel level = null;
            DimensionScores keptDevel = bestKept;
            if (bestKept == null || config.timingLevel()) {
                List<EmotionSeries> kept = asKept(bestSeries, devel, prior);
                level = config.timingLevel() ? chooseLevel(trainSet, kept, devel) : null;
                if (bestKept == null || level != null) {
                    keptDevel = EmotionScoring.onConcatenation(level == null ? kept
                            : level.applied(kept, FramedExample.byId(devel)));
                }
            }
            return new Result(config, settings, best, List.copyOf(history), bestEpoch, keptDevel, SpeechEmotionNet.parameterCount(net),
                    (System.nanoTime() - started) / 1e9, audioSeconds, (double) waitTotal / passTotal, prior, null, level);
        }
    }

    /**
     * The Devel series as the kept model predicts them before its timing level (chosen on these): each recording's
     * outputs smoothed and conditioned on {@code prior} as the config says.
     */
    private List<EmotionSeries> asKept(List<EmotionSeries> series, List<? extends FramedExample> devel, LabelPrior prior) {
        Map<String, FramedExample> byId = FramedExample.byId(devel);
        List<EmotionSeries> out = new ArrayList<>();
        for (EmotionSeries e : series) {
            FramedExample r = byId.get(e.recordingId());
            EmotionSeries copy = e.withPredictionsCopied();
            PostProcessing.apply(copy.predicted(), r.subject(), r.timing(), config, prior, null);
            out.add(copy);
        }
        return out;
    }

    /**
     * The timing level's lines fitted on {@code train}, with the weights under which {@code keptDevel} (the chosen
     * epoch's Devel outputs as kept without it) scores best; null when Train holds too few timed utterances.
     */
    private TimingLevel chooseLevel(List<? extends FramedExample> train, List<EmotionSeries> keptDevel,
                                    List<? extends FramedExample> devel) {
        TimingLevel lines = TimingLevel.fit(train);
        if (lines == null) {
            progress.accept(String.format("timing level: none (fewer than %d timed subject utterances in Train: "
                    + "semantic frames built before pause_s, or no turns and transcripts)", TimingLevel.MIN_UTTERANCES));
            return null;
        }
        TimingLevel chosen = lines.chooseWeights(keptDevel, FramedExample.byId(devel));
        double[] w = chosen.weights();
        double[] p = chosen.pValues();
        progress.accept(String.format("timing level: moved towards it by arousal %.2f, valence %.2f, liking %.2f "
                + "(chosen on Devel; a line's p-value on the Train utterances %.2g, %.2g, %.2g, moved only under %s)",
                w[0], w[1], w[2], p[0], p[1], p[2], TimingLevel.MAX_P_VALUE));
        return chosen;
    }

    /** This epoch's windows: each recording's grid moved by a random offset in [0, T). */
    private static List<Window> shifted(Map<String, Integer> frames, int t, Windows.LastWindow edges, Random random) {
        List<Window> out = new ArrayList<>();
        perRecording(frames, t, edges, random).forEach(out::addAll);
        return out;
    }

    /**
     * Each recording's full windows in order, its grid moved by a random offset in [0, T) ({@code random} null: 0), its
     * edges as {@code edges} says.
     */
    private static List<List<Window>> perRecording(Map<String, Integer> frames, int t, Windows.LastWindow edges,
            Random random) {
        List<List<Window>> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : frames.entrySet()) {
            out.add(Windows.of(e.getKey(), e.getValue(), t, edges, random == null ? 0 : random.nextInt(t)));
        }
        return out;
    }

    private String label(boolean fusionOnly) {
        return (fusionOnly ? "the fusion stage of " : "") + config.fusion().name().toLowerCase() + "/"
                + config.streams().name().toLowerCase();
    }
}
