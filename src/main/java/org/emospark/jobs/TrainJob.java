package org.emospark.jobs;

import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.model.train.ConfiguredTraining;
import org.emospark.model.train.TrainAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train the speech-emotion network from the lake (audio chunks, turns, semantic frames, labels).",
                "Train split to fit, Devel split to select the best epoch (mean CCC, AVEC concatenation).",
                "The network and training come from emospark.model.* and emospark.train.* (see conf/emospark.properties;",
                "conf/models/*.properties hold the paper's variants, e.g. --config conf/models/quick.properties).",
                "The model is stored under <warehouse>/model_store/<model_id> and registered in the models table."})
public final class TrainJob extends SparkJob {
    @Option(names = "--name", paramLabel = "NAME",
            description = "Readable part of the model id (default: <fusion>-<streams>, e.g. attention-both).")
    String name;

    @Option(names = "--shuffled-labels",
            description = "Control experiment: train on labels shuffled across recordings (Devel keeps its own).")
    boolean shuffledLabels;

    @Option(names = "--force", description = "Train again even if this exact model is already stored.")
    boolean force;

    @Override
    protected String appName() {
        return "emospark train";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        ConfiguredTraining.model(config);
        ConfiguredTraining.settings(config);
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        return new TrainAction(warehouse, ConfiguredTraining.model(config),
                ConfiguredTraining.settings(config).withShuffledLabels(shuffledLabels))
                .name(name)
                .force(force)
                .progress(line -> {
                    System.err.println(line);
                    System.err.flush();
                })
                .execute().summary();
    }
}
