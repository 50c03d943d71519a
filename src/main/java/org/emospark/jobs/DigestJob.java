package org.emospark.jobs;

import java.util.LinkedHashSet;
import java.util.List;
import org.emospark.config.EmosparkConfig;
import org.emospark.lake.LakeDigest;
import org.emospark.lake.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Print what every table of the warehouse holds as rows, distinct keys and two order-free",
                "digests (of the keys, and of the keys with every value but write timestamps): two warehouses with",
                "equal lines hold the same rows to the bit, whatever their files and versions."})
public final class DigestJob extends SparkJob {
    @Option(names = "--ignore", split = ",", paramLabel = "TABLE.COLUMN",
            description = "Columns to leave out of the values digest, e.g. models.path.")
    List<String> ignore = List.of();

    @Override
    protected String appName() {
        return "emospark digest";
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        return ResultText.of(new LakeDigest(warehouse).ignoring(new LinkedHashSet<>(ignore)).execute());
    }
}
