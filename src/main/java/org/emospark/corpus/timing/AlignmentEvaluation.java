package org.emospark.corpus.timing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.emospark.corpus.audio.AudioDecoders;
import org.emospark.corpus.audio.MonoAudioStream;
import org.emospark.corpus.audio.Resampling;
import org.emospark.corpus.text.TimedWord;
import org.emospark.corpus.text.TranscriptParse;
import org.emospark.corpus.text.TranscriptParser;
import org.emospark.corpus.text.Utterance;

/**
 * Measures word aligners against known word timings: for every recording of a corpus in the AVEC
 * layout that has a truth file ({@link TrueWordTimings}, {@code <truth>/words/NAME.csv}), decodes
 * {@code audio/NAME.wav} (or {@code .flac}), resamples it to the ingest rate (22050 Hz) and builds
 * its {@link EnergyEnvelope} in blocks as ingest does, parses {@code transcriptions/NAME.csv}, aligns
 * every utterance with each registered aligner and collects the boundary errors
 * {@code |predicted - true|} of every word's start and end.
 *
 * <p>Utterances are matched to the truth by transcript row: {@code utterance_index} is the 0-based
 * row, i.e. {@link Utterance#lineNumber()} - 1, which holds for files without header or blank lines
 * (as the generator writes them); the tokens must then equal the truth's words, and a mismatch
 * fails the run naming the file and line, so a wrong match cannot go unnoticed. Filler-only rows,
 * which the parser skips, are not measured.
 *
 * <p>Cost: one streaming decode per recording (memory bounded by the envelope, 4 bytes per 10 ms),
 * plus the aligners; wall times of both are reported separately. Local files only, no Spark.
 */
public final class AlignmentEvaluation {
    /** The rate ingest resamples to, and so the rate envelopes are built at. */
    public static final int DEFAULT_SAMPLE_RATE = 22050;
    private static final int READ_BLOCK = 8192;

    private final Path corpusRoot;
    private final Path truthRoot;
    private final Map<String, WordAligner> aligners = new LinkedHashMap<>();
    private int sampleRate = DEFAULT_SAMPLE_RATE;

    private AlignmentEvaluation(Path corpusRoot, Path truthRoot) {
        this.corpusRoot = Objects.requireNonNull(corpusRoot, "corpusRoot");
        this.truthRoot = Objects.requireNonNull(truthRoot, "truthRoot");
    }

    /** An evaluation of the corpus at {@code corpusRoot} (AVEC layout) against {@code truthRoot/words}. */
    public static AlignmentEvaluation of(Path corpusRoot, Path truthRoot) {
        return new AlignmentEvaluation(corpusRoot, truthRoot);
    }

    /** Adds an aligner to measure, reported under {@code name}. */
    public AlignmentEvaluation aligner(String name, WordAligner aligner) {
        Objects.requireNonNull(aligner, "aligner");
        if (name == null || name.isBlank() || aligners.containsKey(name)) {
            throw new IllegalArgumentException("Aligner name must be non-blank and unique, cannot be: '" + name + "'");
        }
        aligners.put(name, aligner);
        return this;
    }

    /** The rate envelopes are built at (default {@value #DEFAULT_SAMPLE_RATE}). */
    public AlignmentEvaluation sampleRate(int rate) {
        if (rate < EnergyEnvelope.HOPS_PER_SECOND) {
            throw new IllegalArgumentException("Sample rate must be at least " + EnergyEnvelope.HOPS_PER_SECOND
                    + " Hz, cannot be: " + rate);
        }
        this.sampleRate = rate;
        return this;
    }

    /**
     * Runs every aligner over every recording that has a truth file.
     *
     * @throws IllegalArgumentException when no aligner is registered, no truth file is found, a file is
     *                                  missing or malformed, or transcript and truth disagree
     */
    public AlignmentReport run() throws IOException {
        if (aligners.isEmpty()) {
            throw new IllegalArgumentException("Cannot evaluate: no aligner registered");
        }
        List<String> names = recordingNames();
        Map<String, List<double[]>> errors = new LinkedHashMap<>();
        Map<String, Long> alignNanos = new LinkedHashMap<>();
        aligners.keySet().forEach(a -> {
            errors.put(a, new ArrayList<>());
            alignNanos.put(a, 0L);
        });
        long envelopeNanos = 0;
        double audioSeconds = 0;
        int utterances = 0;
        int words = 0;
        for (String name : names) {
            long t0 = System.nanoTime();
            EnergyEnvelope envelope = envelope(audioFile(name), sampleRate);
            envelopeNanos += System.nanoTime() - t0;
            audioSeconds += envelope.durationS();
            List<Matched> matched = matchedUtterances(name);
            for (Map.Entry<String, WordAligner> a : aligners.entrySet()) {
                List<List<TimedWord>> predicted = new ArrayList<>(matched.size());
                long t1 = System.nanoTime();
                for (Matched m : matched) {
                    predicted.add(a.getValue().align(m.utterance(), envelope));
                }
                alignNanos.merge(a.getKey(), System.nanoTime() - t1, Long::sum);
                for (int i = 0; i < matched.size(); i++) {
                    errors.get(a.getKey()).add(boundaryErrors(predicted.get(i), matched.get(i).truth()));
                }
            }
            utterances += matched.size();
            for (Matched m : matched) {
                words += m.truth().size();
            }
        }
        List<AlignmentReport.AlignerScore> scores = new ArrayList<>();
        for (String a : aligners.keySet()) {
            double[] all = errors.get(a).stream().flatMapToDouble(Arrays::stream).toArray();
            scores.add(new AlignmentReport.AlignerScore(a, BoundaryErrorStats.of(all), alignNanos.get(a) / 1e9));
        }
        return new AlignmentReport(names.size(), utterances, words, audioSeconds, envelopeNanos / 1e9, scores);
    }

    /**
     * The errors {@code |predicted - true|} of each word's start and end, in word order (start, end,
     * start, end, ...).
     *
     * @throws IllegalArgumentException when the lists differ in length or in their words
     */
    public static double[] boundaryErrors(List<TimedWord> predicted, List<TimedWord> truth) {
        if (predicted.size() != truth.size()) {
            throw new IllegalArgumentException("Predicted and true timings must have the same words, found "
                    + predicted.size() + " predicted and " + truth.size() + " true");
        }
        double[] out = new double[2 * truth.size()];
        for (int i = 0; i < truth.size(); i++) {
            TimedWord p = predicted.get(i);
            TimedWord t = truth.get(i);
            if (!p.word().equals(t.word())) {
                throw new IllegalArgumentException("Word " + i + " differs: predicted '" + p.word() + "', true '"
                        + t.word() + "'");
            }
            out[2 * i] = Math.abs(p.startS() - t.startS());
            out[2 * i + 1] = Math.abs(p.endS() - t.endS());
        }
        return out;
    }

    /**
     * The envelope of an audio file at {@code sampleRate}, streamed as ingest does: decode, resample,
     * feed the builder in blocks.
     */
    public static EnergyEnvelope envelope(Path audioFile, int sampleRate) throws IOException {
        try (InputStream in = Files.newInputStream(audioFile);
             MonoAudioStream audio = Resampling.to(AudioDecoders.open(in, audioFile.toString()), sampleRate)) {
            EnergyEnvelope.Builder builder = new EnergyEnvelope.Builder(sampleRate);
            float[] buf = new float[READ_BLOCK];
            for (int r; (r = audio.read(buf, 0, buf.length)) >= 0; ) {
                builder.accept(buf, 0, r);
            }
            return builder.build();
        }
    }

    private record Matched(Utterance utterance, List<TimedWord> truth) {
    }

    private List<Matched> matchedUtterances(String name) throws IOException {
        Path transcript = corpusRoot.resolve("transcriptions").resolve(name + ".csv");
        Path truthFile = truthRoot.resolve("words").resolve(name + ".csv");
        TranscriptParse parse = TranscriptParser.parse(read(transcript), transcript.toString());
        if (!parse.rejects().isEmpty()) {
            throw new IllegalArgumentException("Cannot evaluate against a transcript with rejected lines: "
                    + parse.rejects().get(0).detail());
        }
        TrueWordTimings truth = TrueWordTimings.parse(read(truthFile), truthFile.toString());
        List<Matched> out = new ArrayList<>();
        for (Utterance u : parse.utterances()) {
            int row = u.lineNumber() - 1;
            List<TimedWord> words = truth.forUtterance(row);
            List<String> trueTokens = words.stream().map(TimedWord::word).toList();
            if (!trueTokens.equals(u.tokens())) {
                throw new IllegalArgumentException(transcript + ":" + u.lineNumber() + ": tokens " + u.tokens()
                        + " differ from the words of utterance_index " + row + " in " + truthFile + ": " + trueTokens
                        + " (utterance_index must be the 0-based transcript row: no header or blank lines)");
            }
            out.add(new Matched(u, words));
        }
        return out;
    }

    private List<String> recordingNames() throws IOException {
        Path dir = truthRoot.resolve("words");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Cannot evaluate: no truth folder " + dir);
        }
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".csv"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Cannot evaluate: no NAME.csv in " + dir);
        }
        return names;
    }

    private Path audioFile(String name) {
        Path audio = corpusRoot.resolve("audio");
        for (String ext : new String[] {".wav", ".flac"}) {
            Path p = audio.resolve(name + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Cannot evaluate " + name + ": no " + audio.resolve(name + ".wav")
                + " (or .flac)");
    }

    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Cannot evaluate: missing file " + file);
        }
        return Files.readAllBytes(file);
    }
}
