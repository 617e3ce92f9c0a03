package io.kubemon.agent.output;

import io.kubemon.agent.http.Limits;
import io.kubemon.agent.secret.Secret;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The one writer of every section of a run (API, usage and status): {@code <<<name:sep(0)>>>} then
 * one JSON line ({@link Json}), inside a host block ({@code <<<<host>>>>} … {@code <<<<>>>>}; the
 * empty name is the cluster host). A host block reaches the stream whole at {@link #endHost} or not
 * at all, so a writer that fails half-way ({@link #abandonHost}), the run's deadline or the output
 * limit never leave a partial host behind.
 *
 * <p>Bounds (docs/agent-cli.md): a block begun after the deadline is left out, and so is a block
 * that would take the output past {@link Limits#maxOutputBytes}; both are counted for the status
 * section. Strings are cut at {@link Limits#maxStringChars} and host names as well; the token is
 * masked in both.
 */
public final class SectionWriter {
  private static final int KEEP_CAPACITY = 1 << 20;
  private static final BooleanSupplier NEVER = () -> false;

  private final PrintStream out;
  private final Json.Style style;
  private final long maxBytes;
  private final BooleanSupplier expired;
  /** Reused for every section: one append to the host per section, no per-line garbage. */
  private final StringBuilder text = new StringBuilder(4096);
  /** The open host block, reused from host to host. */
  private StringBuilder host = new StringBuilder(8192);

  private boolean open;
  /** The open block began after the deadline: its sections are dropped as they come. */
  private boolean skipping;
  private long bytes;
  /** When the current phase began writing (see {@link #beginWriting}); its grace runs from here. */
  private long writingSince = System.nanoTime();
  private long graceNanos;
  private int leftOutByDeadline;
  private int leftOutBySize;

  /** A writer with the default limits, no deadline and no token to mask (tests, tools). */
  public SectionWriter(PrintStream out) {
    this(out, Limits.DEFAULT, NEVER, null);
  }

  /**
   * @param expired whether the run's deadline has passed
   * @param token the bearer token, masked wherever it appears; null for none
   */
  public SectionWriter(PrintStream out, Limits limits, BooleanSupplier expired, Secret token) {
    this(out, new Json.Style(limits.maxStringChars(), token == null ? null : token.reveal()),
        limits.maxOutputBytes(), expired);
  }

  private SectionWriter(PrintStream out, Json.Style style, long maxBytes, BooleanSupplier expired) {
    this.out = out;
    this.style = style;
    this.maxBytes = maxBytes;
    this.expired = expired;
  }

  /**
   * Marks the start of writing what was just read: even when reading ran up to the deadline,
   * blocks begun within {@code grace} from now are still written, so what is complete reaches
   * the output; the run then ends within the deadline plus about {@code grace}.
   */
  public void beginWriting(java.time.Duration grace) {
    writingSince = System.nanoTime();
    graceNanos = grace.toNanos();
  }

  private boolean late() {
    return expired.getAsBoolean() && System.nanoTime() - writingSince > graceNanos;
  }

  /**
   * A writer on the same stream with the same string rules but neither deadline nor output limit:
   * for the status section, which must always be written.
   */
  public SectionWriter unbounded() {
    return new SectionWriter(out, style, Long.MAX_VALUE, NEVER);
  }

  public void beginHost(String name) {
    host.setLength(0);
    skipping = late();
    host.append("<<<<");
    hostName(name);
    host.append(">>>>\n");
    open = true;
  }

  public void endHost() {
    if (!open) {
      return;
    }
    open = false;
    if (skipping) {
      leftOutByDeadline++;
    } else {
      emit(host.append("<<<<>>>>\n"));
    }
    if (host.capacity() > KEEP_CAPACITY) {
      host = new StringBuilder(8192);
    }
  }

  /** Drops the open host block: what its failed writer produced so far never reaches the output. */
  public void abandonHost() {
    open = false;
    host.setLength(0);
  }

  public void section(String name, Object body) {
    if (open && skipping) {
      return;
    }
    if (!open && late()) {
      leftOutByDeadline++;
      return;
    }
    text.setLength(0);
    text.append("<<<").append(name).append(":sep(0)>>>\n");
    Json.append(text, body, style);
    text.append('\n');
    if (open) {
      host.append(text);
    } else {
      emit(text);
    }
    if (text.capacity() > KEEP_CAPACITY) {
      text.setLength(0);
      text.trimToSize();
    }
  }

  /**
   * Checkmk's own (non-JSON) sections, already in their formats, appended to the open host block:
   * they run to the next header, so they come last in the block.
   */
  public void raw(CharSequence sections) {
    if (!open) {
      throw new IllegalStateException("raw sections belong in an open host block");
    }
    if (!skipping) {
      host.append(sections);
    }
  }

  /**
   * Whether the deadline has passed, so a host block should not even be built; if so, it counts
   * as left out.
   */
  public boolean leaveOutIfLate() {
    if (late()) {
      leftOutByDeadline++;
      return true;
    }
    return false;
  }

  /** Host blocks (or sections outside one) left out because the deadline had passed. */
  public int leftOutByDeadline() {
    return leftOutByDeadline;
  }

  /** Host blocks (or sections outside one) left out because of the output limit. */
  public int leftOutBySize() {
    return leftOutBySize;
  }

  /** Bytes written so far by this writer. */
  public long bytes() {
    return bytes;
  }

  /**
   * Writes the block as UTF-8 bytes: one encoding of the whole block, where PrintStream's text
   * path copied it to a String, then to chars, then encoded them through its writer chain.
   */
  private void emit(CharSequence block) {
    byte[] encoded = block.toString().getBytes(StandardCharsets.UTF_8);
    if (bytes + encoded.length > maxBytes) {
      leftOutBySize++;
      return;
    }
    bytes += encoded.length;
    out.write(encoded, 0, encoded.length);
  }

  /**
   * A host name as JSON strings are written: cut at the string limit, token masked. Piggyback
   * names are built from Kubernetes names (at most 253 characters) and sanitised before they get
   * here; this only stops what a hostile server could still make of them.
   */
  private void hostName(String name) {
    String token = style.token();
    if (token != null && name.length() >= token.length() && name.contains(token)) {
      name = name.replace(token, "***");
    }
    if (name.length() > style.maxChars()) {
      name = name.substring(0, style.maxChars()) + "_truncated";
    }
    host.append(name);
  }
}
