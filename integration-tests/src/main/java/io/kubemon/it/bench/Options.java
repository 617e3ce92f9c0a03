package io.kubemon.it.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's command line; every value has a default, so no option is needed. */
record Options(
    List<Size> sizes, int runsOverride, String usageSources, int prometheusMaxNodes,
    String jvmOptions) {
  static Options parse(String[] args) {
    List<Size> sizes = parseSizes("k3s,100x30,1000x30,5000x30");
    int runs = 0;
    String usage = "prometheus,metrics-api";
    int prometheusMaxNodes = 1;
    String jvm = "";
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value (options: --sizes, --runs,"
            + " --usage-sources, --prometheus-max-nodes, --jvm-options)");
      }
      String value = args[i + 1];
      switch (name) {
        case "--sizes" -> sizes = parseSizes(value);
        case "--runs" -> runs = positive(name, value);
        case "--usage-sources" -> usage = value;
        case "--prometheus-max-nodes" -> prometheusMaxNodes = positive(name, value);
        case "--jvm-options" -> jvm = value;
        default -> throw new IllegalArgumentException("unknown option \"" + name
            + "\" (options: --sizes, --runs, --usage-sources, --prometheus-max-nodes,"
            + " --jvm-options)");
      }
    }
    return new Options(sizes, runs, usage, prometheusMaxNodes, jvm);
  }

  /** Runs counted per size: 5, or 3 from 5,000 nodes on (each takes tens of seconds). */
  int runs(Size size) {
    if (runsOverride > 0) {
      return runsOverride;
    }
    return size.nodes() >= 5000 ? 3 : 5;
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
