package org.emospark.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.emospark.frames.RecordingExample;
import org.emospark.frames.Window;
import org.emospark.frames.WindowBatch;
import org.emospark.metrics.Spread;
import org.emospark.model.ModelConfig;
import org.emospark.model.ModelFlops;
import org.emospark.model.ParalinguisticCnn;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.TrainSettings;
import org.emospark.model.data.NetworkInputs;

/**
 * How fast the network trains on this machine against how fast it could: the DJL matrix-multiply rate
 * (the practical compute ceiling), the model's forward FLOPs per audio second ({@link ModelFlops}), and the
 * measured training-step throughput on synthetic windows (random audio, vectors and labels, so no lake is
 * needed and the data pipeline is out of the picture). The audio is laid out as real frames are: each frame's
 * samples in the subject half or the interlocutor half by turns of 1 to 5 s, the other half zeros. A training step
 * costs about three forward passes. Each round measures all of them, and the forward pass three times: as the network
 * runs it, computing every position of its CNN (no silence skipped, see {@link ParalinguisticCnn#skipSilence}), and
 * that with its first convolution over the whole signal at once before its pool (the reference; see
 * {@link ParalinguisticCnn#SPAN_BYTES}). FLOP rates count the network's FLOPs whatever is skipped. The report gives min / median / max over the rounds, and the shares of the
 * matmul rate and the ratio to the reference are taken within a round.
 */
public final class ComputeBenchmark {
    /**
     * One round's figures: the matmul rate, then the best training step, the best forward pass, the best forward pass
     * computing every position of the CNN (no silence skipped, {@link ParalinguisticCnn#skipSilence}), and the best
     * forward pass of the reference (every position, the first convolution over the whole signal at once).
     */
    public record Round(double matmulFlopsPerSecond, double trainAudioSecondsPerSecond,
                        double forwardAudioSecondsPerSecond, double everyPositionForwardAudioSecondsPerSecond,
                        double referenceForwardAudioSecondsPerSecond) {
    }

    /** The figures of every round (rounds alternate the measurements, so load moves them alike). */
    public record Figures(ModelConfig config, long parameters, int matmulSize, Map<String, Double> forwardFlopsPerAudioSecond,
                          int batchSize, List<Round> rounds) {
        public Figures {
            rounds = List.copyOf(rounds);
        }

        public double forwardFlops() {
            return forwardFlopsPerAudioSecond.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public Spread matmul() {
            return Spread.of(rounds.stream().map(Round::matmulFlopsPerSecond).toList());
        }

        public Spread forward() {
            return Spread.of(rounds.stream().map(Round::forwardAudioSecondsPerSecond).toList());
        }

        public Spread everyPositionForward() {
            return Spread.of(rounds.stream().map(Round::everyPositionForwardAudioSecondsPerSecond).toList());
        }

        /** The forward pass's speed over that of the same pass computing every position, within a round. */
        public Spread forwardOverEveryPosition() {
            return Spread.of(rounds.stream()
                    .map(r -> r.forwardAudioSecondsPerSecond() / r.everyPositionForwardAudioSecondsPerSecond()).toList());
        }

        public Spread referenceForward() {
            return Spread.of(rounds.stream().map(Round::referenceForwardAudioSecondsPerSecond).toList());
        }

        /** The forward pass's speed over the reference forward's, within a round. */
        public Spread forwardOverReference() {
            return Spread.of(rounds.stream()
                    .map(r -> r.forwardAudioSecondsPerSecond() / r.referenceForwardAudioSecondsPerSecond()).toList());
        }

        public Spread training() {
            return Spread.of(rounds.stream().map(Round::trainAudioSecondsPerSecond).toList());
        }

        /** The forward pass's FLOP rate over the matmul rate measured in the same round. */
        public Spread forwardShareOfMatmul() {
            return Spread.of(rounds.stream()
                    .map(r -> r.forwardAudioSecondsPerSecond() * forwardFlops() / r.matmulFlopsPerSecond()).toList());
        }

        /** The training step's FLOP rate (a step = 3 forwards) over the matmul rate of the same round. */
        public Spread trainingShareOfMatmul() {
            return Spread.of(rounds.stream()
                    .map(r -> r.trainAudioSecondsPerSecond() * 3 * forwardFlops() / r.matmulFlopsPerSecond()).toList());
        }

        public String report() {
            StringBuilder s = new StringBuilder();
            s.append(String.format("model: %s fusion, %s stream(s), %,d parameters, batch %d x %d frames; %d round(s), "
                            + "figures min / median / max%n", config.fusion().name().toLowerCase(),
                    config.streams().name().toLowerCase(), parameters, batchSize, config.windowFrames(), rounds.size()));
            s.append(String.format("matmul %dx%d float32 (DJL, best of repeats per round): %s GFLOP/s%n", matmulSize,
                    matmulSize, matmul().times(1e-9).format("%.1f")));
            s.append(String.format("forward cost: %.3f GFLOP per audio second%n", forwardFlops() / 1e9));
            forwardFlopsPerAudioSecond.forEach((k, v) -> s.append(String.format("  %-26s %8.1f MFLOP%n", k, v / 1e6)));
            s.append(String.format("forward (inference): %s audio s per s, i.e. %s GFLOP/s%n", forward().format("%.1f"),
                    forward().times(forwardFlops() / 1e9).format("%.1f")));
            s.append(String.format("  share of the same round's matmul rate: %s %%%n",
                    forwardShareOfMatmul().times(100).format("%.1f")));
            s.append(String.format("forward computing every position (no silence skipped): %s audio s per s; forward / it: %s%n",
                    everyPositionForward().format("%.1f"), forwardOverEveryPosition().format("%.2f")));
            s.append(String.format("forward, every position, first convolution over the whole signal at once (reference): %s audio s per s; forward / reference: %s%n",
                    referenceForward().format("%.1f"), forwardOverReference().format("%.2f")));
            s.append(String.format("training step: %s audio s per s, i.e. %s GFLOP/s (3x forward)%n",
                    training().format("%.1f"), training().times(3 * forwardFlops() / 1e9).format("%.1f")));
            s.append(String.format("  share of the same round's matmul rate (the compute limit): %s %%%n",
                    trainingShareOfMatmul().times(100).format("%.1f")));
            return s.toString();
        }
    }

    private ComputeBenchmark() {
    }

    public static Figures run(ModelConfig config, TrainSettings settings, int steps, int matmulSize, int rounds) {
        if (steps < 1 || rounds < 1) {
            throw new IllegalArgumentException("A benchmark needs at least one step and one round, cannot have " + steps
                    + " step(s) and " + rounds + " round(s)");
        }
        Engine.getInstance().setRandomSeed((int) settings.seed());
        try (NDManager root = NDManager.newBaseManager()) {
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            net.initialize(root, DataType.FLOAT32, NetworkInputs.shapes(config, settings.batchSize()));
            WindowBatch batch = syntheticBatch(config, settings.batchSize(), settings.seed());
            double audioPerBatch = batch.size() * batch.frames() * config.frameSeconds();

            TrainingStep step = new TrainingStep(net, settings);
            step.run(root, batch);  // warm-up: allocator and kernels
            List<Round> measured = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double matmul = matmulRate(root, matmulSize, 5);
                double bestStep = Double.MAX_VALUE;
                for (int i = 0; i < steps; i++) {
                    long t0 = System.nanoTime();
                    step.run(root, batch);
                    bestStep = Math.min(bestStep, (System.nanoTime() - t0) / 1e9);
                }
                double bestForward = bestForward(root, net, batch, steps, ParalinguisticCnn.SPAN_BYTES, true);
                double bestEveryPosition = bestForward(root, net, batch, steps, ParalinguisticCnn.SPAN_BYTES, false);
                double bestReference = bestForward(root, net, batch, steps, Long.MAX_VALUE, false);
                useSpans(net, ParalinguisticCnn.SPAN_BYTES, true);
                measured.add(new Round(matmul, audioPerBatch / bestStep, audioPerBatch / bestForward,
                        audioPerBatch / bestEveryPosition, audioPerBatch / bestReference));
            }
            return new Figures(config, SpeechEmotionNet.parameterCount(net), matmulSize,
                    ModelFlops.perAudioSecond(config), settings.batchSize(), measured);
        }
    }

    /**
     * Seconds of the best of {@code steps} forward passes after one warm-up, the CNN's spans at most {@code spanBytes},
     * skipping silence or not.
     */
    private static double bestForward(NDManager root, SpeechEmotionNet net, WindowBatch batch, int steps,
                                      long spanBytes, boolean skipSilence) {
        useSpans(net, spanBytes, skipSilence);
        ModelConfig config = net.config();
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= steps; i++) {
            try (NDManager m = root.newSubManager()) {
                long t0 = System.nanoTime();
                net.forward(new ai.djl.training.ParameterStore(m, false), NetworkInputs.of(m, config, batch), false)
                        .singletonOrThrow().toFloatArray();
                if (i > 0) {
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        return best;
    }

    private static void useSpans(SpeechEmotionNet net, long spanBytes, boolean skipSilence) {
        if (net.paralinguisticCnn() != null) {
            net.paralinguisticCnn().spanBytes(spanBytes).skipSilence(skipSilence);
        }
    }

    /** FLOP/s of an n x n float32 matrix product, best of {@code repeats} after one warm-up. */
    static double matmulRate(NDManager manager, int n, int repeats) {
        try (NDManager m = manager.newSubManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            a.matMul(b).getFloat(0, 0);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0);  // forces the product to be computed
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                c.close();
            }
            return 2.0 * n * n * n / best;
        }
    }

    private static WindowBatch syntheticBatch(ModelConfig config, int batch, long seed) {
        Random r = new Random(seed);
        int t = config.windowFrames();
        List<Window> windows = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            windows.add(new Window("synthetic", b * t, t, t));
        }
        float[] audio = config.streams().usesParalinguistic() ? turnsAudio(r, batch * t, config) : null;
        float[] semantic = config.streams().usesSemantic() ? random(r, batch * t * config.semanticInputs(), 0.25f) : null;
        float[] labels = random(r, batch * t * RecordingExample.OUTPUTS, 0.8f);
        return new WindowBatch(windows, t, audio, semantic, labels);
    }

    /** {@code frames} frames of random samples, each in one half by turns of 10 to 50 frames, the other half zeros. */
    private static float[] turnsAudio(Random r, int frames, ModelConfig config) {
        int half = config.frameSamples();
        float[] audio = new float[frames * config.frameInput()];
        boolean subject = true;
        int turnLeft = 10 + r.nextInt(41);
        for (int f = 0; f < frames; f++) {
            int start = f * config.frameInput() + (subject ? 0 : half);
            for (int i = 0; i < half; i++) {
                audio[start + i] = (r.nextFloat() * 2 - 1) * 0.1f;
            }
            if (--turnLeft == 0) {
                subject = !subject;
                turnLeft = 10 + r.nextInt(41);
            }
        }
        return audio;
    }

    private static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * scale;
        }
        return v;
    }
}
