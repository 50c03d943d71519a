package org.emospark.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.emospark.config.EmosparkConfig;
import org.emospark.features.embedding.EmbedAction;
import org.emospark.features.embedding.EmbedSettings;
import org.emospark.features.embedding.ValenceLexicon;
import org.emospark.features.embedding.VectorFormat;
import org.emospark.lake.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Make word vectors for the semantic stream: train word2vec (Spark MLlib, skip-gram) on the",
                "lake's transcripts plus optional plain text, or import pretrained vectors. Writes the embeddings",
                "and embedding_sets tables; word2vec parameters come from emospark.embed.* (see conf/)."})
public final class EmbedJob extends SparkJob {
    @Option(names = "--text", paramLabel = "PATH",
            description = "Folder or glob of plain-text files (one sentence per line) to train on beside the transcripts.")
    String text;

    @Option(names = "--import", paramLabel = "FILE",
            description = "Import pretrained vectors instead of training (word2vec text/binary, fastText .vec, GloVe).")
    String importFile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Format of --import: auto, word2vec_text, word2vec_binary, fasttext_vec, glove_text. "
                    + "Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name of the embedding set (default: derived from the configuration and inputs).")
    String name;

    @Option(names = "--lexicon", paramLabel = "FILE",
            description = "A word;valence list: report how often each rated word's 10 nearest neighbours share its "
                    + "valence sign.")
    String lexicon;

    @Option(names = "--align-to", paramLabel = "SET",
            description = "Align the new vectors into this embedding set (a rotation fitted on the words both hold, "
                    + "judged on held-out words) and store them aligned, e.g. vectors from another corpus into the "
                    + "space a model was trained in.")
    String alignTo;

    private VectorFormat parsedFormat;

    @Override
    protected String appName() {
        return "emospark embed";
    }

    @Override
    protected void validate(EmosparkConfig config) {
        if (importFile != null && text != null) {
            throw new IllegalArgumentException("Give --import or --text, not both: --text adds training text, "
                    + "--import skips training");
        }
        try {
            parsedFormat = VectorFormat.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown vector format '" + format
                    + "'; expected auto, word2vec_text, word2vec_binary, fasttext_vec or glove_text");
        }
        EmbedSettings.from(config);
    }

    @Override
    protected String run(Warehouse warehouse, EmosparkConfig config) throws IOException {
        EmbedAction action = new EmbedAction(warehouse, EmbedSettings.from(config)).name(name);
        if (importFile != null) {
            action.importFile(importFile, parsedFormat);
        } else if (text != null) {
            action.textDir(text);
        }
        if (alignTo != null) {
            action.alignTo(alignTo);
        }
        if (lexicon != null) {
            action.lexicon(readLexicon(warehouse, lexicon));
        }
        return ResultText.of(action.execute());
    }

    private static Map<String, Double> readLexicon(Warehouse warehouse, String file) throws IOException {
        Path p = new Path(file);
        try (InputStream in = p.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration()).open(p)) {
            return ValenceLexicon.parse(in.readAllBytes(), file);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("Lexicon not found: " + file);
        }
    }
}
