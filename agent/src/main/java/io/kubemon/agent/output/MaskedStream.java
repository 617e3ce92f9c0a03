package io.kubemon.agent.output;

import io.kubemon.agent.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The last filter on stderr: every line (progress, warnings, --debug stack traces) passes here,
 * and the token becomes {@code ***}. stderr carries a few lines per run, so a line buffer costs
 * nothing; stdout's filter is in {@link Json}, where each string is already visited.
 */
public final class MaskedStream extends OutputStream {
  private final PrintStream target;
  private final String token;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

  private MaskedStream(PrintStream target, String token) {
    this.target = target;
    this.token = token;
  }

  /**
   * {@code target} with the token masked line by line; each line is passed on at its end, a last
   * line without one at {@link PrintStream#close} (which leaves {@code target} open).
   */
  public static PrintStream wrap(PrintStream target, Secret token) {
    return new PrintStream(new MaskedStream(target, token.reveal()), false, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      flushLine();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  /** Passes on complete lines only: a flush mid-line must not cut a token in two. */
  @Override
  public synchronized void flush() {
    target.flush();
  }

  @Override
  public synchronized void close() {
    flushLine();
    target.flush();
  }

  private void flushLine() {
    if (line.size() == 0) {
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    target.print(text.contains(token) ? text.replace(token, "***") : text);
  }
}
