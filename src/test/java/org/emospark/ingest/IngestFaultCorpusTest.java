package org.emospark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.emospark.lake.Tables;
import org.emospark.lake.Warehouse;
import org.emospark.testing.TestCorpus;
import org.emospark.testing.TestSpark;
import org.emospark.testing.WavFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus in the AVEC 2017 layout with one fault of each kind a user's folder can hold, beside good recordings:
 * broken and hostile audio (empty, not audio, a header that claims 2^32 samples, a header that claims a 2 GB chunk,
 * no channels, a 2 GB sparse file, folders, dangling links and link loops where files belong, nesting), broken
 * labels, transcripts and turns, files that belong to nothing, and names with spaces, quotes and other scripts.
 * One ingest: every faulty path is one reject with its reason and a detail that says what to do, every good
 * recording (and every good file of a recording with a bad neighbour) is kept, and a second run changes nothing.
 */
class IngestFaultCorpusTest {
    private static final int RATE = 16000;

    @TempDir
    Path tmp;

    /** path under the corpus -> the reason its one reject must give. */
    private final Map<String, String> expected = new TreeMap<>();
    /** recordings that must be ingested. */
    private final Set<String> kept = new TreeSet<>();

    private Path corpus;

    @Test
    void everyFaultIsOneRejectWithItsReasonAndNothingGoodIsLost() throws IOException {
        corpus = TestCorpus.write(tmp.resolve("corpus"));
        kept.addAll(List.of(TestCorpus.NAMES));
        audioFaults();
        sidecarFaults();
        oddNames();

        Warehouse wh = new Warehouse(TestSpark.session(), tmp.resolve("wh").toString());
        long started = System.nanoTime();
        IngestResult first = ingest(wh, CorpusLayout.AVEC2017, corpus);
        System.out.printf("fault corpus ingested in %.1f s%n", (System.nanoTime() - started) / 1e9);

        assertOneRejectPerExpectedPath(wh);
        Set<String> ingested = new TreeSet<>();
        wh.read(Tables.RECORDINGS).select("recording_id").collectAsList().forEach(r -> ingested.add(r.getString(0)));
        assertEquals(kept, ingested);
        assertTrue(expected.size() >= 25, "at least 25 kinds of fault: " + expected.size());
        List<Row> shortWords = wh.read(Tables.WORDS).where("recording_id = 'Train_44'").orderBy("word_index").collectAsList();
        assertEquals(List.of("hello", "there", "friend"), shortWords.stream().map(r -> r.<String>getAs("word")).toList());
        assertTrue(shortWords.stream().allMatch(r -> r.<Double>getAs("start_s") >= 0 && r.<Double>getAs("end_s") <= 0.05),
                "the 0.05 s recording's words lie within it: " + shortWords);

        IngestResult again = ingest(wh, CorpusLayout.AVEC2017, corpus);
        assertEquals(first.rejectsByReason(), again.rejectsByReason());
        assertEquals(0, again.recordingsIngested(), "a second run changes nothing");
        assertEquals(expected.size(), wh.read(Tables.REJECTS).count());
    }

    /**
     * A manifest's rows can point anywhere: at nothing, at a folder, through a link loop, at a file that is not audio,
     * with a header that claims too much, at a labels file that is not there; each row is one reject, and the good
     * rows, including one whose path goes outside the manifest's folder on purpose, are kept.
     */
    @Test
    void everyBadManifestRowIsOneRejectAndTheGoodOnesAreKept() throws IOException {
        corpus = TestCorpus.write(tmp.resolve("corpus"));
        Path outside = tmp.resolve("elsewhere/shared.wav");
        WavFiles.write(outside, WavFiles.tone(1.0, RATE, 300, 9), RATE);
        Files.createDirectories(corpus.resolve("folder.wav"));
        Files.createSymbolicLink(corpus.resolve("loop.wav"), corpus.resolve("loop.wav"));
        Files.writeString(corpus.resolve("notes.wav"), "not audio at all\n");
        String rows = String.join("\n",
                "recording_id,audio,labels,split",
                "good,audio/Train_01.wav,labels/Train_01.csv,train",
                "outside,../elsewhere/shared.wav,,",
                "missing,audio/nowhere.wav,,",
                "folder,folder.wav,,",
                "loop,loop.wav,,",
                "notes,notes.wav,,",
                "nolabels,audio/Train_02.wav,labels/none.csv,train",
                "good,audio/Devel_01.wav,,",
                ",audio/Devel_01.wav,,",
                "toolong,audio/Devel_01.wav,,,extra",
                "");
        Path manifest = corpus.resolve("m.csv");
        Files.writeString(manifest, rows);
        Warehouse wh = new Warehouse(TestSpark.session(), tmp.resolve("wh").toString());

        IngestResult result = ingest(wh, CorpusLayout.MANIFEST, manifest);

        List<String> details = new ArrayList<>();
        wh.read(Tables.REJECTS).collectAsList().forEach(r -> details.add(r.getAs("reason") + " " + r.getAs("source_uri")
                + " " + r.getAs("line") + ": " + r.getAs("detail")));
        details.forEach(System.out::println);
        Set<String> ingested = new TreeSet<>();
        wh.read(Tables.RECORDINGS).select("recording_id").collectAsList().forEach(r -> ingested.add(r.getString(0)));
        assertEquals(Set.of("good", "outside", "nolabels"), ingested);
        assertEquals(Map.of("unreadable", 2L, "not_a_file", 2L, "not_audio", 1L, "duplicate_recording_id", 1L,
                "bad_manifest_row", 2L), result.rejectsByReason(), details.toString());
        assertTrue(details.stream().anyMatch(d -> d.startsWith("not_a_file " + manifest.toUri().getPath()) && d.contains(" 6: ")
                && d.contains("link loop")), "the row's line, in the manifest: " + details);
        assertEquals(result.rejectsByReason(), ingest(wh, CorpusLayout.MANIFEST, manifest).rejectsByReason());
    }

    /**
     * The same hostile audio as a bare archive (the layout of a nightly landing folder): every faulty audio file is one
     * reject with the reason the AVEC layout gives it (a folder named like an audio file that holds none, too), a folder
     * link back to its parent is one reject and is not followed, and every good file, also 40 folders down or with spaces, quotes and other scripts in its name, is a
     * recording whose id is its path below the archive. Files without an audio extension are not inputs of an
     * archive and are only counted.
     */
    @Test
    void everyFaultyArchiveFileIsOneRejectAndTheGoodOnesAreKept() throws IOException {
        corpus = TestCorpus.write(tmp.resolve("corpus"));
        kept.addAll(List.of(TestCorpus.NAMES));
        audioFaults();
        oddNames();
        // The archive reads below audio/: what the AVEC layout refuses there for being in a subfolder is a recording here.
        expected.remove("audio/deep");
        kept.add("deep/" + String.join("/", java.util.stream.IntStream.range(0, 40).mapToObj(i -> "d" + i).toList())
                + "/Train_19");
        expected.remove("audio/README.txt");
        expected.remove("audio/Train_22.mp3");
        Files.createDirectories(corpus.resolve("audio/2026/11"));
        Files.createSymbolicLink(corpus.resolve("audio/2026/11/up"), corpus.resolve("audio/2026"));
        expect("audio/2026/11/up", "not_a_file");

        Warehouse wh = new Warehouse(TestSpark.session(), tmp.resolve("wh").toString());
        IngestResult first = ingest(wh, CorpusLayout.ARCHIVE, corpus.resolve("audio"));

        assertOneRejectPerExpectedPath(wh);
        Set<String> ingested = new TreeSet<>();
        wh.read(Tables.RECORDINGS).select("recording_id").collectAsList().forEach(r -> ingested.add(r.getString(0)));
        assertEquals(kept, ingested);
        IngestResult again = ingest(wh, CorpusLayout.ARCHIVE, corpus.resolve("audio"));
        assertEquals(first.rejectsByReason(), again.rejectsByReason());
        assertEquals(0, again.recordingsIngested(), "a second run changes nothing");
    }

    /** Every expected path has exactly one reject, with its reason and a detail that says more; no other path has one. */
    private void assertOneRejectPerExpectedPath(Warehouse wh) {
        Map<String, List<String>> got = new TreeMap<>();
        for (Row r : wh.read(Tables.REJECTS).collectAsList()) {
            String uri = r.getAs("source_uri");
            String path = uri.substring(uri.indexOf("/corpus/") + "/corpus/".length());
            got.computeIfAbsent(path, k -> new ArrayList<>()).add(r.getAs("reason") + ": " + r.getAs("detail"));
        }
        got.forEach((k, v) -> System.out.println(k + " -> " + v));
        assertEquals(expected.keySet(), got.keySet(), "one reject for each faulty path and none for a good one");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            List<String> rejects = got.get(e.getKey());
            assertEquals(1, rejects.size(), e.getKey() + ": " + rejects);
            assertTrue(rejects.get(0).startsWith(e.getValue() + ": "), e.getKey() + " must be " + e.getValue() + ": "
                    + rejects.get(0));
            assertTrue(rejects.get(0).length() > e.getValue().length() + 30, "a detail that says more: " + rejects);
        }
    }

    private static IngestResult ingest(Warehouse wh, CorpusLayout layout, Path input) {
        return new IngestAction(wh, new IngestSettings(22050, 0.1, 1.0, "uniform")).layout(layout)
                .input(input.toString()).execute();
    }

    private void audioFaults() throws IOException {
        bytes("audio/Train_10.wav", new byte[0], "empty_audio");
        bytes("audio/Train_11.wav", "this is a text file, not a recording\n".getBytes(StandardCharsets.UTF_8), "not_audio");
        // A header whose data chunk claims 2^32 - 2 bytes (2^31 samples) over one second of samples.
        byte[] claims = WavFiles.pcm16(WavFiles.tone(1.0, RATE, 300, 1), RATE);
        ByteBuffer.wrap(claims).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0xFFFFFFFE);
        bytes("audio/Train_12.wav", claims, "truncated_audio");
        // A fmt chunk that claims to be 2 GB long.
        byte[] huge = WavFiles.pcm16(WavFiles.tone(1.0, RATE, 300, 2), RATE);
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7FFFFFF0);
        bytes("audio/Train_13.wav", huge, "truncated_audio");
        byte[] noChannels = WavFiles.pcm16(WavFiles.tone(1.0, RATE, 300, 3), RATE);
        ByteBuffer.wrap(noChannels).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 0);
        bytes("audio/Train_14.wav", noChannels, "corrupt_audio");
        byte[] mp3InWav = WavFiles.pcm16(WavFiles.tone(1.0, RATE, 300, 5), RATE);
        ByteBuffer.wrap(mp3InWav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 0x0055);
        bytes("audio/Train_20.wav", mp3InWav, "unsupported_audio");
        byte[] noData = java.util.Arrays.copyOf(WavFiles.pcm16(new float[0], RATE), 36);
        ByteBuffer.wrap(noData).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 28);
        bytes("audio/Train_21.wav", noData, "corrupt_audio");
        bytes("audio/Train_22.mp3", new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0}, "not_audio");
        // 2 GB of nothing, sparse on disk: read no further than its first bytes.
        Path sparse = corpus.resolve("audio/Train_15.wav");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(1L << 31);
        }
        expect("audio/Train_15.wav", "not_audio");
        Files.createDirectories(corpus.resolve("audio/Train_16.wav"));
        expect("audio/Train_16.wav", "not_a_file");
        Files.createSymbolicLink(corpus.resolve("audio/Train_17.wav"), corpus.resolve("audio/gone.wav"));
        expect("audio/Train_17.wav", "not_a_file");
        Files.createSymbolicLink(corpus.resolve("audio/Train_18.wav"), corpus.resolve("audio/Train_18.wav"));
        expect("audio/Train_18.wav", "not_a_file");
        Path deep = corpus.resolve("audio/deep");
        for (int i = 0; i < 40; i++) {
            deep = deep.resolve("d" + i);
        }
        WavFiles.write(deep.resolve("Train_19.wav"), WavFiles.tone(1.0, RATE, 300, 4), RATE);
        expect("audio/deep", "not_a_file");
        bytes("audio/README.txt", "recorded in 2026\n".getBytes(StandardCharsets.UTF_8), "not_audio");
    }

    private void sidecarFaults() throws IOException {
        labelled("Train_30", "Train_30;0.0;0.1;0.2;0.3\nTrain_30;0.1;nan;0.2;0.3\n", "labels", "non_finite_label");
        labelled("Train_31", "Train_31;0.0;0.1;0.2;0.3\nTrain_31;0.1;3.5;0.2;0.3\n", "labels", "label_out_of_range");
        labelled("Train_32", "Train_32;0.0;0.1;0.2;0.3\nTrain_32;0.1;0.2\n", "labels", "bad_label_line");
        labelled("Train_33", "Train_33;0.0;0.1;0.2;0.3\nTrain_33;0.137;0.1;0.2;0.3\n", "labels", "labels_off_grid");
        TestCorpus.writeLabels(corpus, "Train_34", 10);
        expect("labels/Train_34.csv", "orphan_file");
        bytes("labels/notes.txt", "who labelled what\n".getBytes(StandardCharsets.UTF_8), "unexpected_file");
        good("session9");
        TestCorpus.writeLabels(corpus, "session9", 10);
        expect("labels/session9.csv", "split_not_in_name");

        labelled("Train_40", "abc;1.000;'hello there'\n", "transcriptions", "bad_transcript_time");
        labelled("Train_41", "0.100;0.900;'hello'\nno fields at all\n", "transcriptions", "bad_transcript_line");
        good("Train_42");
        bytes("transcriptions/Train_42.csv", new byte[] {'0', ';', '1', ';', '\'', (byte) 0xC3, (byte) 0x28, '\'', '\n'},
                "bad_encoding");
        labelled("Train_43", "0.100;0.900;'hello'\n9.000;9.500;'later'\n", "transcriptions", "utterance_beyond_audio");
        // A 0.05 s recording whose one utterance holds three words: kept with its words, no reject (checked below).
        WavFiles.write(corpus.resolve("audio/Train_44.wav"), WavFiles.tone(0.05, RATE, 250, 44), RATE);
        kept.add("Train_44");
        TestCorpus.text(corpus.resolve("transcriptions/Train_44.csv"), "0.000;0.050;'hello there friend'\n");
        TestCorpus.text(corpus.resolve("transcriptions/Train_45.csv"), "0.100;0.900;'nobody said this'\n");
        expect("transcriptions/Train_45.csv", "orphan_file");
        labelled("Train_50", "0.000;0.500\nstart;end\n", "turns", "bad_turn_line");
        labelled("Train_51", "0.000;0.600;subject\n0.500;0.900;interlocutor\n", "turns", "overlapping_turns");
    }

    private void oddNames() throws IOException {
        good("Train_60 with spaces");
        good("Train_61 'quoted' \"twice\"");
        good("Train_62_ünïcødé_语音");
    }

    /** A good one-second recording (kept) whose {@code folder}'s file holds {@code content} (rejected). */
    private void labelled(String name, String content, String folder, String reason) throws IOException {
        good(name);
        bytes(folder + "/" + name + ".csv", content.getBytes(StandardCharsets.UTF_8), reason);
    }

    private void good(String name) throws IOException {
        WavFiles.write(corpus.resolve("audio/" + name + ".wav"), WavFiles.tone(1.0, RATE, 250, name.hashCode()), RATE);
        kept.add(name);
    }

    private void bytes(String path, byte[] content, String reason) throws IOException {
        Files.createDirectories(corpus.resolve(path).getParent());
        Files.write(corpus.resolve(path), content);
        expect(path, reason);
    }

    private void expect(String path, String reason) {
        expected.put(path, reason);
    }
}
