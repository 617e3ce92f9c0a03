package io.kubemon.agent.tools;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A kubeconfig user's {@code exec} credential plugin, run as kubectl runs it (the default on EKS
 * {@code aws eks get-token}, GKE {@code gke-gcloud-auth-plugin}, AKS {@code kubelogin}): the command
 * with its args and env, {@code KUBERNETES_EXEC_INFO} naming the apiVersion and {@code
 * interactive: false}, stdin closed; stdout is an {@code ExecCredential} whose {@code status} holds
 * a token or a client certificate and key. The plugin's output is never echoed: a failure shows
 * only its exit code and stderr's last line.
 */
final class ExecPlugin {
  private ExecPlugin() {}

  static final long TIMEOUT_SECONDS = 60;

  record Credential(Secret token, String clientCertPem, String clientKeyPem) {}

  static Credential run(Map<?, ?> exec, String userName) throws ConfigurationException {
    String where = "--kubeconfig: user " + userName + " exec";
    if (!(exec.get("command") instanceof String command) || command.isBlank()) {
      throw new ConfigurationException(where + " has no command");
    }
    String apiVersion =
        exec.get("apiVersion") instanceof String v ? v : "client.authentication.k8s.io/v1";
    if (!apiVersion.startsWith("client.authentication.k8s.io/")) {
      throw new ConfigurationException(where + ": unknown apiVersion " + apiVersion);
    }
    List<String> argv = new ArrayList<>();
    argv.add(command);
    if (exec.get("args") instanceof List<?> args) {
      args.forEach(a -> argv.add(String.valueOf(a)));
    }
    ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE);
    if (exec.get("env") instanceof List<?> env) {
      for (Object e : env) {
        if (e instanceof Map<?, ?> pair && pair.get("name") instanceof String name) {
          builder.environment().put(name, String.valueOf(pair.get("value")));
        }
      }
    }
    builder.environment().put("KUBERNETES_EXEC_INFO",
        "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"ExecCredential\","
            + "\"spec\":{\"interactive\":false}}");
    String stdout;
    String stderr;
    int exit;
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = new Thread(() -> copy(process.getErrorStream(), err), "exec-plugin-stderr");
      errReader.start();
      stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ConfigurationException(
            where + " " + command + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      errReader.join(1000);
      exit = process.exitValue();
      stderr = err.toString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigurationException(
          where + ": cannot run " + command + " (" + e.getMessage() + "); install it, or "
              + printCommands());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException(where + ": interrupted");
    }
    if (exit != 0) {
      String last = stderr.isEmpty() ? "" : ": " + stderr.lines().reduce((a, b) -> b).orElse("");
      throw new ConfigurationException(
          where + " " + command + " exited with " + exit + last + "; log in again, or "
              + printCommands());
    }
    return parse(stdout, where + " " + command);
  }

  private static Credential parse(String stdout, String what) throws ConfigurationException {
    JsonObject status;
    try {
      JsonObject root = JsonParser.parseString(stdout).getAsJsonObject();
      if (!root.has("status") || !root.get("status").isJsonObject()) {
        throw new ConfigurationException(what + " printed an ExecCredential without status");
      }
      status = root.getAsJsonObject("status");
    } catch (JsonParseException | IllegalStateException e) {
      throw new ConfigurationException(what + " did not print an ExecCredential (JSON)");
    }
    String token = text(status, "token");
    String cert = text(status, "clientCertificateData");
    String key = text(status, "clientKeyData");
    if (token == null && (cert == null || key == null)) {
      throw new ConfigurationException(
          what + " gave neither a token nor a client certificate and key");
    }
    return new Credential(token == null ? null : Secret.of(token), cert, key);
  }

  private static String text(JsonObject o, String key) {
    return o.has(key) && o.get(key).isJsonPrimitive() && !o.get(key).getAsString().isEmpty()
        ? o.get(key).getAsString()
        : null;
  }

  /** The fallback without the plugin: the two kubectl commands that read the token and the CA. */
  static String printCommands() {
    return "read them with kubectl:"
        + " kubectl -n check-mk get secret check-mk-token -o jsonpath='{.data.token}' | base64 -d"
        + " > check-mk.token; kubectl -n check-mk get secret check-mk-token"
        + " -o jsonpath='{.data.ca\\.crt}' | base64 -d > ca.crt";
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // stderr is only for the message.
    }
  }
}
