package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final Deadline deadline = new Deadline(Duration.ofSeconds(10), now::get);

  @Test
  void timeoutsAreCappedByWhatIsLeft() {
    assertEquals(Duration.ofSeconds(5), deadline.cap(Duration.ofSeconds(5)));
    now.addAndGet(Duration.ofSeconds(8).toNanos());
    assertEquals(Duration.ofSeconds(2), deadline.remaining());
    assertEquals(Duration.ofSeconds(2), deadline.cap(Duration.ofSeconds(12)));
    assertFalse(deadline.expired());
  }

  @Test
  void afterTheEndNothingIsLeft() {
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertTrue(deadline.expired());
    assertTrue(deadline.hit());
    assertEquals(Duration.ZERO, deadline.remaining());
    assertEquals(Duration.ZERO, deadline.cap(Duration.ofSeconds(10)));
  }

  @Test
  void aCutRequestMarksTheRunAsHit() {
    assertFalse(deadline.hit());
    Failures.deadline("GET /api/v1/pods", deadline);
    assertTrue(deadline.hit());
  }
}
