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

  @Parameter(description = "[HOST] (instead of --api-server-url: the API server's host name or IP"
      + " address; the URL becomes https://HOST:PORT, see --port and --path-prefix)")
  List<String> positional = new ArrayList<>();

  @Parameter(
      names = "--cluster-name",
      description =
          "Name of the cluster; it is part of every piggyback host name. Default: the API"
              + " server's host name (letters, digits, \".\", \"_\", \"-\").",
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
      description = "URL of the Kubernetes API server, https://HOST[:PORT][/PATH]. Required unless"
          + " the positional HOST or --url-prefix is given.",
      order = 2)
  String apiServerUrl;

  @Parameter(
      names = "--port",
      description = "Port of the positional HOST or --url-prefix. Default: 443.",
      order = 3)
  String port;

  @Parameter(
      names = "--url-prefix",
      description = "https://HOST to use instead of the positional HOST (a name the certificate"
          + " carries, e.g. a load balancer); --port and --path-prefix are appended.",
      order = 4)
  String urlPrefix;

  @Parameter(
      names = "--path-prefix",
      description = "Path in front of every API path with the positional HOST or --url-prefix,"
          + " e.g. /k8s/clusters/c-1 behind Rancher.",
      order = 5)
  String pathPrefix;

  @Parameter(
      names = "--token-id",
      description = "Password-store reference ID:FILE of the bearer token, as Checkmk passes it.",
      order = 6)
  String tokenId;

  @Parameter(
      names = "--token-file",
      description = "File holding the bearer token; it should be readable by its owner only.",
      order = 7)
  String tokenFile;

  @Parameter(
      names = "--token",
      description = "Bearer token in plain text, for manual debugging only: every local user"
          + " sees it in the process list (ps); prefer --token-file or --token-id.",
      order = 8)
  String token;

  @Parameter(
      names = "--ca-file",
      description = "PEM file with the cluster CA (ca.crt of the check-mk-token Secret). Default:"
          + " the JVM's trusted CAs and, on a Checkmk site, the site's trusted CAs.",
      order = 9)
  String caFile;

  @Parameter(
      names = "--ca-cert",
      description = "The cluster CA as inline PEM text, as the rule passes a pasted CA.",
      order = 10)
  String caCert;

  @Parameter(
      names = "--no-cert-check",
      description = "Do not verify the API server's certificate and host name; this exposes the"
          + " token to anyone who can intercept the connection.",
      order = 11)
  boolean noCertCheck;

  @Parameter(
      names = "--allow-http",
      description = "Accept an http:// --api-server-url: the token then travels in clear to"
          + " anyone on the path, and the Kubernetes API service stays WARN. Refused without it.",
      order = 11)
  boolean allowHttp;

  @Parameter(
      names = "--proxy",
      description = "Proxy for the API server: a URL http://HOST:PORT, FROM_ENVIRONMENT (honours"
          + " https_proxy and no_proxy) or NO_PROXY.",
      order = 12)
  String proxy = "FROM_ENVIRONMENT";

  @Parameter(
      names = "--connect-timeout",
      description = "Seconds to wait for one connection to be established.",
      order = 13)
  String connectTimeout = "10";

  @Parameter(
      names = "--read-timeout",
      description = "Seconds of socket inactivity after which one request fails.",
      order = 14)
  String readTimeout = "12";

  @Parameter(
      names = "--deadline",
      description = "Overall seconds for the whole run, writing included; then the agent writes"
          + " what is complete, names the rest in its status section and exits 0.",
      order = 15)
  String deadline = "50";

  @Parameter(
      names = "--infos",
      description = "Object types that get piggyback hosts, in the words of Checkmk's old"
          + " Kubernetes agent (nodes, pods, deployments, daemon_sets, stateful_sets); the same as"
          + " --monitored-objects.",
      order = 16)
  String infos;

  @Parameter(
      names = "--monitored-objects",
      description = "Comma-separated object types that get piggyback hosts. Default: all,"
          + " " + ConfigValidator.ALL_MONITORED + "; add cronjobs_pods for pods of CronJobs.",
      order = 17)
  String monitoredObjects;

  @Parameter(
      names = "--namespace-include",
      description = "Regular expression (infix match); only matching namespaces are monitored."
          + " Repeatable; excludes --namespace-exclude.",
      splitter = NoSplit.class,
      order = 18)
  List<String> namespaceInclude = new ArrayList<>();

  @Parameter(
      names = "--namespace-exclude",
      description =
          "Regular expression (infix match); matching namespaces are skipped. Repeatable.",
      splitter = NoSplit.class,
      order = 19)
  List<String> namespaceExclude = new ArrayList<>();

  @Parameter(
      names = "--annotation-pattern",
      description = "Regular expression; annotations whose key matches become host labels.",
      order = 20)
  String annotationPattern;

  @Parameter(
      names = "--all-annotations",
      description = "Every annotation whose key and value are a valid Kubernetes label becomes a"
          + " host label; excludes --annotation-pattern.",
      order = 20)
  boolean allAnnotations;

  @Parameter(
      names = "--aggregation-exclude-node-roles",
      description = "Comma-separated node roles left out of cluster-wide aggregates.",
      order = 21)
  String aggregationExcludeNodeRoles = "";

  @Parameter(
      names = "--usage-sources",
      description = "Comma-separated usage sources, any of prometheus, metrics-api,"
          + " custom-metrics, kubelet; none alone reads API data only. kubelet needs"
          + " nodes/proxy: see the warning at the end.",
      order = 22)
  String usageSources = "none";

  @Parameter(
      names = "--prometheus-service",
      description = "Prometheus reached through the API server's service proxy, as"
          + " NAMESPACE/SCHEME:NAME:PORT.",
      order = 23)
  String prometheusService = "check-mk/https:prometheus:9090";

  @Parameter(
      names = "--prometheus-url",
      description = "Prometheus reached directly instead of through the service proxy, e.g."
          + " https://node:30999.",
      order = 24)
  String prometheusUrl;

  @Parameter(
      names = "--prometheus-ca-file",
      description = "PEM file with the CA of --prometheus-url.",
      order = 25)
  String prometheusCaFile;

  @Parameter(
      names = "--prometheus-ca-cert",
      description = "The CA of --prometheus-url as inline PEM text.",
      order = 26)
  String prometheusCaCert;

  @Parameter(
      names = "--prometheus-no-cert-check",
      description = "Do not verify the certificate of --prometheus-url.",
      order = 27)
  boolean prometheusNoCertCheck;

  @Parameter(
      names = "--promql",
      description = "A user-defined PromQL query NAME|UNIT|QUERY. Repeatable.",
      splitter = NoSplit.class,
      order = 28)
  List<String> promql = new ArrayList<>();

  @Parameter(
      names = "--custom-metric",
      description = "A custom-metrics-API metric RESOURCE/METRIC, e.g."
          + " pods/kubemon_cpu_usage_cores. Repeatable.",
      splitter = NoSplit.class,
      order = 29)
  List<String> customMetric = new ArrayList<>();

  @Parameter(
      names = "--kubelet-concurrency",
      description = "Parallel kubelet requests (usage source kubelet only).",
      order = 30)
  String kubeletConcurrency = "4";

  @Parameter(
      names = "--kubelet-health",
      description = "Read each node's kubelet /healthz through the API server's node proxy (the"
          + " Kubelet service); needs nodes/proxy like the kubelet usage source.",
      order = 30)
  boolean kubeletHealth;

  @Parameter(
      names = "--page-size",
      description = "Objects per page of a Kubernetes list (the API server's limit).",
      order = 31)
  String pageSize = String.valueOf(io.kubemon.agent.source.kube.KubeOptions.DEFAULT_PAGE_SIZE);

  @Parameter(
      names = "--max-objects",
      description = "Objects kept per list (e.g. pods); a list with more fails. Also sets the"
          + " JVM's heap in agent_kubemon.",
      order = 32)
  String maxObjects = String.valueOf(Limits.DEFAULT_MAX_OBJECTS);

  @Parameter(
      names = "--max-pages",
      description = "Pages per list; a list with more, or one whose server repeats a continue"
          + " token, fails.",
      order = 33)
  String maxPages = String.valueOf(Limits.DEFAULT_MAX_PAGES);

  @Parameter(
      names = "--max-response-mib",
      description = "MiB of one answer after decompression; a larger answer fails its source.",
      order = 34)
  String maxResponseMib = String.valueOf(Limits.DEFAULT_MAX_RESPONSE_MIB);

  @Parameter(
      names = "--max-string-chars",
      description = "Characters of any string written into a section; longer ones are cut and"
          + " end in " + Limits.TRUNCATED + ".",
      order = 35)
  String maxStringChars = String.valueOf(Limits.DEFAULT_MAX_STRING_CHARS);

  @Parameter(
      names = "--max-output-mib",
      description = "MiB written in all; hosts past it are left out whole and counted in the"
          + " status section.",
      order = 36)
  String maxOutputMib = String.valueOf(Limits.DEFAULT_MAX_OUTPUT_MIB);

  @Parameter(
      names = "--print-config",
      description = "Print the validated configuration as one JSON object and exit.",
      order = 37)
  boolean printConfig;

  @Parameter(
      names = "--debug",
      description = "Print stack traces on stderr (never the token).",
      order = 38)
  boolean debug;

  @Parameter(
      names = {"-v", "--verbose"},
      description = "Print progress on stderr.",
      order = 39)
  boolean verbose;

  @Parameter(
      names = {"-h", "--help"},
      description = "Print this help and exit.",
      help = true,
      order = 40)
  boolean help;

  @Parameter(
      names = "--version",
      description = "Print the agent's version and exit.",
      help = true,
      order = 41)
  boolean version;
}
