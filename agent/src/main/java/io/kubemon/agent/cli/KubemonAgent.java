package io.kubemon.agent.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterException;
import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.http.Bounds;
import io.kubemon.agent.http.Deadline;
import io.kubemon.agent.http.HttpJsonSource;
import io.kubemon.agent.http.HttpSettings;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.output.MaskedStream;
import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.section.AgentStatusReport;
import io.kubemon.agent.section.KubeReport;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.source.kube.KubeSnapshot;
import io.kubemon.agent.status.AgentFailure;
import io.kubemon.agent.status.SourceLog;
import io.kubemon.agent.tools.Tool;
import io.kubemon.agent.tools.Tools;
import io.kubemon.agent.usage.HostSections;
import io.kubemon.agent.usage.UsageReport;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The special agent: parse → validate → build clients → collect → write. Exits 0 whenever it
 * ran (failed sources are in kubemon_agent_status_v1), 2 for a bad command line, token or CA.
 */
public final class KubemonAgent {
  private KubemonAgent() {}

  static final int EXIT_BAD_CONFIG = 2;


  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    int code = run(args, out, System.err, System.getenv());
    out.flush();
    System.exit(code);
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Optional<Tool> tool = args.length > 0 ? Tools.find(args[0]) : Optional.empty();
    if (tool.isPresent()) {
      return tool.get().run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    AgentArgs raw = new AgentArgs();
    JCommander commandLine = Help.commandLine(raw);
    try {
      commandLine.parse(args);
    } catch (ParameterException e) {
      err.println("agent_kubemon: " + Help.oneLine(e.getMessage()) + " (see --help)");
      return EXIT_BAD_CONFIG;
    }
    if (raw.help) {
      out.print(Help.text(commandLine));
      return 0;
    }
    if (raw.version) {
      out.println("agent_kubemon " + Version.AGENT);
      return 0;
    }
    try {
      AgentConfig config = ConfigValidator.validate(raw);
      for (String warning : config.warnings()) {
        err.println("agent_kubemon: warning: " + warning);
      }
      if (raw.printConfig) {
        out.println(ConfigJson.of(config));
        return 0;
      }
      Secret token = TokenReader.read(config.token(), env, err);
      PrintStream masked = MaskedStream.wrap(err, token);
      collect(config, token, env, out, masked);
      masked.close(); // the last line; stderr itself stays open
      return 0;
    } catch (ConfigurationException e) {
      err.println("agent_kubemon: " + e.getMessage());
      if (raw.debug) {
        e.printStackTrace(err);
      }
      return EXIT_BAD_CONFIG;
    }
  }

  private static void collect(
      AgentConfig config, Secret token, Map<String, String> env, PrintStream out, PrintStream err) {
    long startNanos = System.nanoTime();
    Clock clock = Clock.systemUTC();
    long started = clock.instant().getEpochSecond();
    Deadline deadline = Deadline.after(config.deadline());
    SourceLog log = new SourceLog();
    HttpSettings api =
        new HttpSettings(
            config.apiServerUrl(),
            config.tls(),
            config.proxy(),
            config.connectTimeout(),
            config.readTimeout(),
            config.limits().maxResponseBytes());
    progress(config, err, "reading " + config.apiServerUrl() + " for cluster "
        + config.clusterName() + "; " + describeConnection(config, env));
    // Past the deadline, what was read still gets KubeReport.WRITE_GRACE from the moment writing
    // begins to reach stdout; then the status section.
    SectionWriter writer = new SectionWriter(out, config.limits(), deadline::expired, token);
    try (HttpJsonSource http = new HttpJsonSource(api, token, deadline, env)) {
      TracingSource source = new TracingSource(http, err, config.verbose(), config.debug());
      KubeOptions kubeOptions = config.kubeOptions(clock);
      KubeSnapshot snapshot = null;
      try {
        snapshot = KubeReport.read(source, kubeOptions, log);
      } catch (RuntimeException | Error e) {
        // Sources catch their own; this is the net under everything else.
        log.failed("agent/kube", AgentFailure.of(null, e), 0, 0.0);
        debug(config, err, e);
      }
      UsageRun usage = null;
      if (snapshot != null && !config.usageSources().isEmpty()) {
        try {
          usage = UsageRun.start(
              new UsageRun.Context(config, token, deadline, env, log, writer, err),
              source,
              snapshot);
        } catch (RuntimeException | Error e) {
          log.failed("agent/usage", AgentFailure.of(null, e), 0, 0.0);
          debug(config, err, e);
        }
      }
      if (snapshot != null) {
        // Each host's usage goes into its one block, unless its sources are still reading at
        // half the time left (UsageRun.await); then usage follows the API sections.
        UsageReport ready = usage == null ? null : usage.await();
        try {
          KubeReport.write(
              snapshot, kubeOptions, log, writer, ready == null ? HostSections.NONE : ready);
        } catch (RuntimeException | Error e) {
          // Host writers catch their own; this is the net under everything else.
          writer.abandonHost();
          log.failed("agent/kube", AgentFailure.of(null, e), 0, 0.0);
          debug(config, err, e);
        }
        if (usage != null) {
          try {
            usage.finish(ready);
          } catch (RuntimeException | Error e) {
            writer.abandonHost();
            log.failed("agent/usage", AgentFailure.of(null, e), 0, 0.0);
            debug(config, err, e);
          }
        }
      }
      leftOut(writer, config, log);
      // Last, so it lists the usage sources' entries too; written past the deadline and the
      // output limit, as it names what they left out.
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      AgentStatusReport.write(
          log,
          Version.AGENT,
          config.clusterName(),
          started,
          elapsed,
          deadline.total().toNanos() / 1e9,
          deadline.hit(),
          config.tls().noCertCheck(),
          writer.unbounded());
      progress(config, err, String.format(
          "done: %d requests, %d body bytes in %.2f s; responses: %s", http.requestCount(),
          http.bytesRead(), elapsed, http.wireSummary()));
    } catch (IOException e) {
      // Only closing the connection pool can fail here, after all output is written.
      progress(config, err, "closing connections failed: " + e.getMessage());
    }
  }

  /** What the deadline and the output limit kept from stdout, as failed sources "output/…". */
  private static void leftOut(SectionWriter writer, AgentConfig config, SourceLog log) {
    if (writer.leftOutByDeadline() > 0) {
      log.failed(
          "output/deadline",
          new SourceException(
              null,
              null,
              writer.leftOutByDeadline() + " objects not written: the deadline (--deadline "
                  + ConfigJson.seconds(config.deadline()) + " s) passed while writing",
              "raise --deadline (below the check interval) or monitor fewer objects",
              "deadline-reached"),
          0,
          0.0);
    }
    if (writer.leftOutBySize() > 0) {
      log.failed(
          "output/size",
          Bounds.exceeded(
              null,
              writer.leftOutBySize() + " objects not written: the output reached "
                  + (config.limits().maxOutputBytes() >> 20) + " MiB",
              "--max-output-mib"),
          0,
          0.0);
    }
  }

  private static String describeConnection(AgentConfig config, Map<String, String> env) {
    String tls = config.plainHttp() ? "plain http, token NOT protected (--allow-http)"
        : config.tls().noCertCheck()
        ? "certificate NOT verified (--no-cert-check)"
        : "certificate verified against " + (config.tls().trustedCas().isEmpty()
            ? "the JVM's and the site's trusted CAs" : String.join(" + ", config.tls().subjects()));
    String proxy = config.proxy().forUrl(config.apiServerUrl(), env)
        .map(p -> "proxy " + p).orElse("no proxy"); // a Proxy prints without its credentials
    return tls + ", " + proxy;
  }

  private static void debug(AgentConfig config, PrintStream err, Throwable e) {
    if (config.debug()) {
      e.printStackTrace(err);
    }
  }

  private static void progress(AgentConfig config, PrintStream err, String line) {
    if (config.verbose()) {
      err.println("agent_kubemon: " + line);
    }
  }
}
