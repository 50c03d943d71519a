package org.emospark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The monitoring REST API ({@code /api/v1}) of a running driver's web UI on 127.0.0.1, for tests that act at a
 * given point of a job: give the job {@code --conf spark.ui.port=}{@link #port()} and ask what its executors are
 * doing. Thread dumps come from the executors themselves (spark.ui.threadDumpsEnabled, on by default), so they
 * show what a task runs now, not what the driver last heard.
 */
public final class DriverUi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;

    private DriverUi(int port) {
        this.port = port;
    }

    /** A UI on a port free now, for a driver about to start. */
    public static DriverUi onFreePort() throws IOException {
        return new DriverUi(FreePort.onLoopback());
    }

    public int port() {
        return port;
    }

    /**
     * Polls until an executor of the driver's application runs a thread with {@code frame} (a class and method,
     * e.g. {@code org.emospark.executor.SharedModel.predict}) on its stack, and returns the application id and
     * that executor's id. Fails when {@code running} turns false first (the job ended or died) or after
     * {@code timeout}.
     */
    public ExecutorInFrame awaitExecutorIn(String frame, Duration timeout, BooleanSupplier running)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!running.getAsBoolean()) {
                throw new IllegalStateException("The job ended before any executor ran " + frame);
            }
            String app = appId();
            if (app != null) {
                for (String executor : activeExecutors(app)) {
                    String threads = get("/applications/" + app + "/executors/" + executor + "/threads");
                    if (threads != null && threads.contains(frame)) {
                        return new ExecutorInFrame(app, executor);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No executor ran " + frame + " within " + timeout.toSeconds() + " s");
    }

    /** An executor seen running a frame: its application's id and its own. */
    public record ExecutorInFrame(String appId, String executorId) {
    }

    private String appId() throws IOException, InterruptedException {
        String apps = get("/applications");
        JsonNode list = apps == null ? null : JSON.readTree(apps);
        return list == null || list.isEmpty() ? null : list.get(0).path("id").asText();
    }

    private List<String> activeExecutors(String app) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        String executors = get("/applications/" + app + "/executors");
        if (executors != null) {
            for (JsonNode e : JSON.readTree(executors)) {
                if (e.path("isActive").asBoolean() && !"driver".equals(e.path("id").asText())) {
                    out.add(e.path("id").asText());
                }
            }
        }
        return out;
    }

    /** The body of a JSON answer, or null while the UI is not up or has no such resource yet. */
    private String get(String path) throws InterruptedException {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            // While the driver starts, the UI answers 200 with a plain-text "Spark is starting up" page.
            boolean json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            return r.statusCode() == 200 && json ? r.body() : null;
        } catch (IOException notUpYet) {
            return null;
        }
    }
}
