package io.kubemon.it.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's command line; every value has a default, so no option is needed. */
record Options(
    List<Size> sizes, int runsOverride, String usageSources, int prometheusMaxNodes,
    String jvmOptions, Path javaHome, int siteMaxPods, Size serve) {
  static final String DEFAULT_SIZES = "k3s,1000x30:none,1000x30,5000x30";
  private static final String NAMES = "--sizes, --runs, --usage-sources, --prometheus-max-nodes,"
      + " --jvm-options, --java-home, --site-max-pods, --serve";

  static Options parse(String[] args) {
    List<Size> sizes = parseSizes(DEFAULT_SIZES);
    int runs = 0;
    String usage = "prometheus,metrics-api";
    int prometheusMaxNodes = 1;
    String jvm = "";
    Path javaHome = null;
    int siteMaxPods = 30_000;
    Size serve = null;
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value (options: " + NAMES + ")");
      }
      String value = args[i + 1];
      switch (name) {
        case "--sizes" -> sizes = parseSizes(value);
        case "--runs" -> runs = positive(name, value);
        case "--usage-sources" -> usage = value;
        case "--prometheus-max-nodes" -> prometheusMaxNodes = positive(name, value);
        case "--jvm-options" -> jvm = value;
        case "--java-home" -> javaHome = javaHome(value);
        case "--site-max-pods" -> siteMaxPods = positive(name, value);
        case "--serve" -> serve = Size.parse(value);
        default -> throw new IllegalArgumentException(
            "unknown option \"" + name + "\" (options: " + NAMES + ")");
      }
    }
    return new Options(sizes, runs, usage, prometheusMaxNodes, jvm, javaHome, siteMaxPods, serve);
  }

  /** Runs counted per size: 7 for k3s (start-up is short and noisy), 5, 3 from 5,000 nodes. */
  int runs(Size size) {
    if (runsOverride > 0) {
      return runsOverride;
    }
    return size.recorded() ? 7 : size.nodes() >= 5000 ? 3 : 5;
  }

  /** The JVM the wrapper runs: {@code --java-home}, else the wrapper's own choice. */
  String java() {
    if (javaHome != null) {
      return javaHome.resolve("bin/java").toString();
    }
    String home = System.getenv("JAVA_HOME");
    if (home != null && !home.isEmpty() && java.nio.file.Files.isExecutable(
        Path.of(home, "bin", "java"))) {
      return Path.of(home, "bin", "java").toString();
    }
    return "java";
  }

  private static Path javaHome(String value) {
    Path home = Path.of(value);
    if (!java.nio.file.Files.isExecutable(home.resolve("bin/java"))) {
      throw new IllegalArgumentException("--java-home " + value + " has no bin/java");
    }
    return home;
  }

  private static List<Size> parseSizes(String text) {
    List<Size> sizes = new ArrayList<>();
    for (String s : text.split(",")) {
      sizes.add(Size.parse(s.trim()));
    }
    return sizes;
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Falls through to the one line below.
    }
    throw new IllegalArgumentException(name + " must be a whole number above 0, got \"" + value
        + "\"");
  }
}
