package org.emospark.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.emospark.corpus.text.TagSynonyms;
import org.emospark.features.embedding.EmbedAction;
import org.emospark.features.embedding.EmbedResult;
import org.emospark.features.embedding.EmbedSettings;
import org.emospark.features.semantic.SemanticFramesAction;
import org.emospark.features.semantic.SemanticFramesResult;
import org.emospark.features.speech2vec.Speech2VecSettings;
import org.emospark.jobs.ResultText;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.testing.TinyLake;
import org.emospark.train.TrainAction;
import org.emospark.train.TrainResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Speech2VecEmbedTest {
    private static final EmbedSettings UNUSED = new EmbedSettings(16, 4, 1, 5, 7, 1);
    private static final Speech2VecSettings SMALL = new Speech2VecSettings(4, 2, 3, 8, 0.01, 1, 1.0, 7);

    @TempDir
    Path tmp;

    @Test
    void everySpokenWordGetsAVectorLearntFromTheLakesSpeechARerunChangesNothingAndTextCanJoinIt() throws IOException {
        Warehouse wh = TinyLake.build(tmp);
        TagSynonyms synonyms = TagSynonyms.defaults();
        Set<String> spoken = new TreeSet<>();
        for (Row r : wh.read(Tables.WORDS).select("word").collectAsList()) {
            spoken.add(synonyms.wordFor(r.getString(0)));
        }
        long words = wh.read(Tables.WORDS).count();

        EmbedResult first = new EmbedAction(wh, UNUSED).speech2vec(SMALL).execute();

        System.out.println(ResultText.of(first));
        assertTrue(first.embeddingSet().startsWith("s2v-"), first.embeddingSet());
        assertEquals("speech2vec", first.source());
        assertEquals(4, first.dims());
        assertEquals(words, first.speech2vec().spokenWords(), "every word of the lake is heard");
        assertTrue(first.speech2vec().skipped().isEmpty(), first.speech2vec().toString());
        assertEquals(SMALL.epochs(), first.speech2vec().epochLosses().size());
        Set<String> stored = new TreeSet<>();
        for (Row r : wh.read(Tables.EMBEDDINGS).where("embedding_set = '" + first.embeddingSet() + "'")
                .select("word").collectAsList()) {
            stored.add(r.getString(0));
        }
        assertEquals(spoken, stored);
        Row set = wh.read(Tables.EMBEDDING_SETS).where("embedding_set = '" + first.embeddingSet() + "'").head();
        assertTrue(set.<String>getAs("lineage").startsWith("words@"), set.toString());
        assertTrue(set.<String>getAs("config").contains("speech2vec"), set.toString());

        EmbedResult again = new EmbedAction(wh, UNUSED).speech2vec(SMALL).execute();
        assertEquals(first.embeddingSet(), again.embeddingSet());
        assertFalse(again.tables().get(0).changedAnything(), "the same lake and seed give the same vectors: "
                + again.tables());

        SemanticFramesResult frames = new SemanticFramesAction(wh).embeddingSet(first.embeddingSet()).execute();
        assertEquals(0, frames.framesWithUnknownWord(), "every spoken word has a speech vector");
        assertTrue(frames.framesWithWord() > 0);

        // Text and speech vectors side by side: every word of either, zeros where a set lacks it.
        String text = wh.read(Tables.EMBEDDING_SETS).where("source <> 'speech2vec'").head().getString(0);
        EmbedResult both = new EmbedAction(wh, UNUSED).concatenate(java.util.List.of(text, first.embeddingSet()))
                .execute();
        assertEquals(8, both.dims());
        Set<String> union = new TreeSet<>(spoken);
        union.addAll(org.emospark.features.embedding.EmbeddingSets.load(wh, text, null).words());
        assertEquals(union.size(), both.vocabularySize());
        Row world = wh.read(Tables.EMBEDDINGS).where("embedding_set = '" + both.embeddingSet() + "' AND word = 'world'")
                .head();
        java.util.List<Float> v = world.getList(world.fieldIndex("vector"));
        assertEquals(java.util.List.of(0f, 0f, 0f, 0f), v.subList(0, 4), "'world' is not in the text set");
        Row speechWorld = wh.read(Tables.EMBEDDINGS).where("embedding_set = '" + first.embeddingSet()
                + "' AND word = 'world'").head();
        assertEquals(speechWorld.getList(speechWorld.fieldIndex("vector")), v.subList(4, 8));
        assertFalse(new EmbedAction(wh, UNUSED).concatenate(java.util.List.of(text, first.embeddingSet())).execute()
                .tables().get(0).changedAnything(), "concatenating again changes nothing");

        // Frames from the wider set: the network's word input takes their width, whatever its config said.
        new SemanticFramesAction(wh).embeddingSet(both.embeddingSet()).execute();
        java.util.List<String> progress = new java.util.ArrayList<>();
        TrainResult wider = new TrainAction(wh, TinyLake.CONFIG, TinyLake.SETTINGS).progress(progress::add).execute();
        assertEquals(4, TinyLake.CONFIG.semanticDims());
        assertEquals(8, wider.manifest().config().semanticDims());
        assertEquals(both.embeddingSet(), wider.manifest().embeddingSet());
        assertTrue(progress.get(0).contains("word input: 8 values per word") && progress.get(0).contains(both.embeddingSet()),
                progress.get(0));
        new SemanticFramesAction(wh).embeddingSet(text).execute();

        // A recording whose audio is gone: its words are counted as unheard, with the reason; the others are learnt.
        String broken = wh.read(Tables.RECORDINGS).select("recording_id").orderBy("recording_id").head().getString(0);
        long brokenWords = wh.read(Tables.WORDS).where("recording_id = '" + broken + "'").count();
        wh.spark().sql("DELETE FROM delta.`" + wh.pathOf(Tables.AUDIO_CHUNKS) + "` WHERE recording_id = '" + broken
                + "'");
        EmbedResult withoutAudio = new EmbedAction(wh, UNUSED).speech2vec(SMALL).execute();
        assertTrue(brokenWords > 0);
        assertEquals(words - brokenWords, withoutAudio.speech2vec().spokenWords());
        assertEquals(1, withoutAudio.speech2vec().skipped().size(), withoutAudio.speech2vec().toString());
        java.util.Map.Entry<String, Long> reason = withoutAudio.speech2vec().skipped().entrySet().iterator().next();
        assertEquals(brokenWords, reason.getValue());
        assertTrue(reason.getKey().startsWith("the recording's audio cannot be read") && reason.getKey().contains(broken),
                reason.getKey());
        assertTrue(!withoutAudio.embeddingSet().equals(first.embeddingSet()), "other audio, another set");

        // Aligning into a set of other dimensions is refused before any audio is read.
        Speech2VecSettings wide = new Speech2VecSettings(6, 2, 1, 8, 0.01, 1, 1.0, 7);
        String target = wh.read(Tables.EMBEDDING_SETS).where("source <> 'speech2vec'").head().getString(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EmbedAction(wh, UNUSED).speech2vec(wide).alignTo(target).execute());
        assertTrue(e.getMessage().contains("Cannot align 6-dim Speech2Vec vectors")
                && e.getMessage().contains("emospark.speech2vec.vectorSize=4"), e.getMessage());
    }
}
