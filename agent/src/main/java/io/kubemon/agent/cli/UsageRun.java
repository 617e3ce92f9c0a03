package io.kubemon.agent.cli;

import io.kubemon.agent.http.Deadline;
import io.kubemon.agent.http.HttpJsonSource;
import io.kubemon.agent.http.HttpSettings;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.section.NodeOsSections;
import io.kubemon.agent.source.kube.KubeSnapshot;
import io.kubemon.agent.source.kubelet.KubeletSource;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.SnapshotIndex;
import io.kubemon.agent.usage.UsageOptions;
import io.kubemon.agent.usage.UsageReport;
import io.kubemon.agent.usage.UsageResult;
import io.kubemon.agent.usage.UsageSource;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The usage part of a run: the enabled usage sources, read after the Kubernetes API and mapped
 * onto its snapshot. Prometheus goes through the API server's service proxy, or with
 * {@code --prometheus-url} over its own connection under the same deadline.
 */
final class UsageRun {
  private UsageRun() {}

  /** What the run shares with its usage part; {@code err} gets progress lines. */
  record Context(
      AgentConfig config,
      Secret token,
      Deadline deadline,
      Map<String, String> env,
      SourceLog log,
      SectionWriter out,
      PrintStream err) {}

  static void write(Context c, JsonSource api, KubeSnapshot snapshot) {
    UsageOptions options = c.config().usageOptions();
    if (options.enabled(UsageSource.KUBELET)) {
      c.err().println(KubeletSource.WARNING);
    }
    SnapshotIndex index = new SnapshotIndex(snapshot);
    Instant deadline = Instant.now().plus(c.deadline().remaining());
    URI direct = c.config().prometheusUrl();
    if (direct == null || !options.enabled(UsageSource.PROMETHEUS)) {
      nodeOs(UsageReport.write(api, null, "", options, deadline, index, index, c.log(), c.out()),
          index, c);
      return;
    }
    try (HttpJsonSource prometheus = directPrometheus(c)) {
      JsonSource traced =
          new TracingSource(prometheus, c.err(), c.config().verbose(), c.config().debug());
      String path = direct.getRawPath() == null ? "" : direct.getRawPath();
      nodeOs(UsageReport.write(api, traced, path, options, deadline, index, index, c.log(),
          c.out()), index, c);
    } catch (IOException e) {
      // Only closing the connection pool can fail here, after the sections are written.
      if (c.config().verbose()) {
        c.err().println("agent_kubemon: closing the Prometheus connection failed: "
            + e.getMessage());
      }
    }
  }

  /** Checkmk's own Linux sections on the node hosts (docs/sections.md, "Node OS sections"). */
  private static void nodeOs(UsageResult result, SnapshotIndex index, Context c) {
    NodeOsSections.write(result, index.nodes(), index, c.out());
  }

  private static HttpJsonSource directPrometheus(Context c) {
    AgentConfig config = c.config();
    URI url = config.prometheusUrl();
    HttpSettings settings =
        new HttpSettings(
            URI.create(url.getScheme() + "://" + url.getRawAuthority()),
            config.prometheusTls(),
            config.proxy(),
            config.connectTimeout(),
            config.readTimeout(),
            config.limits().maxResponseBytes());
    return new HttpJsonSource(
        settings, sameOrigin(config.apiServerUrl(), url) ? c.token() : null, c.deadline(), c.env());
  }

  /**
   * The token goes only where the API server itself answers: the same https scheme, host and port
   * (e.g. a path prefix of a Rancher-style proxy). A NodePort on the same node is another origin,
   * and plain http would put the token on the wire.
   */
  static boolean sameOrigin(URI apiServer, URI prometheus) {
    return prometheus.getScheme().equalsIgnoreCase("https")
        && apiServer.getScheme().equalsIgnoreCase("https")
        && apiServer.getHost().toLowerCase(Locale.ROOT)
            .equals(prometheus.getHost().toLowerCase(Locale.ROOT))
        && port(apiServer) == port(prometheus);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
