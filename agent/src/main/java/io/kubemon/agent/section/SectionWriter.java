package io.kubemon.agent.section;

import java.io.PrintStream;

/**
 * Writes sections as they are produced: {@code <<<name:sep(0)>>>} then one JSON line, inside a host
 * block ({@code <<<<host>>>>} … {@code <<<<>>>>}; the empty name is the cluster host).
 */
final class SectionWriter {
  private final PrintStream out;
  /** Reused for every section: one append to the stream per section, no per-line garbage. */
  private final StringBuilder text = new StringBuilder(4096);

  SectionWriter(PrintStream out) {
    this.out = out;
  }

  void beginHost(String host) {
    out.print("<<<<" + host + ">>>>\n");
  }

  void endHost() {
    out.print("<<<<>>>>\n");
  }

  void section(String name, Object body) {
    text.setLength(0);
    text.append("<<<").append(name).append(":sep(0)>>>\n");
    Json.append(text, body);
    out.append(text.append('\n'));
  }
}
