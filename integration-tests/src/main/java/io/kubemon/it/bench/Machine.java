package io.kubemon.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine the figures come from: cores, CPU model, memory, the JVM. */
final class Machine {
  private Machine() {}

  static String describe() {
    return String.format(Locale.ROOT, "machine: %d cores (%s), %s memory; %s %s",
        Runtime.getRuntime().availableProcessors(),
        first(Path.of("/proc/cpuinfo"), "model name"),
        memory(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"));
  }

  /** The 1-minute load average: other work on the machine stretches wall times, not CPU. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memory() {
    String kb = first(Path.of("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "");
    return kb.isEmpty() ? "unknown" : String.format(Locale.ROOT, "%.1f GiB",
        Long.parseLong(kb) / 1048576.0);
  }

  /** The value after the colon of the first line starting with {@code key}. */
  private static String first(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(key) && line.contains(":")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: the figures still stand, the machine is just not named.
    }
    return "unknown";
  }
}
