package org.emospark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The environment page of a job's live Spark UI on 127.0.0.1 (spark.ui.port), as an operator would open it while
 * the job runs: the REST API's {@code /api/v1/applications/<id>/environment} (JSON) and the Environment tab
 * ({@code /environment/}, HTML). Both list Spark, Hadoop and system properties after Spark's redaction.
 */
public final class SparkUiEnvironment {
    /** What the UI served for application {@code appId}. */
    public record Pages(String appId, String json, String html) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private SparkUiEnvironment() {
    }

    /**
     * Polls the UI on {@code port} until its environment lists {@code expectedKey} (the environment arrives a moment
     * after the UI starts, so an early answer can be incomplete), then fetches the HTML page too. Fails when
     * {@code job}, the process serving the UI, ends first.
     */
    public static Pages fetchWhileRunning(int port, JobsScript.Started job, String expectedKey)
            throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + port;
        String lastAnswer = "nothing (the UI never answered)";
        while (job.isAlive()) {
            try {
                JsonNode apps = new ObjectMapper().readTree(get(base + "/api/v1/applications"));
                if (apps.isArray() && !apps.isEmpty()) {
                    String id = apps.get(0).get("id").asText();
                    String json = get(base + "/api/v1/applications/" + id + "/environment");
                    lastAnswer = json;
                    if (json.contains("\"" + expectedKey + "\"")) {
                        return new Pages(id, json, get(base + "/environment/"));
                    }
                }
            } catch (IOException notServingYet) {
                lastAnswer = notServingYet.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The job ended before its Spark UI on port " + port + " listed " + expectedKey
                + " in its environment; last answer: " + lastAnswer + "\nthe job:\n" + job.printedSoFar());
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return response.body();
    }
}
