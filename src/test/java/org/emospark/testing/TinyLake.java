package org.emospark.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.FileUtils;
import org.emospark.features.embedding.EmbedAction;
import org.emospark.features.embedding.EmbedSettings;
import org.emospark.features.embedding.VectorFormat;
import org.emospark.features.semantic.SemanticFramesAction;
import org.emospark.ingest.CorpusLayout;
import org.emospark.ingest.IngestAction;
import org.emospark.ingest.IngestSettings;
import org.emospark.lake.Warehouse;
import org.emospark.model.ModelConfig;
import org.emospark.model.TrainSettings;
import org.emospark.train.TrainAction;

/**
 * A lake small enough to train a model on in seconds: the {@link TestCorpus#writeSplits} recordings ingested at
 * 1 kHz (frames of 100 samples), 4-dimensional word vectors imported from a three-word file, semantic frames
 * built; with a network config and training settings to match.
 */
public final class TinyLake {
    /** The lake's sample rate. */
    public static final int RATE = 1000;
    /**
     * Frame input 200, pools 4 x 2 = 8 divide it (any window length works), 8 x 200 / 8 = 200 CNN features per
     * frame; 4 semantic dimensions as in the vector file; windows of 10 frames (1 s).
     */
    public static final ModelConfig CONFIG = new ModelConfig(RATE, 0.1, List.of(4, 8), List.of(4, 2), List.of(4, 2), 0.1,
            8, 4, 4, 100, 1, 3, ModelConfig.Fusion.ATTENTION, ModelConfig.Streams.BOTH, ModelConfig.LossWeights.EQUAL, 4, 10);
    /** Two epochs, batches of two windows, seeded. */
    public static final TrainSettings SETTINGS = new TrainSettings(2, 2, 2, 0.005, 0.9, 0.99, 5, 11, false);

    /** The lake of {@link #build(Path)} with one model trained on it, made once per test JVM; see {@link #trained}. */
    private static Path trainedTemplate;
    private static String trainedModelId;

    /** A copy of the trained tiny lake and the id of the model stored in it. */
    public record Trained(Warehouse warehouse, String modelId) {
    }

    private TinyLake() {
    }

    /**
     * The lake of {@link #build(Path)} with one model trained on it by {@link #CONFIG} and {@link #SETTINGS}, copied
     * into {@code dir/wh}. The lake is built and the model trained once per test JVM (in a temporary folder removed at
     * exit), so test classes that need a trained model share that cost and still each write to a lake of their own.
     * The copy's {@code models.path} names the template's store; the store itself is read from the copy.
     */
    public static synchronized Trained trained(Path dir) throws IOException {
        if (trainedTemplate == null) {
            Path template = Files.createTempDirectory("emospark-tiny-lake-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteQuietly(template.toFile())));
            Warehouse wh = build(template);
            trainedModelId = new TrainAction(wh, CONFIG, SETTINGS).execute().manifest().modelId();
            trainedTemplate = template;
        }
        File copy = dir.resolve("wh").toFile();
        try {
            FileUtils.copyDirectory(trainedTemplate.resolve("wh").toFile(), copy);
        } catch (IOException e) {
            throw new UncheckedIOException("copying the trained tiny lake to " + copy, e);
        }
        return new Trained(new Warehouse(TestSpark.session(), copy.toString()), trainedModelId);
    }

    /** Writes the corpus under {@code dir/corpus} and builds the lake at {@code dir/wh}. */
    public static Warehouse build(Path dir) throws IOException {
        return build(dir, TestCorpus.writeSplits(dir.resolve("corpus"), RATE), RATE);
    }

    /**
     * Builds the lake at {@code dir/wh} from an AVEC 2017 layout {@code corpus} (e.g. {@link TestCorpus#writeTest}),
     * its audio resampled to {@code rate}, with the same three-word vectors.
     */
    public static Warehouse build(Path dir, Path corpus, int rate) throws IOException {
        Warehouse wh = new Warehouse(TestSpark.session(), dir.resolve("wh").toString());
        new IngestAction(wh, new IngestSettings(rate, 0.1, 30, "uniform")).layout(CorpusLayout.AVEC2017)
                .input(corpus.toString()).execute();
        Path vectors = dir.resolve("tiny.vec");
        TestCorpus.text(vectors, "3 4\nHello 1 0 0 0\nwonderful 0 1 0 0\nlaughter 0 0 1 0.5\n");
        new EmbedAction(wh, new EmbedSettings(16, 4, 1, 5, 7, 1)).importFile(vectors.toString(), VectorFormat.AUTO)
                .execute();
        new SemanticFramesAction(wh).execute();
        return wh;
    }
}
