package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged app as a child process ({@code java -Xmx… -jar …}), its output in a log file. It is
 * stopped when closed, and by a shutdown hook if the runner ends early (failure, CTRL-C).
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final Thread shutdownHook;

    private AppProcess(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.shutdownHook = new Thread(this::stop, "stop-confirmloop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param env  added to the runner's environment, from which every CONFIRMLOOP_* and SPRING_* variable is removed first
     * @param args Spring arguments after the jar
     */
    static AppProcess start(Path jar, String heap, int port, Map<String, String> env, List<String> args, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No app jar at " + jar + ": build it first with ./mvnw -DskipTests package");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        // extra JVM options for the app only, e.g. a flight recording: BENCH_APP_JAVA_OPTS="-XX:StartFlightRecording=..."
        String extra = System.getenv().getOrDefault("BENCH_APP_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(log.getParent().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CONFIRMLOOP_") || k.startsWith("SPRING_"));
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        return new AppProcess(builder.start(), log, "http://127.0.0.1:" + port);
    }

    String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for /actuator/health, then /actuator/health/readiness where the app has it, to say UP. */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ObjectMapper json = new ObjectMapper();
        try {
            await("app health UP").atMost(timeout).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .failFast("the app process ended; see " + log, () -> !process.isAlive())
                    .until(() -> "UP".equals(status(http, json, "/actuator/health")));
            await("app readiness UP").atMost(timeout).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .failFast("the app process ended; see " + log, () -> !process.isAlive())
                    .until(() -> {
                        String readiness = status(http, json, "/actuator/health/readiness");
                        return readiness == null || "UP".equals(readiness);
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The app did not become ready within " + timeout + "; see " + log, e);
        }
    }

    /** The health status, "DOWN" while the app cannot answer, or null when the endpoint does not exist (404). */
    private String status(HttpClient http, ObjectMapper json, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            return json.readTree(response.body()).path("status").asText("DOWN");
        } catch (IOException e) {
            return "DOWN";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN";
        }
    }

    /** SIGTERM (Spring shuts down gracefully), then a hard kill after 30 s. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs (and finds the process stopped)
        }
    }
}
