package org.emospark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: one Master and N Workers, each a JVM of its own started from the
 * Spark runtime Maven assembles ({@code target/spark-runtime/jars}), on free ports, with 512 MB heaps. Submit to it
 * with {@code jobs/emospark --master} {@link #masterUrl()}; the executors the Workers start are child processes of
 * their Worker and read the same local file system as the driver. Master and Workers run with the C1 compiler
 * only, as test JVMs do: they live for a test, not long enough to repay C2's compile time.
 *
 * <p>{@link #kill(Worker)} is the loss of a machine: the Worker and every process it started (its executors) get
 * SIGKILL at once, so their shuffle files and cached blocks are gone and no one reports anything on their way out.
 * Killing only the Worker JVM would not do: its executors notice the lost Worker only later and exit on their own.
 *
 * <p>Logs: {@code master.log}, {@code worker-N.log} and each executor's {@code stderr} under
 * {@code worker-N/app-.../ID/} in the folder given to {@link #start}.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** One Worker: its process (the executors it started are its descendants) and the port of its web UI. */
    public record Worker(int index, Process process, int webUiPort, Path log) {
        /** The Worker's own state: its executors with their application and executor ids. */
        public JsonNode state() throws IOException, InterruptedException {
            return json(webUiPort);
        }
    }

    private final Path dir;
    private final Process master;
    private final int masterPort;
    private final int masterWebUiPort;
    private final List<Worker> workers;
    private final Set<Worker> killed = ConcurrentHashMap.newKeySet();

    private StandaloneCluster(Path dir, Process master, int masterPort, int masterWebUiPort, List<Worker> workers) {
        this.dir = dir;
        this.master = master;
        this.masterPort = masterPort;
        this.masterWebUiPort = masterWebUiPort;
        this.workers = workers;
    }

    /**
     * Starts a Master and {@code workers} Workers of {@code cores} cores and {@code memory} (e.g. {@code "1g"}: what
     * the executors may take; executors ask for spark.executor.memory, 1g by default) each, and returns once the
     * Master counts them all alive. Logs and work folders go under {@code dir}.
     */
    public static StandaloneCluster start(Path dir, int workers, int cores, String memory)
            throws IOException, InterruptedException {
        if (workers < 1 || cores < 1) {
            throw new IllegalArgumentException("A cluster needs at least one worker of one core, cannot be: " + workers
                    + " worker(s) of " + cores + " core(s)");
        }
        Files.createDirectories(dir);
        int masterPort = FreePort.onLoopback();
        int masterWebUi = FreePort.onLoopback();
        Process master = launch(dir.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(masterWebUi));
        List<Worker> started = new ArrayList<>();
        StandaloneCluster cluster = new StandaloneCluster(dir, master, masterPort, masterWebUi, started);
        try {
            for (int i = 0; i < workers; i++) {
                int webUi = FreePort.onLoopback();
                Path log = dir.resolve("worker-" + i + ".log");
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                started.add(new Worker(i, launch(log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--webui-port", Integer.toString(webUi), "--cores", Integer.toString(cores), "--memory", memory,
                        "--work-dir", work.toString(), cluster.masterUrl()), webUi, log));
            }
            cluster.awaitAliveWorkers(workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The URL to submit to: {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    public List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** The Master's view ({@code /json} of its web UI): workers and their state, applications. */
    public JsonNode masterState() throws IOException, InterruptedException {
        return json(masterWebUiPort);
    }

    /** The Worker running executor {@code executorId} of application {@code appId}. */
    public Worker workerOf(String appId, String executorId) throws IOException, InterruptedException {
        for (Worker w : workers) {
            if (!w.process().isAlive()) {
                continue;
            }
            for (JsonNode e : w.state().path("executors")) {
                if (appId.equals(e.path("appid").asText()) && executorId.equals(e.path("id").asText())) {
                    return w;
                }
            }
        }
        throw new IllegalStateException("No live worker runs executor " + executorId + " of " + appId + "; master: "
                + masterState());
    }

    /**
     * The loss of {@code worker}'s machine: SIGKILL to the Worker and to every process it started, then waits until
     * they are all gone and the Master has noticed. Returns how many executor processes died with it.
     */
    public int kill(Worker worker) throws IOException, InterruptedException {
        List<ProcessHandle> executors = worker.process().descendants().toList();
        killed.add(worker);
        worker.process().destroyForcibly();
        executors.forEach(ProcessHandle::destroyForcibly);
        awaitExit(worker.process().toHandle());
        for (ProcessHandle e : executors) {
            awaitExit(e);
        }
        awaitAliveWorkers(workers.size() - killed.size());
        return executors.size();
    }

    /** Stops every Worker (and its executors) and the Master. */
    @Override
    public void close() {
        for (Worker w : workers) {
            stop(w.process());
        }
        stop(master);
    }

    private void awaitAliveWorkers(int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) {
                throw new IllegalStateException("The Spark master exited:\n" + Files.readString(dir.resolve("master.log")));
            }
            for (Worker w : workers) {
                if (!w.process().isAlive() && !killed.contains(w)) {
                    throw new IllegalStateException("Spark worker " + w.index() + " exited with " + w.process().exitValue()
                            + ":\n" + Files.readString(w.log()));
                }
            }
            try {
                state = masterState();
                if (state.path("aliveworkers").asInt(-1) == expected) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the Master's web UI starts a moment after its process
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The Spark master did not count " + expected + " alive worker(s) within "
                + START_TIMEOUT.toSeconds() + " s; its state: " + state + "\n" + Files.readString(dir.resolve("master.log")));
    }

    private static Process launch(Path log, String mainClass, String... args) throws IOException {
        Path runtime = TestSpark.repoRoot().resolve("target/spark-runtime");
        if (!Files.isDirectory(runtime.resolve("jars"))) {
            throw new IllegalStateException("No Spark runtime at " + runtime + " (mvn -DskipTests package assembles it)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
        cmd.addAll(List.of("-cp", runtime.resolve("jars") + "/*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        // The Worker builds its executors' command from SPARK_HOME; without the Scala version it looks for a
        // source build's folders and the executors die ("Cannot find any build directories").
        pb.environment().put("SPARK_HOME", runtime.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_DIRS", Files.createDirectories(log.resolveSibling("local")).toString());
        return pb.start();
    }

    private static JsonNode json(int webUiPort) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + " from " + r.uri());
        }
        return JSON.readTree(r.body());
    }

    private static void awaitExit(ProcessHandle p) throws InterruptedException {
        try {
            p.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Process " + p.pid() + " still runs 30 s after SIGKILL", e);
        }
    }

    private static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
