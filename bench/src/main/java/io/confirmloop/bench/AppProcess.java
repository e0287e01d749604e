package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged app as a child process ({@code java -Xmx… -jar …}), its output in a log file. It is
 * stopped when closed, and by a shutdown hook if the runner ends early (failure, CTRL-C). It keeps
 * its {@link Launch}, so the same app can be started again, e.g. after {@link #kill()}.
 */
final class AppProcess implements AutoCloseable {

    /**
     * Everything one start needs.
     *
     * @param env  added to the runner's environment, from which every CONFIRMLOOP_* and SPRING_* variable is removed first
     * @param args Spring arguments after the jar
     * @param log  the file the process's output goes to (overwritten)
     */
    record Launch(Path jar, String heap, int port, Map<String, String> env, List<String> args, Path log) {

        Launch {
            env = Map.copyOf(env);
            args = List.copyOf(args);
        }

        /** The same start with its output in another file, so that a second start keeps the first one's log. */
        Launch withLog(Path otherLog) {
            return new Launch(jar, heap, port, env, args, otherLog);
        }
    }

    /** What the app logs when a retried send finds that the provider already has the text, so it does not send it again. */
    static final String LOG_NOT_SENT_AGAIN = "not sent again";

    /** The process ended by a signal: its exit value is 128 + the signal's number (SIGKILL = 9). */
    static final int KILLED_BY_SIGKILL = 128 + 9;

    /**
     * A kill: when the signal went out ({@link System#nanoTime()} and wall clock, to compare with
     * the fake Twilio's stamps), when the process was gone, and its exit value.
     */
    record Killed(long signalNanos, Instant signalAt, long goneNanos, int exitValue) {

        boolean bySigkill() {
            return exitValue == KILLED_BY_SIGKILL;
        }

        /** e.g. "gone 0.04 s later, exit 137 = SIGKILL" */
        String describe() {
            return "gone " + Format.seconds((goneNanos - signalNanos) / 1e9) + " later, exit " + exitValue
                    + (bySigkill() ? " = SIGKILL" : " (not SIGKILL: the process had ended before?)");
        }
    }

    private final Process process;
    private final Launch launch;
    private final String baseUrl;
    private final Thread shutdownHook;

    private AppProcess(Process process, Launch launch) {
        this.process = process;
        this.launch = launch;
        this.baseUrl = "http://127.0.0.1:" + launch.port();
        this.shutdownHook = new Thread(this::stop, "stop-confirmloop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the app and waits until it is ready (see {@link #awaitReady}); stops it again if it
     * does not get there.
     *
     * @param name the process's name in progress lines, e.g. "the app", "node 2"
     */
    static AppProcess startReady(Launch launch, Duration timeout, String name) throws IOException {
        Progress.say("starting %s (%s, -Xmx%s) on port %d; log in %s", name, launch.jar().getFileName(), launch.heap(), launch.port(),
                launch.log());
        long started = System.nanoTime();
        AppProcess app = start(launch);
        try {
            app.awaitReady(timeout);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        Progress.say("%s is ready after %s (pid %d)", name, Format.seconds((System.nanoTime() - started) / 1e9), app.pid());
        return app;
    }

    static AppProcess start(Launch launch) throws IOException {
        Path jar = launch.jar();
        Path log = launch.log();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No app jar at " + jar + ": build it first with ./mvnw -DskipTests package");
        }
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + launch.heap()));
        // extra JVM options for the app only, e.g. a flight recording: BENCH_APP_JAVA_OPTS="-XX:StartFlightRecording=..."
        String extra = System.getenv().getOrDefault("BENCH_APP_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        command.addAll(launch.args());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(log.getParent().toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CONFIRMLOOP_") || k.startsWith("SPRING_"));
        builder.environment().putAll(launch.env());
        builder.environment().put("PORT", String.valueOf(launch.port()));
        return new AppProcess(builder.start(), launch);
    }

    /** A port on loopback that nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    long pid() {
        return process.pid();
    }

    Launch launch() {
        return launch;
    }

    Path log() {
        return launch.log();
    }

    /** Waits for /actuator/health, then /actuator/health/readiness where the app has it, to say UP. */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ObjectMapper json = new ObjectMapper();
        try {
            await("app health UP").atMost(timeout).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .failFast("the app process ended; see " + launch.log(), () -> !process.isAlive())
                    .until(() -> "UP".equals(status(http, json, "/actuator/health")));
            await("app readiness UP").atMost(timeout).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .failFast("the app process ended; see " + launch.log(), () -> !process.isAlive())
                    .until(() -> {
                        String readiness = status(http, json, "/actuator/health/readiness");
                        return readiness == null || "UP".equals(readiness);
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The app did not become ready within " + timeout + "; see " + launch.log(), e);
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

    /**
     * A crash: SIGKILL at once, no graceful stop ({@link Process#destroyForcibly()} sends SIGKILL
     * on Linux), then waits until the process is gone. Its exit value is {@link #KILLED_BY_SIGKILL}
     * when the signal ended it.
     */
    Killed kill(Duration timeout) throws InterruptedException {
        long signalNanos = System.nanoTime();
        Instant signalAt = Instant.now();
        process.destroyForcibly();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The app (pid " + process.pid() + ") was still there " + timeout + " after SIGKILL");
        }
        return new Killed(signalNanos, signalAt, System.nanoTime(), process.exitValue());
    }

    /** How many lines of its log contain {@code text}; 0 when the log cannot be read. */
    long logLines(String text) {
        try (Stream<String> lines = Files.lines(launch.log(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * The lines of its log at a level, as Spring Boot's console pattern writes it ("2026-12-03T10:00:00.000Z ERROR 4242 --- …");
     * empty when the log cannot be read.
     */
    List<String> logLinesAt(String level) {
        Pattern atLevel = Pattern.compile("^\\S+\\s+" + Pattern.quote(level) + "\\s+\\d+\\s+---");
        try (Stream<String> lines = Files.lines(launch.log(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> atLevel.matcher(line).find()).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
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
