package org.emospark.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code jobs/emospark} as a user would, in its own process, and captures what it prints. */
public final class JobsScript {
    public record Run(int exitCode, String stdout, String stderr) {
        public String all() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
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

    /** {@link #run} on a thread of its own, for a test that watches the job while it runs. */
    public static CompletableFuture<Run> start(Map<String, String> env, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(env, args);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while jobs/emospark ran", e);
            }
        }, task -> new Thread(task, "jobs/emospark " + String.join(" ", args)).start());
    }

    /** Runs {@code jobs/<script>} (e.g. {@code nightly}) the same way. */
    public static Run runScript(String script, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path root = TestSpark.repoRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("jobs").resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("EMOSPARK_DRIVER_MEMORY", "2g");
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
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("jobs/" + script + " " + String.join(" ", args) + " did not finish in 15 minutes");
        }
        Run run = new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
        out.delete();
        err.delete();
        return run;
    }
}
