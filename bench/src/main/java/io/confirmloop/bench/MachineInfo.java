package io.confirmloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: CPU, memory, OS, Java, date (Linux /proc; "unknown" elsewhere). */
final class MachineInfo {

    private MachineInfo() {
    }

    static void describe(Report report) {
        report.header("Date", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(ZonedDateTime.now(ZoneOffset.UTC)));
        report.header("CPU", cpuModel() + ", " + cores() + " cores");
        report.header("Memory", memory());
        report.header("OS", os());
        report.header("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
    }

    private static String cpuModel() {
        return lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
    }

    /** Logical processors listed in /proc/cpuinfo (what the JVM sees where that file is missing). */
    private static long cores() {
        long listed = lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("processor")).count();
        return listed > 0 ? listed : Runtime.getRuntime().availableProcessors();
    }

    private static String memory() {
        return lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:")).findFirst().map(l -> {
            long kib = Long.parseLong(l.replaceAll("\\D", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        }).orElse("unknown");
    }

    private static String os() {
        String name = lines("/etc/os-release").stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).orElse(System.getProperty("os.name"));
        return name + ", kernel " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
