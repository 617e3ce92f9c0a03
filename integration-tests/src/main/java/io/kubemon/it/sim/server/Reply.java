package io.kubemon.it.sim.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.sim.cluster.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A response before it is written: status, headers, and a body written straight to the socket. */
record Reply(int status, Map<String, String> headers, Body body) {
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  static Reply json(int status, JsonElement json) {
    return bytes(status, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Reply status(int code, String reason, String message) {
    return json(code, statusBody(code, reason, message));
  }

  static Reply notFound(String message) {
    return status(404, "NotFound", message);
  }

  static Reply text(int status, String text) {
    return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  static Reply bytes(int status, String contentType, byte[] bytes) {
    return new Reply(status, Map.of("Content-Type", contentType), out -> out.write(bytes));
  }

  static Reply streamedJson(Body body) {
    return new Reply(200, Map.of("Content-Type", "application/json"), body);
  }

  /** A Kubernetes {@code Status} body, as the API server sends with every error. */
  private static JsonObject statusBody(int code, String reason, String message) {
    return Json.of(
        "kind",
        "Status",
        "apiVersion",
        "v1",
        "metadata",
        new JsonObject(),
        "status",
        "Failure",
        "message",
        message,
        "reason",
        reason,
        "code",
        code);
  }
}
