package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

  @Test
  void delaySeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", NOW));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
  }

  @Test
  void httpDateIsTheWaitUntilThen() {
    assertEquals(Optional.of(Duration.ofSeconds(90)),
        RetryAfter.parse("Fri, 27 Nov 2026 03:01:30 GMT", NOW));
  }

  @Test
  void aDateInThePastMeansNow() {
    assertEquals(Optional.of(Duration.ZERO),
        RetryAfter.parse("Fri, 27 Nov 2026 02:00:00 GMT", NOW));
  }

  @Test
  void absentOrUnreadableIsEmpty() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999", NOW));
  }
}
