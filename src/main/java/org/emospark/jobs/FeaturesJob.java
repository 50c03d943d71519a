package org.emospark.jobs;

import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.features.paralinguistic.ParalinguisticFramesAction;
import org.emospark.features.semantic.SemanticFramesAction;
import org.emospark.features.semantic.WordSpeakers;
import org.emospark.lake.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Compute per-100 ms feature tables from the lake.",
                "--semantic: semantic_frames, the vector of the word spoken in each frame (zeros in silence).",
                "--paralinguistic: paralinguistic_frames, a stored model's CNN output for each frame, computed in the",
                "executors; the fusion stage (train --stage fusion) trains from them. Recordings the model cannot read",
                "go to the rejects table (stage features)."})
public final class FeaturesJob extends SparkJob {
    @Option(names = "--semantic", description = "Write semantic_frames from words and an embedding set.")
    boolean semantic;

    @Option(names = "--embeddings", paramLabel = "SET",
            description = "Embedding set to use (default: the most recently created; see the embedding_sets table).")
    String embeddings;

    @Option(names = "--paralinguistic", description = "Write paralinguistic_frames with the CNN of a stored model.")
    boolean paralinguistic;

    @Option(names = "--model", paramLabel = "ID",
            description = "Model whose CNN computes the paralinguistic frames (default: the most recently trained).")
    String model;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Windows per CNN forward pass (default: emospark.score.batchSize).")
    Integer batchSize;

    @Override
    protected String appName() {
        return "emospark features";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        if (!semantic && !paralinguistic) {
            throw new IllegalArgumentException("Say which features to compute: --semantic, --paralinguistic or both");
        }
        if (!paralinguistic && (model != null || batchSize != null)) {
            throw new IllegalArgumentException("--model and --batch-size go with --paralinguistic");
        }
        if (paralinguistic) {
            batchSize(batchSize, config);
        }
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        StringBuilder out = new StringBuilder();
        if (semantic) {
            out.append(ResultText.of(new SemanticFramesAction(warehouse).embeddingSet(embeddings)
                    .wordSpeakers(WordSpeakers.parse(config.get(ConfigKeys.FEATURES_WORD_SPEAKERS))).execute()));
        }
        if (paralinguistic) {
            out.append(ResultText.of(new ParalinguisticFramesAction(warehouse).model(model)
                    .batchSize(batchSize(batchSize, config)).execute()));
        }
        return out.toString();
    }
}
