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
import org.emospark.model.ModelConfig;
import org.emospark.model.ModelFlops;
import org.emospark.model.SpeechEmotionNet;
import org.emospark.model.TrainSettings;
import org.emospark.model.data.NetworkInputs;

/**
 * How fast the network trains on this machine against how fast it could: the DJL matrix-multiply rate
 * (the practical compute ceiling), the model's forward FLOPs per audio second ({@link ModelFlops}), and the
 * measured training-step throughput on synthetic windows (random audio, vectors and labels, so no lake is
 * needed and the data pipeline is out of the picture). A training step costs about three forward passes.
 */
public final class ComputeBenchmark {
    /** The figures, each measured as the best of the repeats (least disturbed by other load). */
    public record Figures(ModelConfig config, long parameters, int matmulSize, double matmulFlopsPerSecond,
                          Map<String, Double> forwardFlopsPerAudioSecond, double trainAudioSecondsPerSecond,
                          double forwardAudioSecondsPerSecond, int batchSize) {
        public double forwardFlops() {
            return forwardFlopsPerAudioSecond.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Audio seconds per second training could reach if every FLOP ran at the matmul rate (step = 3 forwards). */
        public double trainCeiling() {
            return matmulFlopsPerSecond / (3 * forwardFlops());
        }

        public String report() {
            StringBuilder s = new StringBuilder();
            s.append(String.format("model: %s fusion, %s stream(s), %,d parameters, batch %d x %d frames%n",
                    config.fusion().name().toLowerCase(), config.streams().name().toLowerCase(), parameters, batchSize,
                    config.windowFrames()));
            s.append(String.format("matmul %dx%d float32 (DJL, best of repeats): %.1f GFLOP/s%n", matmulSize, matmulSize,
                    matmulFlopsPerSecond / 1e9));
            s.append(String.format("forward cost: %.3f GFLOP per audio second%n", forwardFlops() / 1e9));
            forwardFlopsPerAudioSecond.forEach((k, v) -> s.append(String.format("  %-26s %8.1f MFLOP%n", k, v / 1e6)));
            s.append(String.format("forward (inference): %.1f audio s per s, i.e. %.1f GFLOP/s%n",
                    forwardAudioSecondsPerSecond, forwardAudioSecondsPerSecond * forwardFlops() / 1e9));
            s.append(String.format("training step: %.1f audio s per s, i.e. %.1f GFLOP/s (3x forward)%n",
                    trainAudioSecondsPerSecond, trainAudioSecondsPerSecond * 3 * forwardFlops() / 1e9));
            s.append(String.format("compute limit at the matmul rate: %.1f audio s per s; training runs at %.1f%% of it%n",
                    trainCeiling(), 100 * trainAudioSecondsPerSecond / trainCeiling()));
            return s.toString();
        }
    }

    private ComputeBenchmark() {
    }

    public static Figures run(ModelConfig config, TrainSettings settings, int steps, int matmulSize) {
        Engine.getInstance().setRandomSeed((int) settings.seed());
        try (NDManager root = NDManager.newBaseManager()) {
            double matmul = matmulRate(root, matmulSize, 5);
            SpeechEmotionNet net = new SpeechEmotionNet(config);
            net.initialize(root, DataType.FLOAT32, NetworkInputs.shapes(config, settings.batchSize()));
            WindowBatch batch = syntheticBatch(config, settings.batchSize(), settings.seed());
            double audioPerBatch = batch.size() * batch.frames() * config.frameSeconds();

            TrainingStep step = new TrainingStep(net, settings);
            step.run(root, batch);  // warm-up: allocator and kernels
            double bestStep = Double.MAX_VALUE;
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                step.run(root, batch);
                bestStep = Math.min(bestStep, (System.nanoTime() - t0) / 1e9);
            }
            double bestForward = Double.MAX_VALUE;
            for (int i = 0; i <= steps; i++) {
                try (NDManager m = root.newSubManager()) {
                    long t0 = System.nanoTime();
                    net.forward(new ai.djl.training.ParameterStore(m, false), NetworkInputs.of(m, config, batch), false)
                            .singletonOrThrow().toFloatArray();
                    if (i > 0) {
                        bestForward = Math.min(bestForward, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            return new Figures(config, SpeechEmotionNet.parameterCount(net), matmulSize, matmul,
                    ModelFlops.perAudioSecond(config), audioPerBatch / bestStep, audioPerBatch / bestForward,
                    settings.batchSize());
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
        float[] audio = config.streams().usesParalinguistic() ? random(r, batch * t * config.frameInput(), 0.1f) : null;
        float[] semantic = config.streams().usesSemantic() ? random(r, batch * t * config.semanticInputs(), 0.25f) : null;
        float[] labels = random(r, batch * t * RecordingExample.OUTPUTS, 0.8f);
        return new WindowBatch(windows, t, audio, semantic, labels);
    }

    private static float[] random(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() * 2 - 1) * scale;
        }
        return v;
    }
}
