package org.emospark.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What a failed job shows: one line (what failed and why, the innermost cause too when it says more) and where its
 * stack trace went. Spark's and Delta's failures arrive wrapped several levels deep with multi-line messages (a SQL
 * syntax error prints the statement and a caret); a data team's nightly log should read like a list of errors.
 */
final class FailureReport {
    static final int MAX_LINE = 600;

    private FailureReport() {
    }

    /** The failure in one line: the exception's first message line, and the root cause's when it differs. */
    static String oneLine(Throwable failure) {
        String head = firstLine(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String line = head;
        if (root != failure) {
            String cause = firstLine(root);
            if (!head.contains(cause)) {
                line = head + " (cause: " + cause + ")";
            }
        }
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 3) + "...";
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String first = message.strip().lines().findFirst().orElse("").strip();
        return first.isEmpty() ? t.getClass().getSimpleName() : first;
    }

    /**
     * Writes the full stack trace to {@code dir/emospark-<command>-<time>.log} and returns the file, or null when it
     * cannot be written (the one line still stands; the caller then says so).
     */
    static Path writeTrace(Path dir, String command, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("emospark-" + command + "-" + stamp + ".log");
            Files.writeString(file, trace.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Where traces go: {@code $EMOSPARK_LOG_DIR}, else {@code <java.io.tmpdir>/emospark-logs}. */
    static Path traceDir() {
        String configured = System.getenv("EMOSPARK_LOG_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "emospark-logs");
    }
}
