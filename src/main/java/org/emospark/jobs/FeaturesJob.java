package org.emospark.jobs;

import org.emospark.config.EmosparkConfig;
import org.emospark.features.frames.SemanticFramesAction;
import org.emospark.lake.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Compute per-100 ms feature tables from the lake.",
                "--semantic: semantic_frames, the vector of the word spoken in each frame (zeros in silence)."})
public final class FeaturesJob extends SparkJob {
    @Option(names = "--semantic", description = "Write semantic_frames from words and an embedding set.")
    boolean semantic;

    @Option(names = "--embeddings", paramLabel = "SET",
            description = "Embedding set to use (default: the most recently created; see the embedding_sets table).")
    String embeddings;

    @Override
    protected String appName() {
        return "emospark features";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        if (!semantic) {
            throw new IllegalArgumentException("Say which features to compute: --semantic");
        }
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        return new SemanticFramesAction(warehouse).embeddingSet(embeddings).execute().summary();
    }
}
