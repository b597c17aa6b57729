package io.dataspoke.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The machine a benchmark ran on, reported beside its figures. */
public record Machine(String cpu, int cores, long maxHeapMb, String os, String java) {

    /** This JVM's machine. */
    public static Machine current() {
        return new Machine(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    /** One line: CPU, cores, heap, OS and JVM. */
    public String describe() {
        return String.format("%s, %d cores, %,d MiB heap, %s, %s", cpu, cores, maxHeapMb, os, java);
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown CPU";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
