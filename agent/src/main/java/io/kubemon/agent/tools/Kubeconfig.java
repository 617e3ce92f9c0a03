package io.kubemon.agent.tools;

import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The current context of a kubeconfig file: API server, its CA, and the user's bearer token or
 * client certificate, or what the user's exec credential plugin gives (EKS, GKE, AKS; see {@link
 * ExecPlugin}). Auth providers are not run; such a user gets one line with the kubectl commands that
 * read the token and the CA instead.
 */
record Kubeconfig(
    String server, String caPem, Secret token, String clientCertPem, String clientKeyPem) {

  /** The client key stays out of any message that prints this record. */
  @Override
  public String toString() {
    return "Kubeconfig[server="
        + server
        + ", token="
        + token
        + ", clientCert="
        + (clientCertPem != null)
        + "]";
  }

  static Kubeconfig load(Path file) throws ConfigurationException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigurationException(
          "--kubeconfig: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new ConfigurationException("--kubeconfig: " + file + " is not valid YAML");
    }
    return new Reader(file, root).current();
  }

  /** Walks the parsed YAML; every miss names the kubeconfig path that is wrong. */
  private static final class Reader {
    private final Path file;
    private final Map<?, ?> root;

    Reader(Path file, Object root) throws ConfigurationException {
      this.file = file;
      this.root = map(root, "the top level");
    }

    Kubeconfig current() throws ConfigurationException {
      String contextName = string(root, "current-context", "the top level");
      Map<?, ?> context =
          map(named("contexts", contextName).get("context"), "context " + contextName);
      String clusterName = string(context, "cluster", "context " + contextName);
      String userName = string(context, "user", "context " + contextName);
      Map<?, ?> cluster =
          map(named("clusters", clusterName).get("cluster"), "cluster " + clusterName);
      Map<?, ?> user = map(named("users", userName).get("user"), "user " + userName);
      if (Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"))) {
        throw new ConfigurationException(
            "--kubeconfig: cluster "
                + clusterName
                + " sets insecure-skip-tls-verify; the token"
                + " must be fetched over a verified connection: add certificate-authority-data");
      }
      String server = string(cluster, "server", "cluster " + clusterName);
      String ca = pem(cluster, "certificate-authority", "cluster " + clusterName);
      String token = user.get("token") instanceof String t ? t : null;
      if (token == null && user.get("tokenFile") instanceof String tokenFile) {
        token = readFile(tokenFile, "user " + userName + " tokenFile").strip();
      }
      String cert = pem(user, "client-certificate", "user " + userName);
      String key = pem(user, "client-key", "user " + userName);
      if (token == null && (cert == null || key == null) && user.get("exec") != null) {
        ExecPlugin.Credential c = ExecPlugin.run(map(user.get("exec"), "user " + userName + " exec"),
            userName);
        return new Kubeconfig(server, ca, c.token(), c.clientCertPem(), c.clientKeyPem());
      }
      if (token == null && (cert == null || key == null)) {
        throw new ConfigurationException(
            "--kubeconfig: user "
                + userName
                + " in "
                + file
                + " has no token, no client certificate and no exec plugin (auth providers are not"
                + " run); use a kubeconfig with one of them, or "
                + ExecPlugin.printCommands());
      }
      return new Kubeconfig(server, ca, token == null ? null : Secret.of(token), cert, key);
    }

    private Map<?, ?> named(String list, String name) throws ConfigurationException {
      if (root.get(list) instanceof List<?> items) {
        for (Object item : items) {
          if (item instanceof Map<?, ?> entry && name.equals(entry.get("name"))) {
            return entry;
          }
        }
      }
      throw new ConfigurationException(
          "--kubeconfig: " + file + " has no entry \"" + name + "\" in " + list);
    }

    /** {@code <key>-data} (base64 PEM) wins over {@code <key>} (a file path), as in kubectl. */
    private String pem(Map<?, ?> map, String key, String where) throws ConfigurationException {
      if (map.get(key + "-data") instanceof String data) {
        try {
          return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(
              "--kubeconfig: " + key + "-data of " + where + " in " + file + " is not base64");
        }
      }
      return map.get(key) instanceof String path ? readFile(path, where + " " + key) : null;
    }

    private String readFile(String path, String what) throws ConfigurationException {
      Path resolved = file.toAbsolutePath().getParent().resolve(path);
      try {
        return Files.readString(resolved);
      } catch (IOException e) {
        throw new ConfigurationException(
            "--kubeconfig: cannot read " + resolved + " (" + what + " in " + file + ")");
      }
    }

    private Map<?, ?> map(Object value, String where) throws ConfigurationException {
      if (value instanceof Map<?, ?> map) {
        return map;
      }
      throw new ConfigurationException(
          "--kubeconfig: " + file + " is not a kubeconfig: " + where + " is not a mapping");
    }

    private String string(Map<?, ?> map, String key, String where) throws ConfigurationException {
      if (map.get(key) instanceof String value && !value.isBlank()) {
        return value;
      }
      throw new ConfigurationException(
          "--kubeconfig: " + file + " lacks \"" + key + "\" in " + where);
    }
  }
}
