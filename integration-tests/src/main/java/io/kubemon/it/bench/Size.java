package io.kubemon.it.bench;

/**
 * A benchmark size: the k3s recording ({@code nodes == 0}) or N nodes x P pods generated, with
 * the usage sources of {@code --usage-sources} or its own after a colon ({@code 1000x30:none}).
 */
record Size(int nodes, int podsPerNode, String usage) {
  static Size parse(String text) {
    String usage = null;
    int colon = text.indexOf(':');
    if (colon >= 0) {
      usage = text.substring(colon + 1);
      text = text.substring(0, colon);
      if (usage.isEmpty()) {
        throw new IllegalArgumentException(
            "--sizes: the usage sources after \":\" are missing in \"" + text + ":\"");
      }
    }
    if (text.equals("k3s")) {
      return new Size(0, 0, usage);
    }
    String[] parts = text.split("x", -1);
    try {
      if (parts.length == 2) {
        Size size = new Size(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), usage);
        if (size.nodes() > 0 && size.podsPerNode() > 0) {
          return size;
        }
      }
    } catch (NumberFormatException e) {
      // Falls through to the one line below.
    }
    throw new IllegalArgumentException("--sizes takes k3s or NODESxPODS_PER_NODE (e.g. 5000x30),"
        + " each optionally with :USAGE_SOURCES (e.g. 1000x30:none), got \"" + text + "\"");
  }

  boolean recorded() {
    return nodes == 0;
  }

  @Override
  public String toString() {
    return (recorded() ? "k3s" : nodes + "x" + podsPerNode) + (usage == null ? "" : ":" + usage);
  }
}
