package io.kubemon.agent.section;

import java.io.PrintStream;

/**
 * Writes sections as they are produced: {@code <<<name:sep(0)>>>} then one JSON line, inside a host
 * block ({@code <<<<host>>>>} … {@code <<<<>>>>}; the empty name is the cluster host). A host block
 * reaches the stream whole at {@link #endHost} or not at all ({@link #abandonHost}), so a writer
 * that fails half-way leaves no partial host behind.
 */
final class SectionWriter {
  private static final int KEEP_CAPACITY = 1 << 20;

  private final PrintStream out;
  /** Reused for every section: one append to the host per section, no per-line garbage. */
  private final StringBuilder text = new StringBuilder(4096);
  /** The open host block, reused from host to host. */
  private StringBuilder host = new StringBuilder(8192);

  private boolean open;

  SectionWriter(PrintStream out) {
    this.out = out;
  }

  void beginHost(String name) {
    host.setLength(0);
    host.append("<<<<").append(name).append(">>>>\n");
    open = true;
  }

  void endHost() {
    if (!open) {
      return;
    }
    out.append(host.append("<<<<>>>>\n"));
    open = false;
    if (host.capacity() > KEEP_CAPACITY) {
      host = new StringBuilder(8192);
    }
  }

  /** Drops the open host block: what its failed writer produced so far never reaches the output. */
  void abandonHost() {
    open = false;
    host.setLength(0);
  }

  void section(String name, Object body) {
    text.setLength(0);
    text.append("<<<").append(name).append(":sep(0)>>>\n");
    Json.append(text, body);
    text.append('\n');
    if (open) {
      host.append(text);
    } else {
      out.append(text);
    }
    if (text.capacity() > KEEP_CAPACITY) {
      text.setLength(0);
      text.trimToSize();
    }
  }
}
