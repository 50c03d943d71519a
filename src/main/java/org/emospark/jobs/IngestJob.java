package org.emospark.jobs;

import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.ingest.CorpusLayout;
import org.emospark.ingest.IngestAction;
import org.emospark.ingest.IngestResult;
import org.emospark.ingest.IngestSettings;
import org.emospark.lake.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingest a corpus into the lake's recordings, audio_chunks, utterances, words, labels,",
                "turns and rejects tables. Idempotent: running it twice changes no row; a changed file",
                "replaces its recording's rows. Bad input goes to the rejects table and never stops the job."})
public final class IngestJob extends SparkJob {
    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "avec2017",
            description = "avec2017 (audio/, labels/, turns/, transcriptions/), manifest (CSV/JSONL file) or "
                    + "archive (every WAV/FLAC under a folder or glob). Default: ${DEFAULT-VALUE}.")
    String layout;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Corpus folder, manifest file, or archive folder/glob (local, hdfs:// or s3a://).")
    String input;

    @Option(names = "--corpus", paramLabel = "NAME", description = "Corpus name stored with each recording "
            + "(default: the input folder's name).")
    String corpus;

    @Option(names = "--manifest-format", paramLabel = "FORMAT",
            description = "csv or jsonl (default: from the manifest's extension).")
    String manifestFormat;

    @Option(names = "--force", description = "Re-process every recording, also those whose audio, labels, turns, "
            + "transcript and ingest settings are unchanged since the last ingest (they are skipped otherwise).")
    boolean force;

    private CorpusLayout parsedLayout;

    @Override
    protected String appName() {
        return "emospark ingest";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        parsedLayout = CorpusLayout.parse(layout);
        IngestSettings.from(config);
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) {
        IngestResult result = new IngestAction(warehouse, IngestSettings.from(config))
                .layout(parsedLayout)
                .input(input)
                .corpus(corpus)
                .manifestFormat(manifestFormat)
                .maxTasks(config.getInt(ConfigKeys.INGEST_TASKS))
                .force(force)
                .execute();
        return ResultText.of(result);
    }
}
