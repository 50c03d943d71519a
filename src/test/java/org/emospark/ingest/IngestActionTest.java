package org.emospark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.emospark.lake.MergeCounts;
import org.emospark.lake.PcmCodec;
import org.emospark.lake.TableDef;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TestSpark;
import org.emospark.testing.WavFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestActionTest {
    private static final IngestSettings ONE_SECOND_CHUNKS = new IngestSettings(22050, 0.1, 1.0, "uniform");

    @TempDir
    Path tmp;

    private IngestResult ingest(Path warehouse, Path input) {
        return ingest(warehouse, input, CorpusLayout.AVEC2017);
    }

    private IngestResult ingest(Path warehouse, Path input, CorpusLayout layout) {
        return new IngestAction(new Warehouse(TestSpark.session(), warehouse.toString()), ONE_SECOND_CHUNKS)
                .layout(layout).input(input.toString()).execute();
    }

    private Dataset<Row> table(Path warehouse, TableDef table) {
        return new Warehouse(TestSpark.session(), warehouse.toString()).read(table);
    }

    @Test
    void avecCorpusFillsEveryTableWithAudioAtTheLakeRate() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        IngestResult result = ingest(wh, corpus);

        assertEquals(3, result.recordingsIngested());
        assertEquals(0, result.rejectCount(), () -> table(wh, Tables.REJECTS).collectAsList().toString());
        assertEquals(3.0 + 2.5 + 4.2, result.audioSeconds(), 1e-3);

        Row train1 = table(wh, Tables.RECORDINGS).where("recording_id = 'Train_01'").head();
        assertEquals("Train", train1.getAs("split"));
        assertEquals("corpus", train1.getAs("corpus"));
        assertEquals(16000, (int) train1.getAs("source_sample_rate"));
        assertEquals(22050, (int) train1.getAs("sample_rate"));
        assertEquals(66150L, (long) train1.getAs("num_samples"));
        assertEquals(30, (int) train1.getAs("num_frames"));
        assertEquals(3, (int) train1.getAs("num_chunks"));
        assertEquals(64, ((String) train1.getAs("content_hash")).length());
        assertTrue((boolean) train1.getAs("has_labels"));
        assertEquals("Devel", table(wh, Tables.RECORDINGS).where("recording_id = 'Devel_01'").head().getAs("split"));

        // Chunks are whole frames, contiguous, and decode back to the recording's length and level.
        List<Row> chunks = table(wh, Tables.AUDIO_CHUNKS).where("recording_id = 'Devel_01'")
                .orderBy("chunk_index").collectAsList();
        assertEquals(5, chunks.size());
        long next = 0;
        double energy = 0;
        for (Row c : chunks) {
            assertEquals(next, (long) c.getAs("start_sample"));
            float[] pcm = PcmCodec.decode(c.getAs("pcm"));
            assertEquals((int) c.getAs("num_samples"), pcm.length);
            next += pcm.length;
            for (float v : pcm) {
                energy += v * v;
            }
        }
        assertEquals(Math.round(4.2 * 22050), next);
        assertEquals(0.3 / Math.sqrt(2), Math.sqrt(energy / next), 0.01);

        assertEquals(30 + 25 + 42, table(wh, Tables.LABELS).count());
        assertEquals(6, table(wh, Tables.TURNS).count());
        assertEquals(9, table(wh, Tables.UTTERANCES).count(), "the <filler>-only lines are kept for their times");
        Row filler = table(wh, Tables.UTTERANCES).where("recording_id = 'Train_01' AND utterance_index = 1").head();
        assertEquals("<filler>", filler.getAs("text"));
        assertEquals(2, (int) filler.<Integer>getAs("source_line"));
        assertEquals(1.3, (double) filler.getAs("start_s"), 1e-9);
        assertEquals(0, table(wh, Tables.WORDS).where("recording_id = 'Train_01' AND utterance_index = 1").count(),
                "a <filler>-only line gives no words");
        List<String> words = table(wh, Tables.WORDS).where("recording_id = 'Train_01'").orderBy("word_index")
                .select("word").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(List.of("hello", "wonderful", "world", "so", "<laughter>", "sad"), words);
        Row firstWord = table(wh, Tables.WORDS).where("recording_id = 'Train_01' AND word_index = 0").head();
        assertEquals(0.1, (double) firstWord.getAs("start_s"), 1e-9);
        assertEquals(0.1 + 1.0 / 3, (double) firstWord.getAs("end_s"), 1e-9);
        assertEquals("uniform", firstWord.getAs("timing_source"));
    }

    @Test
    void ingestingTheSameCorpusTwiceChangesNoRow() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        ingest(wh, corpus);
        Map<String, List<Row>> before = snapshot(wh);

        IngestResult second = ingest(wh, corpus);

        for (MergeCounts c : second.tables().values()) {
            assertFalse(c.changedAnything(), "second ingest changed " + c);
        }
        assertEquals(before, snapshot(wh));
    }

    @Test
    void changedAudioReplacesOnlyThatRecordingsRows() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        ingest(wh, corpus);
        String oldHash = table(wh, Tables.RECORDINGS).where("recording_id = 'Train_02'").head().getAs("content_hash");

        WavFiles.write(corpus.resolve("audio/Train_02.wav"), WavFiles.tone(1.5, 16000, 500, 9), 16000);
        IngestResult again = ingest(wh, corpus);

        assertEquals(1, again.tables().get("recordings").updated());
        assertEquals(0, again.tables().get("recordings").inserted());
        Row changed = table(wh, Tables.RECORDINGS).where("recording_id = 'Train_02'").head();
        assertFalse(oldHash.equals(changed.getAs("content_hash")));
        assertEquals(2, table(wh, Tables.AUDIO_CHUNKS).where("recording_id = 'Train_02'").count(),
                "the third chunk of the longer old audio is gone");
        assertEquals(1, again.tables().get("audio_chunks").deleted());
        assertEquals(3, table(wh, Tables.AUDIO_CHUNKS).where("recording_id = 'Train_01'").count());
    }

    @Test
    void everyBrokenFileBecomesExactlyOneRejectAndGoodFilesStillGoIn() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        byte[] good = WavFiles.pcm16(WavFiles.tone(1.0, 16000, 300, 3), 16000);
        Files.write(corpus.resolve("audio/Train_03.wav"), Arrays.copyOf(good, good.length / 2));
        Files.write(corpus.resolve("audio/Train_04.wav"), new byte[0]);
        TestCorpus.text(corpus.resolve("audio/Train_05.wav"), "<html>not audio</html>");
        Files.write(corpus.resolve("audio/Train_01.flac"), good);
        for (String name : List.of("Train_06", "Train_07", "Train_08")) {
            Files.write(corpus.resolve("audio/" + name + ".wav"), good);
        }
        TestCorpus.text(corpus.resolve("labels/Train_06.csv"), "Train_06;0.0;0.1;0.2;0.3\nTrain_06;0.1;NaN;0.2;0.3\n");
        TestCorpus.text(corpus.resolve("labels/Train_07.csv"), "Train_07;0.0;0.1;0.2;0.3\nTrain_07;0.15;0.1;0.2;0.3\n");
        TestCorpus.text(corpus.resolve("transcriptions/Train_08.csv"), "0.1;0.5;'fine words'\nabc;0.9;'bad time'\n");
        TestCorpus.writeLabels(corpus, "Train_99", 10);
        TestCorpus.text(corpus.resolve("labels/notes.txt"), "not a labels file");

        IngestResult result = ingest(wh, corpus);

        Map<String, Long> expected = new TreeMap<>(Map.of("truncated_audio", 1L, "empty_audio", 1L, "not_audio", 1L,
                "duplicate_recording_id", 1L, "non_finite_label", 1L, "labels_off_grid", 1L,
                "bad_transcript_time", 1L, "orphan_file", 1L, "unexpected_file", 1L));
        assertEquals(expected, result.rejectsByReason());
        assertEquals(6, result.recordingsIngested());
        List<Row> rejects = table(wh, Tables.REJECTS).collectAsList();
        assertEquals(9, rejects.size());
        Row offGrid = table(wh, Tables.REJECTS).where("reason = 'labels_off_grid'").head();
        assertTrue(((String) offGrid.getAs("source_uri")).endsWith("labels/Train_07.csv"));
        String detail = offGrid.getAs("detail");
        assertTrue(detail.contains("line 2"), detail);
        String duplicate = table(wh, Tables.REJECTS).where("reason = 'duplicate_recording_id'").head().getAs("source_uri");
        assertTrue(duplicate.endsWith("audio/Train_01.flac"), "the layout's own .wav wins: " + duplicate);
        assertEquals(1, table(wh, Tables.WORDS).where("recording_id = 'Train_08'").select("utterance_index")
                .distinct().count(), "the good transcript line of Train_08 is kept");
        assertFalse((boolean) table(wh, Tables.RECORDINGS).where("recording_id = 'Train_06'").head().getAs("has_labels"));

        IngestResult again = ingest(wh, corpus);
        assertEquals(expected, again.rejectsByReason());
        assertEquals(9, table(wh, Tables.REJECTS).count(), "a rerun does not duplicate rejects");

        TestCorpus.writeLabels(corpus, "Train_06", 10);
        ingest(wh, corpus);
        assertEquals(0, table(wh, Tables.REJECTS).where("reason = 'non_finite_label'").count(),
                "a fixed file loses its reject");
        assertEquals(10, table(wh, Tables.LABELS).where("recording_id = 'Train_06'").count());
    }

    @Test
    void manifestLayoutResolvesRelativePathsAndRejectsBadRows() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        TestCorpus.text(corpus.resolve("manifest.jsonl"), String.join("\n",
                "{\"recording_id\": \"a\", \"audio\": \"audio/Train_01.wav\", \"labels\": \"labels/Train_01.csv\", \"split\": \"train\"}",
                "{\"recording_id\": \"b\", \"audio\": \"" + corpus.resolve("audio/Devel_01.wav") + "\", \"transcript\": \"transcriptions/Devel_01.csv\"}",
                "{\"recording_id\": \"a\", \"audio\": \"audio/Train_02.wav\"}",
                "{\"audio\": \"audio/Train_02.wav\"}",
                ""));
        Path wh = tmp.resolve("wh");

        IngestResult result = ingest(wh, corpus.resolve("manifest.jsonl"), CorpusLayout.MANIFEST);

        assertEquals(2, result.recordingsIngested());
        assertEquals(Map.of("duplicate_recording_id", 1L, "bad_manifest_row", 1L), result.rejectsByReason());
        Row a = table(wh, Tables.RECORDINGS).where("recording_id = 'a'").head();
        assertEquals("Train", a.getAs("split"));
        assertEquals("manifest", a.getAs("corpus"));
        assertEquals("unlabeled", table(wh, Tables.RECORDINGS).where("recording_id = 'b'").head().getAs("split"));
        assertEquals(30, table(wh, Tables.LABELS).where("recording_id = 'a'").count());
        assertEquals(3, table(wh, Tables.UTTERANCES).where("recording_id = 'b'").count());
    }

    @Test
    void wordLevelTranscriptsKeepTheirGivenTimes() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        TestCorpus.text(corpus.resolve("asr/a.ctm"), "a 1 0.20 0.30 Hello\na 1 0.55 0.25 world\na 1 2.00 0.40 again\n");
        TestCorpus.text(corpus.resolve("asr/b.json"),
                "{\"words\": [{\"word\": \"Fine\", \"start\": 0.1, \"end\": 0.4}, {\"word\": \"x\", \"start\": 0.9}]}");
        TestCorpus.text(corpus.resolve("m.csv"), "recording_id,audio,transcript\n"
                + "a,audio/Train_01.wav,asr/a.ctm\nb,audio/Train_02.wav,asr/b.json\n");
        Path wh = tmp.resolve("wh");

        IngestResult result = ingest(wh, corpus.resolve("m.csv"), CorpusLayout.MANIFEST);

        List<Row> a = table(wh, Tables.WORDS).where("recording_id = 'a'").orderBy("word_index").collectAsList();
        assertEquals(List.of("hello", "world", "again"), a.stream().map(r -> (String) r.getAs("word")).toList());
        assertEquals(0.55, (double) a.get(1).getAs("start_s"), 1e-9);
        assertEquals(0.80, (double) a.get(1).getAs("end_s"), 1e-9);
        assertEquals("given", a.get(0).getAs("timing_source"));
        assertEquals(List.of(0, 0, 1), a.stream().map(r -> (int) r.getAs("utterance_index")).toList(),
                "a pause of a second or more starts a new utterance");
        assertEquals(1, table(wh, Tables.WORDS).where("recording_id = 'b'").count());
        assertEquals(Map.of("bad_transcript_time", 1L), result.rejectsByReason(),
                () -> table(wh, Tables.REJECTS).collectAsList().toString());
    }

    @Test
    void archiveLayoutIngestsEveryAudioFileBelowAFolderAsUnlabeled() throws IOException {
        Path archive = tmp.resolve("archive");
        WavFiles.write(archive.resolve("2026/11/call_0001.wav"), WavFiles.tone(1.0, 8000, 300, 1), 8000);
        WavFiles.write(archive.resolve("2026/12/call_0002.wav"), WavFiles.tone(0.5, 44100, 300, 2), 44100);
        TestCorpus.text(archive.resolve("2026/README.txt"), "notes, not audio");
        Path wh = tmp.resolve("wh");

        IngestResult result = ingest(wh, archive, CorpusLayout.ARCHIVE);

        assertEquals(2, result.recordingsIngested());
        List<Row> rows = table(wh, Tables.RECORDINGS).orderBy("recording_id").collectAsList();
        assertEquals("2026/11/call_0001", rows.get(0).getAs("recording_id"));
        assertEquals("unlabeled", rows.get(0).getAs("split"));
        assertEquals(22050L, (long) rows.get(0).getAs("num_samples"));
        assertEquals(11025L, (long) rows.get(1).getAs("num_samples"));
        assertEquals(0, table(wh, Tables.LABELS).count());
    }

    @Test
    void pathsThatAreNotFilesBecomeRejectsInsteadOfVanishing() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        Files.createDirectories(corpus.resolve("audio/Train_20.wav"));
        Files.createSymbolicLink(corpus.resolve("audio/Train_21.wav"), corpus.resolve("audio/gone.wav"));
        Files.createSymbolicLink(corpus.resolve("audio/Train_22.wav"), corpus.resolve("audio/Train_22.wav"));
        Files.createSymbolicLink(corpus.resolve("audio/Train_23.wav"), corpus.resolve("audio/Train_01.wav"));
        Files.createDirectories(corpus.resolve("labels/old"));
        WavFiles.write(corpus.resolve("audio/session7.wav"), WavFiles.tone(1.0, 16000, 300, 4), 16000);
        TestCorpus.writeLabels(corpus, "session7", 10);

        IngestResult result = ingest(wh, corpus);

        assertEquals(Map.of("not_a_file", 4L, "split_not_in_name", 1L), result.rejectsByReason());
        assertEquals(5, result.recordingsIngested(), "3 of the corpus, the link to a good file, session7");
        Map<String, String> details = new TreeMap<>();
        for (Row r : table(wh, Tables.REJECTS).collectAsList()) {
            String uri = r.getAs("source_uri");
            details.put(uri.substring(uri.indexOf("/corpus/") + 8), r.getAs("detail"));
        }
        assertTrue(details.getOrDefault("audio/Train_20.wav", "").contains("a folder, not a file"), details.toString());
        assertTrue(details.getOrDefault("audio/Train_21.wav", "").contains("which does not exist"), details.toString());
        assertTrue(details.getOrDefault("audio/Train_22.wav", "").contains("link loop"), details.toString());
        assertTrue(details.getOrDefault("labels/old", "").contains("labels/ holds files only"), details.toString());
        assertTrue(details.getOrDefault("labels/session7.csv", "").contains("kept as unlabeled"), details.toString());
        assertEquals("unlabeled", table(wh, Tables.RECORDINGS).where("recording_id = 'session7'").head().getAs("split"));
        assertEquals(10, table(wh, Tables.LABELS).where("recording_id = 'session7'").count(), "its labels are kept");

        IngestResult again = ingest(wh, corpus);
        assertEquals(result.rejectsByReason(), again.rejectsByReason());
        assertEquals(5, table(wh, Tables.REJECTS).count(), "a rerun does not duplicate rejects");
        Files.delete(corpus.resolve("audio/Train_20.wav"));
        WavFiles.write(corpus.resolve("audio/Train_20.wav"), WavFiles.tone(1.0, 16000, 300, 5), 16000);
        assertEquals(Map.of("not_a_file", 3L, "split_not_in_name", 1L), ingest(wh, corpus).rejectsByReason(),
                "a folder replaced by a file loses its reject");
    }

    @Test
    void overlappingTurnsOfTheTwoSpeakersAreKeptWithOneWarningPerFile() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        Files.createDirectories(corpus.resolve("turns"));
        TestCorpus.text(corpus.resolve("turns/Train_02.csv"),
                "0.0;1.0;subject\n0.8;1.5;interlocutor\n1.4;2.0;subject\n2.1;2.4;interlocutor\n");
        TestCorpus.text(corpus.resolve("turns/Train_01.csv"), "0.0;1.0;subject\n1.0;2.0;interlocutor\n");

        IngestResult result = ingest(wh, corpus);

        assertEquals(Map.of("overlapping_turns", 1L), result.rejectsByReason());
        Row warning = table(wh, Tables.REJECTS).head();
        assertTrue(warning.<String>getAs("source_uri").endsWith("turns/Train_02.csv"), warning.toString());
        String detail = warning.getAs("detail");
        assertTrue(detail.contains("2 pair(s)") && detail.contains("0.300 s in all")
                && detail.contains("subject [0.000, 1.000] s, interlocutor [0.800, 1.500] s"), detail);
        assertEquals(4, table(wh, Tables.TURNS).where("recording_id = 'Train_02'").count(), "every turn is stored");
        assertEquals(3, result.recordingsIngested());
        assertEquals(result.rejectsByReason(), ingest(wh, corpus).rejectsByReason());
        assertEquals(1, table(wh, Tables.REJECTS).count(), "a rerun does not repeat the warning");
    }

    @Test
    void aRecordingOfAFewMillisecondsKeepsItsTranscriptWithAWarning() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        WavFiles.write(corpus.resolve("audio/Train_09.wav"), WavFiles.tone(0.05, 16000, 300, 9), 16000);
        TestCorpus.text(corpus.resolve("transcriptions/Train_09.csv"), "0.000;1.400;'hello there wonderful world'\n"
                + "0.010;0.040;'hm'\n");

        IngestResult result = ingest(wh, corpus);

        assertEquals(Map.of("utterance_beyond_audio", 1L), result.rejectsByReason());
        String detail = table(wh, Tables.REJECTS).head().getAs("detail");
        assertTrue(detail.contains("line 1: the utterance [0.000, 1.400] s ends 1.350 s after the audio ends (0.050 s)"),
                detail);
        Row recording = table(wh, Tables.RECORDINGS).where("recording_id = 'Train_09'").head();
        assertEquals(1, (int) recording.<Integer>getAs("num_frames"), "0.05 s is one frame");
        assertEquals(5, table(wh, Tables.WORDS).where("recording_id = 'Train_09'").count(), "every word is stored");
        assertEquals(4, result.recordingsIngested());
    }

    @Test
    void aTranscriptLineAfterTheAudiosEndIsKeptWithAWarning() throws IOException {
        Path corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path wh = tmp.resolve("wh");
        TestCorpus.text(corpus.resolve("transcriptions/Train_02.csv"), "0.100;1.100;'Hello, wonderful world.'\n"
                + "9.000;9.800;'from another recording'\n");

        IngestResult result = ingest(wh, corpus);

        assertEquals(Map.of("utterance_beyond_audio", 1L), result.rejectsByReason());
        Row warning = table(wh, Tables.REJECTS).head();
        assertEquals(2, (int) warning.<Integer>getAs("line"));
        String detail = warning.getAs("detail");
        assertTrue(detail.contains("[9.000, 9.800] s starts after the audio ends (2.500 s)"), detail);
        assertEquals(2, table(wh, Tables.UTTERANCES).where("recording_id = 'Train_02'").count(), "both are stored");
        assertEquals(3, result.recordingsIngested());
    }

    @Test
    void archiveLinksAreFollowedAndLoopsAndBrokenAudioLinksRejected() throws IOException {
        Path archive = tmp.resolve("archive");
        WavFiles.write(archive.resolve("2026/11/call_0001.wav"), WavFiles.tone(1.0, 8000, 300, 1), 8000);
        Files.createSymbolicLink(archive.resolve("2026/11/again"), archive.resolve("2026"));
        Files.createSymbolicLink(archive.resolve("2026/broken.wav"), archive.resolve("2026/missing.wav"));
        Files.createSymbolicLink(archive.resolve("2026/notes.txt"), archive.resolve("2026/missing.txt"));
        Path elsewhere = tmp.resolve("elsewhere");
        WavFiles.write(elsewhere.resolve("call_0009.wav"), WavFiles.tone(0.5, 8000, 300, 9), 8000);
        Files.createSymbolicLink(archive.resolve("2026/12"), elsewhere);
        Path wh = tmp.resolve("wh");

        IngestResult result = ingest(wh, archive, CorpusLayout.ARCHIVE);

        assertEquals(Map.of("not_a_file", 2L), result.rejectsByReason(), "the loop and the broken .wav; not the .txt");
        assertEquals(List.of("2026/11/call_0001", "2026/12/call_0009"), table(wh, Tables.RECORDINGS)
                .orderBy("recording_id").select("recording_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertTrue(table(wh, Tables.REJECTS).where("detail LIKE '%loop%'").count() == 1);
    }

    /** Every ingest table's rows, without the columns that record when a write happened. */
    private Map<String, List<Row>> snapshot(Path wh) {
        Map<String, List<Row>> out = new TreeMap<>();
        for (TableDef t : Tables.ingestTables()) {
            String[] cols = Arrays.stream(t.schema().fieldNames()).filter(c -> !t.volatileColumns().contains(c))
                    .toArray(String[]::new);
            Dataset<Row> df = table(wh, t).selectExpr(cols);
            List<Row> rows = df.orderBy(t.keys().stream().map(org.apache.spark.sql.functions::col)
                    .toArray(org.apache.spark.sql.Column[]::new)).collectAsList();
            out.put(t.name(), rows.stream().map(r -> (Row) org.apache.spark.sql.RowFactory.create(
                    Arrays.stream(cols).map(c -> {
                        Object v = r.getAs(c);
                        return v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v;
                    }).toArray())).toList());
        }
        return out;
    }
}
