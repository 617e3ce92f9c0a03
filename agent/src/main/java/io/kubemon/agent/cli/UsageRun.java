package io.kubemon.agent.cli;

import io.kubemon.agent.http.Deadline;
import io.kubemon.agent.http.HttpJsonSource;
import io.kubemon.agent.http.HttpSettings;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.section.KubeReport;
import io.kubemon.agent.section.NodeOsSections;
import io.kubemon.agent.source.kube.KubeSnapshot;
import io.kubemon.agent.source.kubelet.KubeletSource;
import io.kubemon.agent.status.AgentFailure;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.usage.SnapshotIndex;
import io.kubemon.agent.usage.UsageCollector;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The usage part of a run: the enabled usage sources, read after the Kubernetes API and mapped
 * onto its snapshot. Prometheus goes through the API server's service proxy, or with
 * {@code --prometheus-url} over its own connection under the same deadline.
 *
 * <p>The sources are read on a thread of their own while the API part waits for them, at most
 * half the time left to the deadline ({@link #await}): then each host's usage goes into its one
 * block. Sources still reading then cannot hold the API sections back any longer: those are
 * written without usage, and usage follows in blocks of its own once the sources are done
 * ({@link #finish}), as the deadline bounds them (docs/agent-cli.md, "Bounds").
 */
final class UsageRun {
  /** What the run shares with its usage part; {@code err} gets progress lines. */
  record Context(
      AgentConfig config,
      Secret token,
      Deadline deadline,
      Map<String, String> env,
      SourceLog log,
      SectionWriter out,
      PrintStream err) {}

  private final Context c;
  private final CompletableFuture<UsageReport> report = new CompletableFuture<>();

  private UsageRun(Context c) {
    this.c = c;
  }

  /** Starts reading the usage sources; returns at once. */
  static UsageRun start(Context c, JsonSource api, KubeSnapshot snapshot) {
    if (c.config().usageOptions().enabled(UsageSource.KUBELET)) {
      c.err().println(KubeletSource.WARNING);
    }
    UsageRun run = new UsageRun(c);
    Thread reader = new Thread(() -> {
      try {
        run.report.complete(run.read(api, snapshot));
      } catch (RuntimeException | Error e) {
        run.report.completeExceptionally(e);
      }
    }, "kubemon-usage");
    reader.setDaemon(true);
    reader.start();
    return run;
  }

  /**
   * The usage sections by host if the sources are done within half the time left to the
   * deadline, else null (they are then written by {@link #finish}, after the API sections).
   */
  UsageReport await() {
    try {
      return report.get(c.deadline().remaining().dividedBy(2).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      progress("usage sources still reading at half the time left to the deadline: API"
          + " sections first, usage in blocks of its own after them");
      return null;
    } catch (ExecutionException e) {
      failed(e.getCause());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * After the API sections: the usage of hosts that got no API block, or, when {@link #await}
   * gave up, every host's usage in blocks of their own once the sources are done (requests end at
   * the deadline; a second of slack beyond it for their threads).
   */
  void finish(UsageReport written) {
    UsageReport r = written;
    if (r == null) {
      if (report.isCompletedExceptionally()) {
        return; // logged by await
      }
      try {
        r = report.get(c.deadline().remaining().toNanos() + 1_000_000_000L, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        failed(new IllegalStateException("the usage sources did not end at the deadline"));
        return;
      } catch (ExecutionException e) {
        failed(e.getCause());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      c.out().beginWriting(KubeReport.WRITE_GRACE);
    }
    r.rest(c.out());
    r.report(c.log());
  }

  private void failed(Throwable e) {
    c.log().failed("agent/usage", AgentFailure.of(null, e), 0, 0.0);
    if (c.config().debug()) {
      e.printStackTrace(c.err());
    }
  }

  private void progress(String line) {
    if (c.config().verbose()) {
      c.err().println("agent_kubemon: " + line);
    }
  }

  /** Reads every enabled source and plans each host's usage sections. */
  private UsageReport read(JsonSource api, KubeSnapshot snapshot) {
    UsageOptions options = c.config().usageOptions();
    SnapshotIndex index = new SnapshotIndex(snapshot);
    Instant deadline = Instant.now().plus(c.deadline().remaining());
    URI direct = c.config().prometheusUrl();
    UsageResult result;
    if (direct == null || !options.enabled(UsageSource.PROMETHEUS)) {
      result = new UsageCollector(api, null, "", options, c.log()).collect(index, deadline);
    } else {
      HttpJsonSource prometheus = directPrometheus(c);
      try {
        JsonSource traced =
            new TracingSource(prometheus, c.err(), c.config().verbose(), c.config().debug());
        String path = direct.getRawPath() == null ? "" : direct.getRawPath();
        result = new UsageCollector(api, traced, path, options, c.log()).collect(index, deadline);
      } finally {
        try {
          prometheus.close();
        } catch (IOException e) {
          // Only closing the connection pool can fail here, after the sources are read.
          progress("closing the Prometheus connection failed: " + e.getMessage());
        }
      }
    }
    // Checkmk's own Linux sections on the node hosts (docs/sections.md, "Node OS sections").
    return new UsageReport(result, index, index, NodeOsSections::sections);
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
