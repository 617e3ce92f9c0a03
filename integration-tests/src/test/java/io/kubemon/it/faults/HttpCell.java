package io.kubemon.it.faults;

import io.kubemon.it.sim.server.Faults;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One HTTP fault of the matrix: how to inject it at a path prefix of the simulator, the anchor and
 * message text the failed source must show, and what {@code /readyz} (plain text, any status is an
 * answer) reports for it; null where it must fail as well.
 *
 * @param documented the part of {@code fragment} that docs/troubleshooting.md quotes
 * @param orDeadline whether the run's deadline may cut the request first
 */
record HttpCell(
    String fault,
    BiConsumer<Faults, String> inject,
    String anchor,
    String fragment,
    String documented,
    boolean orDeadline,
    Integer readyzStatus) {
  @Override
  public String toString() {
    return fault;
  }

  static Stream<HttpCell> cells() {
    return Stream.of(
        cell(
            "401",
            (f, p) -> f.status(p, 401),
            "token-rejected",
            "the token was rejected (HTTP 401)",
            401),
        cell(
            "403",
            (f, p) -> f.status(p, 403),
            "rbac-forbidden",
            "forbidden for the agent's token",
            403),
        cell("404", (f, p) -> f.status(p, 404), "http-not-found", "not found (HTTP 404)", 404),
        new HttpCell(
            "429 Retry-After 1",
            (f, p) -> f.tooManyRequests(p, 1),
            "server-busy",
            "HTTP 429 after 3 attempts",
            "after 3 attempts",
            false,
            429),
        cell(
            "503 Retry-After 1",
            (f, p) -> f.unavailable(p, 1),
            "server-busy",
            "HTTP 503 after 3 attempts",
            503),
        new HttpCell(
            "500",
            (f, p) -> f.status(p, 500),
            "http-unexpected-status",
            "unexpected HTTP 500",
            "unexpected HTTP",
            false,
            500),
        cell("truncated JSON", Faults::truncatedJson, "invalid-json", "invalid JSON at $", 200),
        cell("invalid JSON", Faults::invalidJson, "invalid-json", "invalid JSON at $", 200),
        cell(
            "wrong content type",
            Faults::wrongContentType,
            "unexpected-content-type",
            "expected application/json, got text/html",
            200),
        new HttpCell(
            "1 GiB body",
            (f, p) -> f.hugeBody(p, 1024),
            "body-too-large",
            "the body exceeds 256 MiB",
            "the body exceeds 256 MiB",
            true,
            200),
        new HttpCell(
            "stall mid-body",
            (f, p) -> f.stall(p, Duration.ofSeconds(8)),
            "read-timeout",
            "sent nothing within --read-timeout",
            "sent nothing within --read-timeout",
            true,
            null));
  }

  static HttpCell cell(
      String fault, BiConsumer<Faults, String> inject, String anchor, String text, int readyz) {
    return new HttpCell(fault, inject, anchor, text, text, false, readyz);
  }
}
