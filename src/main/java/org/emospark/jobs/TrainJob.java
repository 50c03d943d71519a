package org.emospark.jobs;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.train.ConfiguredTraining;
import org.emospark.train.FusionSweepAction;
import org.emospark.train.FusionSweepResult;
import org.emospark.train.FusionTrainAction;
import org.emospark.train.TrainAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the speech-emotion network from the lake (audio chunks, turns, semantic frames, labels).",
                "Train split to fit, Devel split to select the best epoch (mean CCC, AVEC concatenation).",
                "The network and training come from emospark.model.* and emospark.train.* (see conf/emospark.properties;",
                "conf/models/*.properties hold the paper's variants, e.g. --config conf/models/quick.properties).",
                "The model is stored under <warehouse>/model_store/<model_id> and registered in the models table.",
                "--stage fusion trains only the network after the CNN, from a model's stored CNN features",
                "(features --paralinguistic), keeping its CNN: the source model's network and training unless",
                "--config/--conf say otherwise; --sweep FILE trains several such configurations, one Spark task each."})
public final class TrainJob extends SparkJob {
    @Option(names = "--name", paramLabel = "NAME",
            description = "Readable part of the model id (default: <fusion>-<streams>, e.g. attention-both; "
                    + "fusion-<fusion>-<streams> for the fusion stage).")
    String name;

    @Option(names = "--shuffled-labels",
            description = "Control experiment: train on labels shuffled across recordings (Devel keeps its own).")
    boolean shuffledLabels;

    @Option(names = "--force", description = "Train again even if this exact model is already stored.")
    boolean force;

    @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "end-to-end",
            description = "end-to-end (default: the whole network from audio) or fusion (the network after the CNN, "
                    + "from stored CNN features).")
    String stage;

    @Option(names = "--features", paramLabel = "ID",
            description = "Fusion stage: the model whose CNN features (paralinguistic_frames) to train from and whose "
                    + "CNN to keep (default: the only model with features).")
    String features;

    @Option(names = "--sweep", paramLabel = "FILE",
            description = "Fusion stage: a file of configurations to train in parallel, one Spark task each (see "
                    + "conf/sweeps/); all are registered and evaluated on Devel, the best by Devel CCC flagged.")
    Path sweep;

    @Override
    protected String appName() {
        return "emospark train";
    }

    private boolean fusionStage() {
        return switch (stage.trim().toLowerCase(Locale.ROOT)) {
            case "end-to-end", "end_to_end" -> false;
            case "fusion" -> true;
            default -> throw new IllegalArgumentException("--stage must be end-to-end or fusion, cannot be: " + stage);
        };
    }

    @Override
    protected void validate(EmosparkConfig config) {
        if (fusionStage()) {
            if (shuffledLabels) {
                throw new IllegalArgumentException("--shuffled-labels trains end to end, not with --stage fusion");
            }
            if (sweep != null && name != null) {
                throw new IllegalArgumentException("A sweep names its models after the sweep file and its configurations: "
                        + "give --name or --sweep, not both");
            }
            ConfiguredTraining.fusionInit(config);
        } else {
            if (features != null || sweep != null) {
                throw new IllegalArgumentException("--features and --sweep go with --stage fusion");
            }
            ConfiguredTraining.model(config);
            ConfiguredTraining.settings(config);
        }
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        Consumer<String> progress = line -> {
            System.err.println(line);
            System.err.flush();
        };
        if (!fusionStage()) {
            return ResultText.of(new TrainAction(warehouse, ConfiguredTraining.model(config),
                    ConfiguredTraining.settings(config).withShuffledLabels(shuffledLabels))
                    .name(name).force(force).progress(progress).execute());
        }
        if (sweep == null) {
            return ResultText.of(new FusionTrainAction(warehouse).features(features).overrides(options.commandLineKeys()).name(name)
                    .force(force).progress(progress).execute());
        }
        FusionSweepResult result = new FusionSweepAction(warehouse, sweep).features(features)
                .overrides(options.commandLineKeys()).force(force).execute();
        if (!result.failed().isEmpty()) {
            System.out.print(ResultText.of(result));
            throw new IllegalStateException(result.failed().size() + " of " + result.rows().size()
                    + " configurations of the sweep failed (see above); rerunning trains only those");
        }
        return ResultText.of(result);
    }
}
