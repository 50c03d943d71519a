package org.emospark.jobs;

import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.scoring.ScoringBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench-score", mixinStandardHelpOptions = true,
        description = {"Benchmark (figures, not pass/fail): scoring throughput in x real time, score --rescore end to",
                "end in Spark against the same forward pass in a plain loop in the driver JVM, same recordings, model,",
                "batch size and window mode, alternating for a number of rounds (min / median / max). Rewrites the",
                "recordings' predictions as score --rescore does."})
public final class BenchScoreJob extends SparkJob {
    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of both paths (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    protected String appName() {
        return "emospark bench-score";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        scoring.validate(config);
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, cannot be: " + rounds);
        }
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) throws Exception {
        return ResultText.of(new ScoringBenchmark(warehouse, scoring.batchSize(config), scoring.windows(config), rounds)
                .run(scoring.model, scoring.recordings));
    }
}
