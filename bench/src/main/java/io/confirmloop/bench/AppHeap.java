package io.confirmloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The app's heap after a full garbage collection: {@code jcmd <pid> GC.run} (a full GC), then the
 * app's own figures {@code jvm.memory.used} and {@code jvm.memory.max} of the heap from
 * {@code /actuator/metrics}. What is left is what the app holds live.
 */
record AppHeap(double usedBytes, double maxBytes, boolean up) {

    private static final double MIB = 1024 * 1024;

    static AppHeap afterFullGc(AppClient client, long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), "GC.run")
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd " + pid + " GC.run failed: " + output.trim());
        }
        AppClient.Answer health = client.get("/actuator/health");
        boolean up = health.ok() && "UP".equals(client.read(health).path("status").asText());
        return new AppHeap(heap(client, "jvm.memory.used"), heap(client, "jvm.memory.max"), up);
    }

    /**
     * One row: the heap used after the full GC against the max heap; met when the app is up and
     * what it holds fits in its heap.
     */
    static void addTo(Report.Section section, AppClient client, long pid, int appointments, String heapSetting) {
        String figure = appointments + " live appointments in a " + readable(heapSetting) + " heap (used after a full GC)";
        try {
            AppHeap heap = afterFullGc(client, pid);
            section.row(figure, Format.num(heap.usedBytes() / MIB) + " MiB of " + Format.num(heap.maxBytes() / MIB) + " MiB ("
                    + Format.num(100 * heap.usedBytes() / heap.maxBytes()) + " %)" + (heap.up() ? "" : "; the app is not UP"),
                    "fits, app UP", Report.Verdict.of(heap.up() && heap.usedBytes() < heap.maxBytes()));
        } catch (IOException | RuntimeException e) {
            section.row(figure, "not measured: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            section.row(figure, "not measured: interrupted");
        }
    }

    /** "512m" as "512 MiB", "2g" as "2 GiB"; anything else as it is. */
    private static String readable(String heapSetting) {
        return heapSetting.matches("\\d+[mM]") ? heapSetting.substring(0, heapSetting.length() - 1) + " MiB"
                : heapSetting.matches("\\d+[gG]") ? heapSetting.substring(0, heapSetting.length() - 1) + " GiB" : heapSetting;
    }

    /** The actuator's sum over the heap's memory pools (in the max, G1's young pools count -1 each: they have none of their own). */
    private static double heap(AppClient client, String metric) {
        AppClient.Answer answer = client.get("/actuator/metrics/" + metric + "?tag=area:heap");
        if (!answer.ok()) {
            throw new IllegalStateException(metric + ": HTTP " + answer.status() + " " + answer.body());
        }
        for (var measurement : client.read(answer).path("measurements")) {
            if ("VALUE".equals(measurement.path("statistic").asText())) {
                return measurement.path("value").asDouble();
            }
        }
        throw new IllegalStateException(metric + ": no value in " + answer.body());
    }
}
