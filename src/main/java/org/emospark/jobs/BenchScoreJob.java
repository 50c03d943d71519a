package org.emospark.jobs;

import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.scoring.ScoringBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bench-score", mixinStandardHelpOptions = true,
        description = {"Benchmark (figures, not pass/fail): scoring throughput in x real time, score --rescore end to",
                "end in Spark against the same forward pass in a plain loop in the driver JVM, same recordings, model,",
                "batch size and window mode. Rewrites the recordings' predictions as score --rescore does."})
public final class BenchScoreJob extends SparkJob {
    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Override
    protected String appName() {
        return "emospark bench-score";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        scoring.validate(config);
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) throws Exception {
        return ResultText.of(new ScoringBenchmark(warehouse, scoring.batchSize(config), scoring.windows(config))
                .run(scoring.model, scoring.recordings));
    }
}
