package io.kubemon.agent.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The run-wide time budget (--deadline), shared by every request: a request never waits past it,
 * and after it every request fails at once, so the agent can still write what it has before
 * Checkmk kills it.
 */
public final class Deadline {
  private final long endNanos;
  private final Duration total;
  private final LongSupplier nanoTime;
  private final AtomicBoolean hit = new AtomicBoolean();

  Deadline(Duration total, LongSupplier nanoTime) {
    this.total = total;
    this.nanoTime = nanoTime;
    this.endNanos = nanoTime.getAsLong() + total.toNanos();
  }

  public static Deadline after(Duration total) {
    return new Deadline(total, System::nanoTime);
  }

  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - nanoTime.getAsLong()));
  }

  public boolean expired() {
    return endNanos - nanoTime.getAsLong() <= 0;
  }

  /** Whether {@code grace} has passed since the deadline (writing gets this much longer). */
  public boolean expired(Duration grace) {
    return endNanos + grace.toNanos() - nanoTime.getAsLong() <= 0;
  }

  /** {@code timeout}, shortened to what is left of the run. */
  public Duration cap(Duration timeout) {
    Duration left = remaining();
    return timeout.compareTo(left) < 0 ? timeout : left;
  }

  public Duration total() {
    return total;
  }

  /** Records that the deadline cut a request short (kubemon_agent_status_v1 deadline_hit). */
  void markHit() {
    hit.set(true);
  }

  public boolean hit() {
    return hit.get() || expired();
  }
}
