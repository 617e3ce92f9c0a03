package io.kubemon.agent.section;

import java.io.PrintStream;

/**
 * Writes sections as they are produced: {@code <<<name:sep(0)>>>} then one JSON line, inside a host
 * block ({@code <<<<host>>>>} … {@code <<<<>>>>}; the empty name is the cluster host).
 */
final class SectionWriter {
  private final PrintStream out;

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
    String line = Json.line(body);
    out.print("<<<" + name + ":sep(0)>>>\n" + line + "\n");
  }
}
