package org.emospark.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A tiny corpus in the AVEC 2017 layout, written into a folder: three recordings (two Train, one
 * Devel) of a few seconds at 16 kHz with labels, turns and transcripts; or, with {@link #writeSplits}, six
 * recordings of the Train, Devel and Test splits at a rate of the caller's choice.
 */
public final class TestCorpus {
    public static final int SOURCE_RATE = 16000;
    public static final String[] NAMES = {"Train_01", "Train_02", "Devel_01"};
    public static final double[] SECONDS = {3.0, 2.5, 4.2};

    private TestCorpus() {
    }

    /** Recordings of all three labelled splits, for training (Train, Devel) and evaluating (Test) a model. */
    public static final String[] SPLIT_NAMES = {"Train_01", "Train_02", "Devel_01", "Devel_02", "Test_01", "Test_02"};
    public static final double[] SPLIT_SECONDS = {3.0, 2.5, 4.2, 2.6, 3.3, 2.7};

    public static Path write(Path root) throws IOException {
        for (int r = 0; r < NAMES.length; r++) {
            writeRecording(root, NAMES[r], SECONDS[r], SOURCE_RATE, 220 + 110 * r, r);
        }
        return root;
    }

    /**
     * A corpus of {@link #SPLIT_NAMES}: Train, Devel and Test recordings, each with labels, turns and a
     * transcript, the audio at {@code sourceRate} (a low rate such as 1000 Hz keeps model tests small).
     */
    public static Path writeSplits(Path root, int sourceRate) throws IOException {
        for (int r = 0; r < SPLIT_NAMES.length; r++) {
            writeRecording(root, SPLIT_NAMES[r], SPLIT_SECONDS[r], sourceRate, sourceRate / 20.0 * (1 + 0.3 * r), r);
        }
        return root;
    }

    /**
     * {@code count} Test recordings ({@code Test_01}, {@code Test_02}, ...) of {@code seconds} each at {@code rate},
     * with labels, turns and a transcript like the others: a corpus for scoring at some scale.
     */
    public static Path writeTest(Path root, int count, double seconds, int rate) throws IOException {
        for (int r = 0; r < count; r++) {
            writeRecording(root, String.format(Locale.ROOT, "Test_%02d", r + 1), seconds, rate, 110 + 37 * r, r);
        }
        return root;
    }

    private static void writeRecording(Path root, String name, double seconds, int rate, double hz, long seed)
            throws IOException {
        WavFiles.write(root.resolve("audio/" + name + ".wav"), WavFiles.tone(seconds, rate, hz, seed), rate);
        writeLabels(root, name, (int) Math.round(seconds * 10));
        text(root.resolve("turns/" + name + ".csv"), "0.000;1.200\n1.900;" + String.format(Locale.ROOT, "%.3f", seconds - 0.2) + "\n");
        text(root.resolve("transcriptions/" + name + ".csv"),
                "0.100;1.100;'Hello, wonderful world.'\n"
                        + "1.300;1.600;'<filler>'\n"
                        + "1.900;2.400;'so <laughter> sad'\n");
    }

    public static void writeLabels(Path root, String name, int frames) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            sb.append(String.format(Locale.ROOT, "%s;%.1f;%.6f;%.6f;%.6f%n", name, i / 10.0,
                    0.5 * Math.sin(i / 7.0), 0.4 * Math.cos(i / 5.0), 0.1));
        }
        text(root.resolve("labels/" + name + ".csv"), sb.toString());
    }

    public static void text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * Copies the named recordings of a corpus in the AVEC 2017 layout (their audio, labels, turns and transcripts,
     * whatever is there) into {@code target}, in the same folders; returns {@code target}.
     */
    public static Path copyRecordings(Path corpus, Path target, List<String> recordings) throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (recordings.contains(name.substring(0, name.lastIndexOf('.')))) {
                    Path dest = target.resolve(corpus.relativize(f).toString());
                    Files.createDirectories(dest.getParent());
                    Files.copy(f, dest);
                }
            }
        }
        return target;
    }
}
