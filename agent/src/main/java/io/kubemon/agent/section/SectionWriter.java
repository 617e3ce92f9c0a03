package io.kubemon.agent.section;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
    write(out, host.append("<<<<>>>>\n"));
    open = false;
    if (host.capacity() > KEEP_CAPACITY) {
      host = new StringBuilder(8192);
    }
  }

  /**
   * Writes text as UTF-8 bytes: one encoding of the whole block, where PrintStream's text path
   * copies it to a String, then to chars, then encodes them through its writer chain.
   */
  static void write(PrintStream out, CharSequence text) {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
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
      write(out, text);
    }
    if (text.capacity() > KEEP_CAPACITY) {
      text.setLength(0);
      text.trimToSize();
    }
  }
}
