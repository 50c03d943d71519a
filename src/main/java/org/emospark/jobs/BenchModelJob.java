package org.emospark.jobs;

import java.util.concurrent.Callable;
import org.emospark.config.EmosparkConfig;
import org.emospark.train.ComputeBenchmark;
import org.emospark.train.ConfiguredTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-model", mixinStandardHelpOptions = true,
        description = {"Benchmark (figures, not pass/fail): the configured network's training and inference throughput",
                "on synthetic windows, its forward FLOPs per audio second, and a measured DJL matrix-multiply rate,",
                "i.e. how close training runs to this machine's compute limit. Needs no lake and no Spark."})
public final class BenchModelJob implements Callable<Integer> {
    @Mixin
    JobOptions options = new JobOptions();

    @Option(names = "--steps", defaultValue = "3", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of all three measurements "
            + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--matmul-size", defaultValue = "2048", description = "Matrix size n of the n x n product "
            + "(default: ${DEFAULT-VALUE}).")
    int matmulSize;

    @Override
    public Integer call() {
        EmosparkConfig config = options.config();
        if (steps < 1 || rounds < 1 || matmulSize < 16) {
            throw new IllegalArgumentException("--steps and --rounds must be at least 1 and --matmul-size at least 16");
        }
        System.out.print(ComputeBenchmark.run(ConfiguredTraining.model(config), ConfiguredTraining.settings(config), steps,
                matmulSize, rounds).report());
        return 0;
    }
}
