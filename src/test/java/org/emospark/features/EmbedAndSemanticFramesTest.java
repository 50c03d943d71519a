package org.emospark.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.emospark.features.embedding.EmbedAction;
import org.emospark.features.embedding.EmbedResult;
import org.emospark.features.embedding.EmbedSettings;
import org.emospark.features.embedding.EmbeddingSets;
import org.emospark.features.embedding.OovVectors;
import org.emospark.features.embedding.ValenceLexicon;
import org.emospark.features.embedding.VectorFormat;
import org.emospark.features.semantic.SemanticFramesAction;
import org.emospark.features.semantic.SemanticFramesResult;
import org.emospark.ingest.CorpusLayout;
import org.emospark.ingest.IngestAction;
import org.emospark.ingest.IngestSettings;
import org.emospark.jobs.ResultText;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedAndSemanticFramesTest {
    private static final EmbedSettings SMALL = new EmbedSettings(16, 4, 1, 5, 7, 1);

    @TempDir
    Path tmp;

    private Warehouse warehouse() {
        return new Warehouse(TestSpark.session(), tmp.resolve("wh").toString());
    }

    /** The test corpus ingested with uniform word timing. */
    private Warehouse ingestedTestCorpus() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Warehouse wh = warehouse();
        new IngestAction(wh, new IngestSettings(22050, 0.1, 30, "uniform")).layout(CorpusLayout.AVEC2017)
                .input(corpus.toString()).execute();
        return wh;
    }

    private Path vectorFile() throws IOException {
        Path f = tmp.resolve("tiny.vec");
        if (!java.nio.file.Files.exists(f)) {
            TestCorpus.text(f, "3 4\nHello 1 0 0 0\nwonderful 0 1 0 0\nlaughter 0 0 1 0.5\n");
        }
        return f;
    }

    @Test
    void importedVectorsBecomeAnEmbeddingSetAndReimportChangesNothing() throws IOException {
        Warehouse wh = warehouse();
        EmbedResult first = new EmbedAction(wh, SMALL).importFile(vectorFile().toString(), VectorFormat.AUTO).execute();
        assertEquals(3, first.vocabularySize());
        assertEquals(4, first.dims());
        assertTrue(first.embeddingSet().startsWith("tiny-"), first.embeddingSet());
        Row laughter = wh.read(Tables.EMBEDDINGS).where("word = 'laughter'").head();
        assertEquals(List.of(0f, 0f, 1f, 0.5f), laughter.getList(laughter.fieldIndex("vector")));

        EmbedResult again = new EmbedAction(wh, SMALL).importFile(vectorFile().toString(), VectorFormat.AUTO).execute();
        assertEquals(first.embeddingSet(), again.embeddingSet());
        again.tables().forEach(c -> assertFalse(c.changedAnything(), c.toString()));
        assertEquals(1, wh.read(Tables.EMBEDDING_SETS).count());
    }

    /** Another corpus's vectors, in a space of their own, are stored rotated into the set a model knows. */
    @Test
    void importedVectorsAlignedIntoAnExistingSetLandInItsSpaceAndARerunChangesNothing() throws IOException {
        Warehouse wh = warehouse();
        int words = 80;
        int dims = 6;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        StringBuilder known = new StringBuilder(words + " " + dims + "\n");
        StringBuilder other = new StringBuilder(words + " " + dims + "\n");
        float[][] vectors = new float[words][dims];
        for (int i = 0; i < words; i++) {
            known.append("word").append(i);
            other.append("word").append(i);
            for (int k = 0; k < dims; k++) {
                vectors[i][k] = (float) (random.nextDouble() * 2 - 1);
                known.append(' ').append(vectors[i][k]);
            }
            // The other space: the axes in reverse order and the first one flipped, a rotation; and twice as long.
            for (int k = 0; k < dims; k++) {
                float x = vectors[i][dims - 1 - k] * (k == 0 ? -1 : 1);
                other.append(' ').append(2 * x);
            }
            known.append('\n');
            other.append('\n');
        }
        Path knownFile = tmp.resolve("known.vec");
        TestCorpus.text(knownFile, known.toString());
        Path otherFile = tmp.resolve("other.vec");
        TestCorpus.text(otherFile, other.toString());
        String target = new EmbedAction(wh, SMALL).importFile(knownFile.toString(), VectorFormat.AUTO).execute()
                .embeddingSet();

        EmbedResult aligned = new EmbedAction(wh, SMALL).importFile(otherFile.toString(), VectorFormat.AUTO)
                .alignTo(target).execute();

        assertTrue(aligned.embeddingSet().startsWith("other-") && aligned.embeddingSet().contains("-aligned-"),
                aligned.embeddingSet());
        assertEquals(1.0, aligned.alignment().precisionAt1(), 1e-9, aligned.alignment().toString());
        assertEquals(words, aligned.alignment().dictionaryWords() + aligned.alignment().heldOutWords());
        assertTrue(ResultText.of(aligned).contains("aligned into " + target + " by Procrustes"), ResultText.of(aligned));
        Row word7 = wh.read(Tables.EMBEDDINGS).where("embedding_set = '" + aligned.embeddingSet() + "' AND word = 'word7'")
                .head();
        List<Float> stored = word7.getList(word7.fieldIndex("vector"));
        for (int k = 0; k < dims; k++) {
            assertEquals(vectors[7][k], stored.get(k), 1e-4, "dimension " + k);
        }
        Row set = wh.read(Tables.EMBEDDING_SETS).where("embedding_set = '" + aligned.embeddingSet() + "'").head();
        assertTrue(set.getString(set.fieldIndex("lineage")).endsWith(";aligned-to:" + target),
                set.getString(set.fieldIndex("lineage")));
        assertTrue(set.getString(set.fieldIndex("config")).contains("\"alignment\":{\"alignedTo\":\"" + target + "\""),
                set.getString(set.fieldIndex("config")));

        assertTrue(EmbeddingSets.sameSpace(wh, target, aligned.embeddingSet()), "a model on the target reads it");
        assertTrue(EmbeddingSets.sameSpace(wh, target, target));
        assertFalse(EmbeddingSets.sameSpace(wh, aligned.embeddingSet(), target), "alignment has a direction");
        String unaligned = new EmbedAction(wh, SMALL).importFile(otherFile.toString(), VectorFormat.AUTO).execute()
                .embeddingSet();
        assertFalse(EmbeddingSets.sameSpace(wh, target, unaligned), "the same words, not in the target's space");

        EmbedResult again = new EmbedAction(wh, SMALL).importFile(otherFile.toString(), VectorFormat.AUTO)
                .alignTo(target).execute();
        assertEquals(aligned.embeddingSet(), again.embeddingSet());
        again.tables().forEach(c -> assertFalse(c.changedAnything(), c.toString()));
    }

    @Test
    void aligningIntoASetTheLakeDoesNotHoldFailsBeforeAnythingIsWritten() throws IOException {
        Warehouse wh = warehouse();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EmbedAction(wh, SMALL).importFile(vectorFile().toString(), VectorFormat.AUTO)
                        .alignTo("w2v-nope").execute());
        assertTrue(e.getMessage().startsWith("Embedding set 'w2v-nope' not found in "), e.getMessage());
        assertFalse(wh.exists(Tables.EMBEDDINGS));
    }

    @Test
    void semanticFramesFollowThePapersRulesWithOneRowPerFrame() throws IOException {
        Warehouse wh = ingestedTestCorpus();
        String set = new EmbedAction(wh, SMALL).importFile(vectorFile().toString(), VectorFormat.AUTO).execute()
                .embeddingSet();

        SemanticFramesResult result = new SemanticFramesAction(wh).execute();

        assertEquals(set, result.embeddingSet());
        assertEquals(30 + 25 + 42, result.frames(), "one row per 100 ms frame of every recording");
        List<Row> frames = wh.read(Tables.SEMANTIC_FRAMES).where("recording_id = 'Train_01'").orderBy("frame")
                .collectAsList();
        assertEquals(30, frames.size());
        // "hello" spans [0.1, 0.4333]: frames round(0.1,1)*10 = 1 .. round(0.4333,1)*10 = 4 inclusive, but
        // "wonderful" starts at 0.4333 (frame 4) and the later word wins. "Hello" in the vector file is
        // re-keyed to the normalised token.
        assertNull(frames.get(0).getAs("word"));
        assertEquals(List.of(0f, 0f, 0f, 0f), frames.get(0).getList(4), "silence is a zero vector");
        for (int f = 1; f <= 3; f++) {
            assertEquals("hello", frames.get(f).getAs("word"), "frame " + f);
            assertEquals(List.of(1f, 0f, 0f, 0f), frames.get(f).getList(4));
        }
        assertEquals("wonderful", frames.get(4).getAs("word"));
        assertEquals(List.of(0f, 1f, 0f, 0f), frames.get(4).getList(4));
        // "world" is not in the vocabulary: a vector derived from the word itself, flagged unknown.
        Row world = frames.stream().filter(r -> "world".equals(r.getAs("word"))).findFirst().orElseThrow();
        assertFalse((boolean) world.getAs("known"));
        float[] expected = OovVectors.withDefaultScale(4).vectorFor("world");
        List<Float> actual = world.getList(4);
        float[] got = new float[actual.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = actual.get(i);
        }
        assertArrayEquals(expected, got);
        // The <laughter> tag is looked up through its synonym.
        Row laughter = frames.stream().filter(r -> "<laughter>".equals(r.getAs("word"))).findFirst().orElseThrow();
        assertTrue((boolean) laughter.getAs("known"));
        assertEquals(List.of(0f, 0f, 1f, 0.5f), laughter.getList(4));
        // Speaking rates: "Hello, wonderful world." spans [0.1, 1.1] s with 19 letters; "so <laughter> sad" spans
        // [1.9, 2.4] s with 5 (the tag counts none); frames without a word have none.
        assertNull(frames.get(0).getAs("speaking_rate"));
        for (int f = 1; f <= 10; f++) {
            assertEquals(19f, frames.get(f).<Float>getAs("speaking_rate"), 1e-4f, "frame " + f);
        }
        assertEquals(10f, laughter.<Float>getAs("speaking_rate"), 1e-4f);
        assertTrue(frames.stream().filter(r -> r.getAs("word") == null).allMatch(r -> r.getAs("speaking_rate") == null));
        // Pauses: the other speaker's "<filler>" at 1.3 s, 0.2 s after the first utterance ends, ends the silence,
        // though it gives no words (the paper's skip rule); nobody speaks after the last one, so its pause is unknown.
        for (int f = 1; f <= 10; f++) {
            assertEquals(0.2f, frames.get(f).<Float>getAs("pause_s"), 1e-4f, "frame " + f);
        }
        assertNull(laughter.getAs("pause_s"));
        assertTrue(frames.stream().filter(r -> r.getAs("word") == null).allMatch(r -> r.getAs("pause_s") == null));

        SemanticFramesResult again = new SemanticFramesAction(wh).execute();
        assertFalse(again.table().changedAnything(), "rerun changes nothing");
    }

    @Test
    void word2vecFromTheLakeLearnsOnlyFromUtterancesWithWords() throws IOException {
        Warehouse wh = ingestedTestCorpus();

        EmbedResult result = new EmbedAction(wh, SMALL).execute();

        // Three recordings, each of two lines with words and one of only "<filler>", stored for its times alone.
        assertEquals(9, wh.read(Tables.UTTERANCES).count());
        assertEquals(6, result.sentences());
        assertEquals(3 * (3 + 3), result.tokens());
    }

    @Test
    void word2vecOnTheSampleTextPlacesWordsOfLikeValenceTogether() throws IOException {
        Path root = TestSpark.repoRoot().resolve("sample-data");
        Map<String, Double> lexicon = ValenceLexicon.parse(
                java.nio.file.Files.readAllBytes(root.resolve("lexicon/valence-lexicon.csv")), "valence-lexicon.csv");
        EmbedSettings paperLike = new EmbedSettings(100, 4, 5, 5, 2021, 1);

        EmbedResult result = new EmbedAction(warehouse(), paperLike).textDir(root.resolve("sewa-synth-text").toString())
                .lexicon(lexicon).execute();

        System.out.println(ResultText.of(result));
        assertTrue(result.vocabularySize() > 200, ResultText.of(result));
        double share = result.neighbours().sameSignShare();
        double chance = result.neighbours().chanceShare();
        assertTrue(share > chance + 0.25, "same-sign share " + share + " vs chance " + chance);
    }
}
