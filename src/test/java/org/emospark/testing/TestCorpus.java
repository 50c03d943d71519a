package org.emospark.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A tiny corpus in the AVEC 2017 layout, written into a folder: three recordings (two Train, one
 * Devel) of a few seconds at 16 kHz with labels, turns and transcripts.
 */
public final class TestCorpus {
    public static final int SOURCE_RATE = 16000;
    public static final String[] NAMES = {"Train_01", "Train_02", "Devel_01"};
    public static final double[] SECONDS = {3.0, 2.5, 4.2};

    private TestCorpus() {
    }

    public static Path write(Path root) throws IOException {
        for (int r = 0; r < NAMES.length; r++) {
            String name = NAMES[r];
            WavFiles.write(root.resolve("audio/" + name + ".wav"), WavFiles.tone(SECONDS[r], SOURCE_RATE, 220 + 110 * r, r),
                    SOURCE_RATE);
            writeLabels(root, name, (int) Math.round(SECONDS[r] * 10));
            text(root.resolve("turns/" + name + ".csv"), "0.000;1.200\n1.900;" + String.format(Locale.ROOT, "%.3f", SECONDS[r] - 0.2) + "\n");
            text(root.resolve("transcriptions/" + name + ".csv"),
                    "0.100;1.100;'Hello, wonderful world.'\n"
                            + "1.300;1.600;'<filler>'\n"
                            + "1.900;2.400;'so <laughter> sad'\n");
        }
        return root;
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
}
