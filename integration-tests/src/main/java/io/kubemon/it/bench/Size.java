package io.kubemon.it.bench;

/** A benchmark size: the k3s recording ({@code nodes == 0}) or N nodes x P pods generated. */
record Size(int nodes, int podsPerNode) {
  static Size parse(String text) {
    if (text.equals("k3s")) {
      return new Size(0, 0);
    }
    String[] parts = text.split("x", -1);
    try {
      if (parts.length == 2) {
        Size size = new Size(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        if (size.nodes() > 0 && size.podsPerNode() > 0) {
          return size;
        }
      }
    } catch (NumberFormatException e) {
      // Falls through to the one line below.
    }
    throw new IllegalArgumentException(
        "--sizes takes k3s or NODESxPODS_PER_NODE (e.g. 5000x30), got \"" + text + "\"");
  }

  boolean recorded() {
    return nodes == 0;
  }

  @Override
  public String toString() {
    return recorded() ? "k3s" : nodes + "x" + podsPerNode;
  }
}
