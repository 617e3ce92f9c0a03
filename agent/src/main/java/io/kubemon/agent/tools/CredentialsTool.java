package io.kubemon.agent.tools;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.kubemon.agent.ConfigurationException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLException;

/**
 * {@code credentials}: reads the check-mk token Secret with an administrator's kubeconfig and
 * prints the token and the cluster CA ready to paste into Checkmk. The token goes to stdout only.
 */
public final class CredentialsTool implements Tool {
  static final class Options {
    @Parameter(
        names = "--kubeconfig",
        required = true,
        description =
            "Kubeconfig of a user who may read Secrets in the namespace; its current"
                + " context is used.")
    Path kubeconfig;

    @Parameter(names = "--namespace", description = "Namespace of the token Secret.")
    String namespace = "check-mk";

    @Parameter(
        names = "--secret",
        description = "Name of the kubernetes.io/service-account-token Secret.")
    String secret = "check-mk-token";

    @Parameter(
        names = {"-h", "--help"},
        help = true,
        description = "Show this help.")
    boolean help;
  }

  @Override
  public String name() {
    return "credentials";
  }

  @Override
  public String summary() {
    return "print the check-mk service account's token and the cluster CA, ready to paste into"
        + " Checkmk";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) {
    Options options = new Options();
    JCommander commander =
        JCommander.newBuilder().addObject(options).programName("credentials").build();
    try {
      commander.parse(args);
      if (options.help) {
        StringBuilder usage = new StringBuilder();
        commander.getUsageFormatter().usage(usage);
        out.print(usage);
        return 0;
      }
      Kubeconfig config = Kubeconfig.load(options.kubeconfig);
      JsonObject data = fetch(config, options);
      print(config, options, data, out);
      return 0;
    } catch (ParameterException e) {
      err.println("credentials: " + e.getMessage() + " (see credentials --help)");
    } catch (ConfigurationException e) {
      err.println("credentials: " + e.getMessage());
    }
    return 2;
  }

  private static JsonObject fetch(Kubeconfig config, Options options)
      throws ConfigurationException {
    String where = options.namespace + "/" + options.secret;
    URI uri = uri(config.server(), options);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json");
    if (config.token() != null) {
      request.header("Authorization", "Bearer " + config.token().reveal());
    }
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(ClientTls.context(config))
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (SSLException e) {
      throw new ConfigurationException(
          "TLS to "
              + config.server()
              + " failed ("
              + e.getMessage()
              + "); the kubeconfig's"
              + " certificate-authority must be the CA that signed the API server's certificate");
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot reach "
              + config.server()
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigurationException("interrupted while reading Secret " + where);
    }
    return secretData(response, where);
  }

  private static URI uri(String server, Options options) throws ConfigurationException {
    if (!server.startsWith("https://")) {
      throw new ConfigurationException(
          "--kubeconfig: server must be https://HOST[:PORT] so the token travels encrypted, got \""
              + server
              + "\"");
    }
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    try {
      return URI.create(
          base + "/api/v1/namespaces/" + options.namespace + "/secrets/" + options.secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("--kubeconfig: server \"" + server + "\" is not a URL");
    }
  }

  private static JsonObject secretData(HttpResponse<String> response, String where)
      throws ConfigurationException {
    int status = response.statusCode();
    if (status == 404) {
      throw new ConfigurationException(
          "Secret " + where + " does not exist; apply manifests/check_mk_rbac.yaml first");
    }
    if (status == 401 || status == 403) {
      throw new ConfigurationException(
          "GET Secret "
              + where
              + " was refused (HTTP "
              + status
              + "); use a kubeconfig whose"
              + " user may get secrets in that namespace");
    }
    if (status != 200) {
      throw new ConfigurationException("GET Secret " + where + " answered HTTP " + status);
    }
    try {
      JsonElement data = JsonParser.parseString(response.body()).getAsJsonObject().get("data");
      return data != null && data.isJsonObject() ? data.getAsJsonObject() : new JsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new ConfigurationException("GET Secret " + where + " returned no JSON object");
    }
  }

  private static void print(Kubeconfig config, Options options, JsonObject data, PrintStream out)
      throws ConfigurationException {
    String token = decoded(data, "token");
    if (token == null || token.isBlank()) {
      throw new ConfigurationException(
          "the token controller has not filled "
              + options.secret
              + " yet; wait a few seconds and"
              + " retry");
    }
    String ca = decoded(data, "ca.crt");
    out.println("API server: " + config.server());
    out.println();
    out.println(
        "Token (Checkmk: Setup > General > Passwords, or the rule's token field; keep it secret):");
    out.println(token.strip());
    out.println();
    if (ca == null) {
      out.println(
          "CA certificate: the Secret has no ca.crt; use the cluster CA from your kubeconfig.");
    } else {
      out.println(
          "CA certificate (the rule's CA field, or Setup > Global settings > Trusted"
              + " certificate authorities for SSL):");
      out.print(ca.endsWith("\n") ? ca : ca + "\n");
    }
  }

  private static String decoded(JsonObject data, String key) throws ConfigurationException {
    JsonElement value = data.get(key);
    if (value == null || !value.isJsonPrimitive()) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(value.getAsString()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("the Secret's data." + key + " is not base64");
    }
  }
}
