package org.emospark.corpus.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emospark.corpus.text.TimedWord;
import org.emospark.testing.WavFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentEvaluationTest {

    @Test
    void boundaryErrorsAreTheDistancesOfEachStartAndEnd() {
        List<TimedWord> truth = List.of(new TimedWord(0, "a", 1.0, 1.5), new TimedWord(1, "b", 1.6, 2.0));
        List<TimedWord> predicted = List.of(new TimedWord(0, "a", 1.1, 1.5), new TimedWord(1, "b", 1.5, 2.25));
        assertArrayEquals(new double[] {0.1, 0.0, 0.1, 0.25}, AlignmentEvaluation.boundaryErrors(predicted, truth), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> AlignmentEvaluation.boundaryErrors(predicted.subList(0, 1), truth));
        assertThrows(IllegalArgumentException.class, () -> AlignmentEvaluation.boundaryErrors(
                List.of(new TimedWord(0, "x", 1, 1.5), predicted.get(1)), truth));
    }

    @Test
    void statsInterpolateBetweenOrderStatistics() {
        BoundaryErrorStats s = BoundaryErrorStats.of(new double[] {10, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(10, s.boundaries());
        assertEquals(5.5, s.medianS(), 1e-12);
        assertEquals(9.1, s.p90S(), 1e-12);
        assertEquals(5.5, s.meanS(), 1e-12);
        assertEquals(10, s.maxS());
        assertThrows(IllegalArgumentException.class, () -> BoundaryErrorStats.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> BoundaryErrorStats.of(new double[] {Double.NaN}));
    }

    @Test
    void truthFilesGroupWordsByTranscriptRow() {
        TrueWordTimings t = TrueWordTimings.parse(("utterance_index;word_index;word;start_s;end_s\n"
                + "0;0;market;0.756508;1.250385\n0;1;train;1.281950;1.681043\n2;2;<laughter>;3.0;3.5\n")
                .getBytes(StandardCharsets.UTF_8), "words/X.csv");
        assertEquals(List.of(new TimedWord(0, "market", 0.756508, 1.250385), new TimedWord(1, "train", 1.281950, 1.681043)),
                t.forUtterance(0));
        assertEquals(List.of(), t.forUtterance(1));
        assertEquals(List.of(new TimedWord(0, "<laughter>", 3.0, 3.5)), t.forUtterance(2));
        assertEquals(2, t.utteranceCount());
    }

    @Test
    void malformedTruthFilesNameTheLine() {
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
                () -> TrueWordTimings.parse("0;0;a;1;2\n".getBytes(StandardCharsets.UTF_8), "w.csv"));
        assertTrue(header.getMessage().startsWith("w.csv:1: expected the header"), header.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class, () -> TrueWordTimings.parse(
                (TrueWordTimings.HEADER + "\n0;0;a;2;1\n").getBytes(StandardCharsets.UTF_8), "w.csv"));
        assertTrue(row.getMessage().startsWith("w.csv:2: "), row.getMessage());
    }

    @Test
    void aTinyCorpusIsMeasuredEndToEnd(@TempDir Path dir) throws Exception {
        float[] signal = SyntheticSpeech.noise(3.0, 5);
        SyntheticSpeech.burst(signal, 0.50, 0.90, 1);
        SyntheticSpeech.burst(signal, 1.00, 1.60, 1);
        SyntheticSpeech.burst(signal, 2.00, 2.40, 1);
        WavFiles.write(dir.resolve("corpus/audio/Train_01.wav"), signal, SyntheticSpeech.RATE);
        write(dir.resolve("corpus/transcriptions/Train_01.csv"), "0.5;1.6;'Hallo Welt'\n1.7;1.8;'<filler>'\n2.0;2.4;'ja'\n");
        write(dir.resolve("truth/words/Train_01.csv"), TrueWordTimings.HEADER + "\n0;0;hallo;0.5;0.9\n0;1;welt;1.0;1.6\n"
                + "1;2;<filler>;1.7;1.8\n2;3;ja;2.0;2.4\n");
        AlignmentReport r = AlignmentEvaluation.of(dir.resolve("corpus"), dir.resolve("truth"))
                .aligner("uniform", new UniformAligner()).aligner("pause", new PauseAwareAligner()).run();
        assertEquals(1, r.recordings());
        assertEquals(2, r.utterances());
        assertEquals(3, r.words());
        assertEquals(3.0, r.audioSeconds(), 1e-9);
        assertEquals(6, r.score("pause").errors().boundaries());
        assertTrue(r.score("pause").errors().maxS() <= 0.010, r.describe());
        // Uniform: hallo 0.5-1.05, welt 1.05-1.6, so its worst boundary is 0.15 s off.
        assertEquals(0.15, r.score("uniform").errors().maxS(), 1e-9);
    }

    @Test
    void aTranscriptThatDoesNotMatchTheTruthNamesTheLine(@TempDir Path dir) throws Exception {
        WavFiles.write(dir.resolve("corpus/audio/Devel_01.wav"), SyntheticSpeech.noise(1.0, 6), 16000);
        write(dir.resolve("corpus/transcriptions/Devel_01.csv"), "0.1;0.5;'eins zwei'\n");
        write(dir.resolve("truth/words/Devel_01.csv"), TrueWordTimings.HEADER + "\n0;0;eins;0.1;0.3\n0;1;drei;0.3;0.5\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlignmentEvaluation.of(dir.resolve("corpus"), dir.resolve("truth")).aligner("u", new UniformAligner()).run());
        assertTrue(e.getMessage().contains("Devel_01.csv:1: tokens [eins, zwei] differ from the words of utterance_index 0"),
                e.getMessage());
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
