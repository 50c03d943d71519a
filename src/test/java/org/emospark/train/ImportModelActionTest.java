package org.emospark.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.emospark.features.semantic.SemanticFramesAction;
import org.emospark.ingest.CorpusLayout;
import org.emospark.ingest.IngestAction;
import org.emospark.ingest.IngestSettings;
import org.emospark.jobs.ResultText;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.model.store.ModelStore;
import org.emospark.scoring.ScoreAction;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TestSpark;
import org.emospark.testing.TinyLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model trained in one lake, imported into another that has the same recordings but no word vectors of its own. */
class ImportModelActionTest {
    @TempDir
    Path tmp;

    private static List<Row> predictions(Warehouse wh, String modelId) {
        return wh.read(Tables.PREDICTIONS).where(col("model_id").equalTo(modelId))
                .orderBy("recording_id", "frame").select("recording_id", "frame", "arousal", "valence", "liking")
                .collectAsList();
    }

    private static Row modelRow(Warehouse wh, String id) {
        List<Row> rows = wh.read(Tables.MODELS).where(col("model_id").equalTo(id)).collectAsList();
        assertEquals(1, rows.size(), id);
        return rows.get(0);
    }

    @Test
    void anImportedModelScoresTheOtherLakeAsItScoresItsOwnAndAnImportAgainChangesNothing() throws IOException {
        TinyLake.Trained trained = TinyLake.trained(tmp.resolve("a"));
        Warehouse source = trained.warehouse();
        Warehouse target = new Warehouse(TestSpark.session(), tmp.resolve("b/wh").toString());
        new IngestAction(target, new IngestSettings(TinyLake.RATE, 0.1, 30, "uniform")).layout(CorpusLayout.AVEC2017)
                .input(TestCorpus.writeSplits(tmp.resolve("b/corpus"), TinyLake.RATE).toString()).execute();
        assertEquals(source.read(Tables.RECORDINGS).select("recording_id", "content_hash").orderBy("recording_id").collectAsList(),
                target.read(Tables.RECORDINGS).select("recording_id", "content_hash").orderBy("recording_id").collectAsList(),
                "the same recordings in both lakes");
        assertFalse(target.exists(Tables.EMBEDDINGS));

        ImportModelResult r = new ImportModelAction(target, source.root()).execute();

        assertEquals(trained.modelId(), r.modelId(), "the source's latest model");
        assertTrue(r.copied());
        assertEquals(source.root(), r.from());
        assertNotNull(r.embeddingSet());
        assertTrue(ResultText.of(r).startsWith("Imported model " + r.modelId() + " from " + source.root()), ResultText.of(r));
        assertTrue(ModelStore.of(target).exists(r.modelId()));
        Row imported = modelRow(target, r.modelId());
        Row original = modelRow(source, r.modelId());
        assertEquals(source.root(), imported.getAs("imported_from"));
        assertNull(original.getAs("imported_from"));
        assertEquals(ModelStore.of(target).pathOf(r.modelId()), imported.getAs("path"));
        for (String kept : List.of("config", "settings", "input_versions", "embedding_set", "devel_ccc_mean", "created_at")) {
            assertEquals((Object) original.getAs(kept), imported.getAs(kept), kept + " is the source's lineage, kept");
        }
        assertEquals(source.read(Tables.EMBEDDINGS).orderBy("word").collectAsList(),
                target.read(Tables.EMBEDDINGS).orderBy("word").collectAsList());

        // The other lake's semantic frames from the model's word vectors, then scoring: the source's predictions.
        new SemanticFramesAction(target).embeddingSet(r.embeddingSet()).execute();
        new ScoreAction(source).model(r.modelId()).recordings("split = 'Test'").execute();
        new ScoreAction(target).model(r.modelId()).recordings("split = 'Test'").execute();
        List<Row> expected = predictions(source, r.modelId());
        assertEquals(60, expected.size());
        assertEquals(expected, predictions(target, r.modelId()));

        // Again: nothing copied, no table moves.
        long models = target.version(Tables.MODELS);
        long embeddings = target.version(Tables.EMBEDDINGS);
        ImportModelResult again = new ImportModelAction(target, source.root()).model(r.modelId()).execute();
        assertFalse(again.copied());
        assertTrue(again.tables().stream().noneMatch(c -> c.changedAnything()), again.tables().toString());
        assertEquals(models, target.version(Tables.MODELS));
        assertEquals(embeddings, target.version(Tables.EMBEDDINGS));
    }

    @Test
    void importingFromItselfOrAnUnknownModelIsRefusedAndWritesNothing() throws IOException {
        TinyLake.Trained trained = TinyLake.trained(tmp.resolve("a"));
        Warehouse wh = trained.warehouse();
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> new ImportModelAction(wh, wh.root() + "/").execute());
        assertTrue(self.getMessage().contains("names this warehouse"), self.getMessage());

        Warehouse target = new Warehouse(TestSpark.session(), tmp.resolve("b/wh").toString());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new ImportModelAction(target, wh.root()).model("attention-both-nosuchmodel").execute());
        assertTrue(unknown.getMessage().contains("No model attention-both-nosuchmodel"), unknown.getMessage());
        assertFalse(target.exists(Tables.MODELS));
        assertFalse(ModelStore.of(target).exists("attention-both-nosuchmodel"));
    }
}
