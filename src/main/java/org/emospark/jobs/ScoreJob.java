package org.emospark.jobs;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.scoring.ScoreAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score recordings of the lake with a stored model, in the executors: arousal, valence and liking",
                "every 100 ms into the predictions table (partitioned by score date) and one summary row per recording",
                "into recording_emotion. Incremental: recordings this model has scored are skipped (--rescore scores",
                "them again); idempotent: scoring the same recordings again changes no row. Recordings that cannot",
                "be scored go to the rejects table (stage score)."})
public final class ScoreJob extends SparkJob {
    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Score date the rows are filed under (default: today).")
    String date;

    @Option(names = "--rescore", description = "Score the recordings again even if this model has scored them.")
    boolean rescore;

    @Override
    protected String appName() {
        return "emospark score";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        scoreDate();
        scoring.validate(config);
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        return ResultText.of(new ScoreAction(warehouse)
                .model(scoring.model)
                .recordings(scoring.recordings)
                .scoreDate(scoreDate())
                .rescore(rescore)
                .batchSize(scoring.batchSize(config))
                .windows(scoring.windows(config))
                .execute());
    }

    private LocalDate scoreDate() {
        try {
            return date == null ? null : LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--date must be a date written YYYY-MM-DD, cannot be: " + date);
        }
    }
}
