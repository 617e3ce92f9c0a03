package io.kubemon.it.sim.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Failures injected on demand for every request whose path starts with a prefix. */
public final class Faults {
  public enum Kind {
    /** The response comes, but only after the delay. */
    SLOW,
    /** A 5xx (or any) status with a Kubernetes Status body. */
    STATUS,
    /** 429 Too Many Requests with Retry-After in seconds, as API priority and fairness sends. */
    TOO_MANY_REQUESTS,
    /** A complete HTTP response whose JSON body stops in the middle. */
    TRUNCATED_JSON,
    /** A 200 whose body is not JSON at all (a proxy's HTML error page). */
    INVALID_JSON,
    /** Half the body, then silence for the delay while the connection stays open. */
    STALL,
    /** 503 Service Unavailable with Retry-After in seconds, as an API server restarting sends. */
    UNAVAILABLE,
    /** The real body, labelled text/html, as a login page or proxy UI in front would be. */
    WRONG_CONTENT_TYPE,
    /** A JSON list whose body announces and streams {@code value} MiB until the client leaves. */
    HUGE_BODY,
    /** 302 to the same path on https://localhost:{@code value}, another host than 127.0.0.1. */
    REDIRECT
  }

  /** One fault: {@code value} is the HTTP status for STATUS, seconds for TOO_MANY_REQUESTS. */
  public record Fault(String pathPrefix, Kind kind, Duration delay, int value) {}

  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  public void slow(String pathPrefix, Duration delay) {
    faults.add(new Fault(pathPrefix, Kind.SLOW, delay, 0));
  }

  public void status(String pathPrefix, int status) {
    faults.add(new Fault(pathPrefix, Kind.STATUS, Duration.ZERO, status));
  }

  public void tooManyRequests(String pathPrefix, int retryAfterSeconds) {
    faults.add(new Fault(pathPrefix, Kind.TOO_MANY_REQUESTS, Duration.ZERO, retryAfterSeconds));
  }

  public void truncatedJson(String pathPrefix) {
    faults.add(new Fault(pathPrefix, Kind.TRUNCATED_JSON, Duration.ZERO, 0));
  }

  public void invalidJson(String pathPrefix) {
    faults.add(new Fault(pathPrefix, Kind.INVALID_JSON, Duration.ZERO, 0));
  }

  public void stall(String pathPrefix, Duration stall) {
    faults.add(new Fault(pathPrefix, Kind.STALL, stall, 0));
  }

  public void unavailable(String pathPrefix, int retryAfterSeconds) {
    faults.add(new Fault(pathPrefix, Kind.UNAVAILABLE, Duration.ZERO, retryAfterSeconds));
  }

  public void wrongContentType(String pathPrefix) {
    faults.add(new Fault(pathPrefix, Kind.WRONG_CONTENT_TYPE, Duration.ZERO, 0));
  }

  public void hugeBody(String pathPrefix, int mebibytes) {
    faults.add(new Fault(pathPrefix, Kind.HUGE_BODY, Duration.ZERO, mebibytes));
  }

  public void redirect(String pathPrefix, int localhostPort) {
    faults.add(new Fault(pathPrefix, Kind.REDIRECT, Duration.ZERO, localhostPort));
  }

  public void clear() {
    faults.clear();
  }

  Optional<Fault> match(String path) {
    return faults.stream().filter(f -> path.startsWith(f.pathPrefix())).findFirst();
  }
}
