package org.emospark.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code jobs/emospark} as a user would, in its own process, and captures what it prints. */
public final class JobsScript {
    public record Run(int exitCode, String stdout, String stderr) {
        public String all() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /**
     * A {@code jobs/} script running in its own process, for tests that act while it runs (kill a worker, poll the
     * driver's UI); {@link #await} waits for it, {@link #close} stops it if it still runs.
     */
    public static final class Started implements AutoCloseable {
        private final String command;
        private final Process process;
        private final File out;
        private final File err;

        private Started(String command, Process process, File out, File err) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** What the script has printed so far, for a test's failure message while it still runs. */
        public String printedSoFar() throws IOException {
            return "--- stdout\n" + Files.readString(out.toPath(), StandardCharsets.UTF_8) + "\n--- stderr\n"
                    + Files.readString(err.toPath(), StandardCharsets.UTF_8);
        }

        /** What the script has printed on its standard output so far. */
        public String stdoutSoFar() throws IOException {
            return Files.readString(out.toPath(), StandardCharsets.UTF_8);
        }

        /**
         * Waits until the script's standard output contains {@code expected}; fails the test (with what it printed)
         * when the script ends first or {@code seconds} pass.
         */
        public void awaitStdout(String expected, int seconds) throws IOException, InterruptedException {
            long deadline = System.currentTimeMillis() + seconds * 1000L;
            while (System.currentTimeMillis() < deadline) {
                if (stdoutSoFar().contains(expected)) {
                    return;
                }
                if (!isAlive()) {
                    throw new AssertionError(command + " ended before printing '" + expected + "'\n" + printedSoFar());
                }
                Thread.sleep(500);
            }
            throw new AssertionError(command + " did not print '" + expected + "' within " + seconds + " s\n"
                    + printedSoFar());
        }

        /** Waits up to 15 minutes for the script to end and returns what it printed. */
        public Run await() throws IOException, InterruptedException {
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                close();
                throw new IllegalStateException(command + " did not finish in 15 minutes");
            }
            return ended();
        }

        /**
         * Asks the script to stop as a service manager would, with SIGTERM (the scripts exec their JVM, so the JVM
         * gets it), and returns what it printed once it has ended.
         */
        public Run terminate(int seconds) throws IOException, InterruptedException {
            process.destroy();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                String printed = printedSoFar();
                close();
                throw new IllegalStateException(command + " did not stop within " + seconds + " s of SIGTERM\n" + printed);
            }
            return ended();
        }

        private Run ended() throws IOException {
            return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            out.delete();
            err.delete();
        }
    }

    private JobsScript() {
    }

    /**
     * Runs {@code jobs/emospark} with {@code args}; {@code env} is added to this JVM's environment, and a variable
     * mapped to null is removed from it.
     */
    public static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runScript("emospark", env, args);
    }

    /** Runs {@code jobs/<script>} (e.g. {@code nightly}) the same way. */
    public static Run runScript(String script, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        try (Started started = start(script, env, args)) {
            return started.await();
        }
    }

    /** Starts {@code jobs/<script>} and returns while it runs. */
    public static Started start(String script, Map<String, String> env, String... args) throws IOException {
        Path root = TestSpark.repoRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("jobs").resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("EMOSPARK_DRIVER_MEMORY", "2g");
        // Each job's JVM lives well under a minute here, too short to repay C2's compile time: an ingest of the sample
        // corpus took 0.76 of its time with C1 only (30.1 and 33.4 s against 39.4 and 44.0 s, alternating runs).
        pb.environment().put("SPARK_SUBMIT_OPTS", "-XX:TieredStopAtLevel=1");
        env.forEach((name, value) -> {
            if (value == null) {
                pb.environment().remove(name);
            } else {
                pb.environment().put(name, value);
            }
        });
        File out = File.createTempFile("emospark-out", ".txt");
        File err = File.createTempFile("emospark-err", ".txt");
        pb.redirectOutput(out).redirectError(err);
        return new Started("jobs/" + script + " " + String.join(" ", args), pb.start(), out, err);
    }
}
