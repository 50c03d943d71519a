package org.emospark.jobs;

import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.model.predict.WindowMode;
import picocli.CommandLine.Option;

/** What to score and how, shared by {@code score} and {@code bench-score} so both mean the same by each option. */
final class ScoringOptions {
    @Option(names = "--model", paramLabel = "ID", description = "Model id (default: the most recently trained).")
    String model;

    @Option(names = "--recordings", paramLabel = "SQL",
            description = "Which recordings: a Spark SQL condition on the recordings table, e.g. \"split = 'Test'\" "
                    + "(default: all).")
    String recordings;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Windows per forward pass (default: emospark.score.batchSize).")
    Integer batchSize;

    @Option(names = "--windows", paramLabel = "MODE",
            description = "faithful (zero LSTM state per window), overlapping (windows every half window, blended), "
                    + "streaming (the state carries over from window to window) or model (as the model was trained); "
                    + "default: emospark.score.windows.")
    String windows;

    int batchSize(EmosparkConfig config) {
        return SparkJob.batchSize(batchSize, config);
    }

    /** The window mode asked for; null: as the model was trained. */
    WindowMode windows(EmosparkConfig config) {
        return windows(windows, config);
    }

    /** A {@code --windows} option's mode, else {@code emospark.score.windows}'s; null: as the model was trained. */
    static WindowMode windows(String option, EmosparkConfig config) {
        return WindowMode.parseSetting(option != null ? option : config.get(ConfigKeys.SCORE_WINDOWS));
    }

    /** Fails on a bad batch size or window mode before a session starts. */
    void validate(EmosparkConfig config) {
        batchSize(config);
        windows(config);
    }
}
