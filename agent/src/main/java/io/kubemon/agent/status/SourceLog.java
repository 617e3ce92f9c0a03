package io.kubemon.agent.status;

import io.kubemon.agent.http.SourceException;
import java.util.ArrayList;
import java.util.List;

/**
 * What each source did in this run; becomes {@code kubemon_agent_status_v1}. Thread-safe: sources
 * run concurrently.
 */
public final class SourceLog {

  /** One source's outcome; see docs/sections.md, kubemon_agent_status_v1. */
  public record Entry(
      String source,
      String request,
      String state,
      Integer httpStatus,
      String message,
      String hint,
      String anchor,
      String kind,
      int requests,
      double elapsedSeconds) {}

  private final List<Entry> entries = new ArrayList<>();

  public synchronized void ok(String source, String request, int requests, double elapsedSeconds) {
    ok(source, request, 200, requests, elapsedSeconds);
  }

  /** An answer with its own status, e.g. {@code /readyz} answering 500 is still an answer. */
  public synchronized void ok(
      String source, String request, int httpStatus, int requests, double elapsedSeconds) {
    entries.add(
        new Entry(
            source, request, "ok", httpStatus, null, null, null, null, requests, elapsedSeconds));
  }

  public synchronized void failed(
      String source, SourceException e, int requests, double elapsedSeconds) {
    entries.add(
        new Entry(
            source,
            e.request(),
            "failed",
            e.httpStatus(),
            e.getMessage(),
            e.hint(),
            e.anchor(),
            e.kind(),
            requests,
            elapsedSeconds));
  }

  public synchronized void skipped(String source, String request, String why) {
    entries.add(new Entry(source, request, "skipped", null, why, null, null, null, 0, 0.0));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized boolean anyFailed() {
    return entries.stream().anyMatch(e -> e.state().equals("failed"));
  }
}
