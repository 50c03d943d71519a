package org.emospark.jobs;

import org.emospark.config.EmosparkConfig;
import org.emospark.lake.Warehouse;
import org.emospark.train.ImportModelAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import-model", mixinStandardHelpOptions = true,
        description = {"Bring a model trained in another warehouse into this one: its stored files, its models row",
                "(imported_from names the source; its lineage is kept) and the word vectors of its embedding set.",
                "Then score, evaluate and features --paralinguistic use it like a model trained here; build the",
                "semantic frames from its embedding set first (features --semantic --embeddings SET).",
                "Importing the same model again changes nothing."})
public final class ImportModelJob extends SparkJob {
    @Option(names = "--from", paramLabel = "PATH", required = true,
            description = "Root of the warehouse the model was trained in (local path, hdfs:// or s3a://).")
    String from;

    @Option(names = "--model", paramLabel = "ID", description = "Model id (default: the source's most recently trained).")
    String model;

    @Override
    protected String appName() {
        return "emospark import-model";
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        return ResultText.of(new ImportModelAction(warehouse, from).model(model).execute());
    }
}
