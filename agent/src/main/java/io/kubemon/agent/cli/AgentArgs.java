package io.kubemon.agent.cli;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.converters.IParameterSplitter;
import io.kubemon.agent.http.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw command line (docs/agent-cli.md). Every value stays a string here so that {@link
 * ConfigValidator} can name the option and the offending value in one line.
 */
final class AgentArgs {

  /** Repeatable options keep commas: regexes ({@code a{1,3}}) and PromQL use them. */
  public static final class NoSplit implements IParameterSplitter {
    @Override
    public List<String> split(String value) {
      return List.of(value);
    }
  }

  @Parameter(description = "HOST (the seed's form, same as --api-server-url https://HOST:PORT)")
  List<String> positional = new ArrayList<>();

  @Parameter(
      names = "--cluster-name",
      description =
          "Name of the cluster; it is part of every piggyback host name. Required.",
      order = 0)
  String clusterName;

  @Parameter(
      names = "--cluster-host",
      description =
          "Checkmk host the rule is assigned to (label cmk/kubernetes/cluster-host). Default: the"
              + " cluster name.",
      order = 1)
  String clusterHost;

  @Parameter(
      names = "--api-server-url",
      description = "URL of the Kubernetes API server, https://HOST[:PORT]. Required unless HOST"
          + " is given as positional argument.",
      order = 2)
  String apiServerUrl;

  @Parameter(
      names = "--port",
      description = "Port of the positional HOST. Default: 443.",
      order = 3)
  String port;

  @Parameter(
      names = "--token-id",
      description = "Password-store reference ID:FILE of the bearer token, as Checkmk passes it.",
      order = 4)
  String tokenId;

  @Parameter(
      names = "--token-file",
      description = "File holding the bearer token; it should be readable by its owner only.",
      order = 5)
  String tokenFile;

  @Parameter(
      names = "--token",
      description = "Bearer token in plain text, for manual debugging only: it is visible in ps.",
      order = 6)
  String token;

  @Parameter(
      names = "--ca-file",
      description = "PEM file with the cluster CA (ca.crt of the check-mk-token Secret). Default:"
          + " the JVM's trusted CAs and, on a Checkmk site, the site's trusted CAs.",
      order = 7)
  String caFile;

  @Parameter(
      names = "--ca-cert",
      description = "The cluster CA as inline PEM text, as the rule passes a pasted CA.",
      order = 8)
  String caCert;

  @Parameter(
      names = "--no-cert-check",
      description = "Do not verify the API server's certificate and host name; this exposes the"
          + " token to anyone who can intercept the connection.",
      order = 9)
  boolean noCertCheck;

  @Parameter(
      names = "--proxy",
      description = "Proxy for the API server: a URL http://HOST:PORT, FROM_ENVIRONMENT (honours"
          + " https_proxy and no_proxy) or NO_PROXY.",
      order = 10)
  String proxy = "FROM_ENVIRONMENT";

  @Parameter(
      names = "--connect-timeout",
      description = "Seconds to wait for one connection to be established.",
      order = 11)
  String connectTimeout = "10";

  @Parameter(
      names = "--read-timeout",
      description = "Seconds of socket inactivity after which one request fails.",
      order = 12)
  String readTimeout = "12";

  @Parameter(
      names = "--deadline",
      description = "Overall seconds for the whole run, writing included; then the agent writes"
          + " what is complete, names the rest in its status section and exits 0.",
      order = 13)
  String deadline = "50";

  @Parameter(
      names = "--monitored-objects",
      description = "Comma-separated object types that get piggyback hosts.",
      order = 14)
  String monitoredObjects =
      "nodes,namespaces,pods,deployments,daemonsets,statefulsets,cronjobs,pvcs";

  @Parameter(
      names = "--namespace-include",
      description = "Regular expression (infix match); only matching namespaces are monitored."
          + " Repeatable; excludes --namespace-exclude.",
      splitter = NoSplit.class,
      order = 15)
  List<String> namespaceInclude = new ArrayList<>();

  @Parameter(
      names = "--namespace-exclude",
      description =
          "Regular expression (infix match); matching namespaces are skipped. Repeatable.",
      splitter = NoSplit.class,
      order = 16)
  List<String> namespaceExclude = new ArrayList<>();

  @Parameter(
      names = "--annotation-pattern",
      description = "Regular expression; annotations whose key matches become host labels.",
      order = 17)
  String annotationPattern;

  @Parameter(
      names = "--aggregation-exclude-node-roles",
      description = "Comma-separated node roles left out of cluster-wide aggregates.",
      order = 18)
  String aggregationExcludeNodeRoles = "";

  @Parameter(
      names = "--usage-sources",
      description = "Comma-separated usage sources, any of prometheus, metrics-api,"
          + " custom-metrics, kubelet; none alone reads API data only. kubelet needs"
          + " nodes/proxy: see the warning at the end.",
      order = 19)
  String usageSources = "none";

  @Parameter(
      names = "--prometheus-service",
      description = "Prometheus reached through the API server's service proxy, as"
          + " NAMESPACE/SCHEME:NAME:PORT.",
      order = 20)
  String prometheusService = "check-mk/https:prometheus:9090";

  @Parameter(
      names = "--prometheus-url",
      description = "Prometheus reached directly instead of through the service proxy, e.g."
          + " https://node:30999.",
      order = 21)
  String prometheusUrl;

  @Parameter(
      names = "--prometheus-ca-file",
      description = "PEM file with the CA of --prometheus-url.",
      order = 22)
  String prometheusCaFile;

  @Parameter(
      names = "--prometheus-ca-cert",
      description = "The CA of --prometheus-url as inline PEM text.",
      order = 23)
  String prometheusCaCert;

  @Parameter(
      names = "--prometheus-no-cert-check",
      description = "Do not verify the certificate of --prometheus-url.",
      order = 24)
  boolean prometheusNoCertCheck;

  @Parameter(
      names = "--promql",
      description = "A user-defined PromQL query NAME|UNIT|QUERY. Repeatable.",
      splitter = NoSplit.class,
      order = 25)
  List<String> promql = new ArrayList<>();

  @Parameter(
      names = "--custom-metric",
      description = "A custom-metrics-API metric RESOURCE/METRIC, e.g."
          + " pods/kubemon_cpu_usage_cores. Repeatable.",
      splitter = NoSplit.class,
      order = 26)
  List<String> customMetric = new ArrayList<>();

  @Parameter(
      names = "--kubelet-concurrency",
      description = "Parallel kubelet requests (usage source kubelet only).",
      order = 27)
  String kubeletConcurrency = "4";

  @Parameter(
      names = "--max-objects",
      description = "Objects kept per list (e.g. pods); a list with more fails. Also sets the"
          + " JVM's heap in agent_kubemon.",
      order = 28)
  String maxObjects = String.valueOf(Limits.DEFAULT_MAX_OBJECTS);

  @Parameter(
      names = "--max-pages",
      description = "Pages per list; a list with more, or one whose server repeats a continue"
          + " token, fails.",
      order = 29)
  String maxPages = String.valueOf(Limits.DEFAULT_MAX_PAGES);

  @Parameter(
      names = "--max-response-mib",
      description = "MiB of one answer after decompression; a larger answer fails its source.",
      order = 30)
  String maxResponseMib = String.valueOf(Limits.DEFAULT_MAX_RESPONSE_MIB);

  @Parameter(
      names = "--max-string-chars",
      description = "Characters of any string written into a section; longer ones are cut and"
          + " end in " + Limits.TRUNCATED + ".",
      order = 31)
  String maxStringChars = String.valueOf(Limits.DEFAULT_MAX_STRING_CHARS);

  @Parameter(
      names = "--max-output-mib",
      description = "MiB written in all; hosts past it are left out whole and counted in the"
          + " status section.",
      order = 32)
  String maxOutputMib = String.valueOf(Limits.DEFAULT_MAX_OUTPUT_MIB);

  @Parameter(
      names = "--print-config",
      description = "Print the validated configuration as one JSON object and exit.",
      order = 33)
  boolean printConfig;

  @Parameter(
      names = "--debug",
      description = "Print stack traces on stderr (never the token).",
      order = 34)
  boolean debug;

  @Parameter(
      names = {"-v", "--verbose"},
      description = "Print progress on stderr.",
      order = 35)
  boolean verbose;

  @Parameter(
      names = {"-h", "--help"},
      description = "Print this help and exit.",
      help = true,
      order = 36)
  boolean help;
}
