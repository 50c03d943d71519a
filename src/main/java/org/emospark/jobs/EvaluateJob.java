package org.emospark.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emospark.config.EmosparkConfig;
import org.emospark.evaluate.EvaluateAction;
import org.emospark.lake.Warehouse;
import org.emospark.model.predict.WindowMode;
import org.emospark.model.store.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score stored models on a split: CCC, Pearson and RMSE per dimension into the evaluations table,",
                "and an HTML report per model (plots of predicted vs gold per recording, score tables).",
                "With --compare, several models side by side (the ablation table)."})
public final class EvaluateJob extends SparkJob {
    @Option(names = "--model", paramLabel = "ID", description = "Model id (default: the most recently trained).")
    String model;

    @Option(names = "--compare", paramLabel = "ID,ID,...", split = ",",
            description = "Evaluate these models and write one comparison table across them.")
    List<String> compare = new ArrayList<>();

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "Test",
            description = "Split to score: Train, Devel or Test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where reports go (default: <warehouse>/reports for a local warehouse, else ./emospark-reports).")
    Path reportDir;

    @Option(names = "--windows", paramLabel = "MODE",
            description = "faithful, overlapping, streaming or model (as the model was trained); default: "
                    + "emospark.score.windows, as in score.")
    String windows;

    @Override
    protected String appName() {
        return "emospark evaluate";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        if (model != null && !compare.isEmpty()) {
            throw new IllegalArgumentException("Give either --model or --compare, not both");
        }
        org.emospark.corpus.text.SplitNames.normalize(split);
        windows(config);
    }

    private WindowMode windows(EmosparkConfig config) {
        return ScoringOptions.windows(windows, config);
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        List<String> ids = !compare.isEmpty() ? compare
                : List.of(model != null ? model : new ModelRegistry(warehouse).latest());
        Path dir = reportDir != null ? reportDir : EvaluateAction.defaultReportDir(warehouse);
        return ResultText.of(new EvaluateAction(warehouse, ids, split, dir).windows(windows(config)).execute());
    }
}
