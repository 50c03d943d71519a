package org.emospark.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.emospark.config.ConfigKeys;
import org.emospark.config.EmosparkConfig;
import org.emospark.features.embedding.EmbedAction;
import org.emospark.features.embedding.EmbedSettings;
import org.emospark.features.embedding.ValenceLexicon;
import org.emospark.features.embedding.VectorFormat;
import org.emospark.features.embedding.WordTranslation;
import org.emospark.features.speech2vec.Speech2VecSettings;
import org.emospark.lake.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Make word vectors for the semantic stream: train word2vec (Spark MLlib, skip-gram) on the",
                "lake's transcripts plus optional plain text, import pretrained vectors, or learn Speech2Vec vectors",
                "from the lake's own speech. Writes the embeddings and embedding_sets tables; parameters come from",
                "emospark.embed.* and emospark.speech2vec.* (see conf/)."})
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

    @Option(names = "--concat", paramLabel = "SET,SET", split = ",",
            description = "Make a set of these sets' vectors one after the other for every word (zeros where a set "
                    + "lacks it), e.g. text and aligned speech vectors as one semantic input.")
    List<String> concat;

    @Option(names = "--align-method", paramLabel = "METHOD", defaultValue = "procrustes",
            description = "How --align-to finds the map: procrustes (fitted on the words both sets hold) or adversarial "
                    + "(MUSE: no dictionary; adversarial training, then Procrustes over mutual nearest neighbours). "
                    + "Default: ${DEFAULT-VALUE}.")
    String alignMethod;

    @Option(names = "--speech2vec",
            description = "Learn the vectors from the corpus's speech instead of text: an encoder-decoder over the MFCCs "
                    + "of every timed word, trained to reconstruct its neighbours (Speech2Vec). Add --align-to SET to "
                    + "map them into a word2vec set's space, as the paper does.")
    boolean speech2vec;

    private VectorFormat parsedFormat;
    private WordTranslation.Method parsedAlignMethod;

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
        if (concat != null && (importFile != null || text != null || speech2vec)) {
            throw new IllegalArgumentException("--concat combines existing sets: give it without --import, --text and "
                    + "--speech2vec");
        }
        if (speech2vec && (importFile != null || text != null)) {
            throw new IllegalArgumentException("--speech2vec learns from the lake's speech: give it without --import "
                    + "and --text");
        }
        if (speech2vec) {
            Speech2VecSettings.from(config);
        }
        parsedAlignMethod = switch (alignMethod.trim().toLowerCase(Locale.ROOT)) {
            case "procrustes" -> WordTranslation.Method.PROCRUSTES;
            case "adversarial" -> WordTranslation.Method.ADVERSARIAL;
            default -> throw new IllegalArgumentException("Unknown alignment method '" + alignMethod
                    + "'; expected procrustes or adversarial");
        };
        if (alignTo == null && parsedAlignMethod != WordTranslation.Method.PROCRUSTES) {
            throw new IllegalArgumentException("--align-method needs --align-to SET: the set to align into");
        }
        try {
            parsedFormat = VectorFormat.valueOf(format.trim().toUpperCase(Locale.ROOT));
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
        } else if (concat != null) {
            action.concatenate(concat);
        } else if (text != null) {
            action.textDir(text);
        } else if (speech2vec) {
            action.speech2vec(Speech2VecSettings.from(config)).progress(line -> {
                System.err.println(line);
                System.err.flush();
            });
        }
        if (alignTo != null) {
            action.alignTo(alignTo).alignMethod(parsedAlignMethod, config.getInt(ConfigKeys.ALIGN_ADVERSARIAL_ROUNDS));
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
