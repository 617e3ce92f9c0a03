package io.kubemon.agent.cli;

import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.cli.AgentConfig.TokenOption;
import io.kubemon.agent.http.Limits;
import io.kubemon.agent.http.ProxySetting;
import io.kubemon.agent.http.TlsSettings;
import io.kubemon.agent.secret.Secret;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.usage.UsageOptions.CustomMetric;
import io.kubemon.agent.usage.UsageOptions.PromQuery;
import io.kubemon.agent.usage.UsageOptions.PrometheusService;
import io.kubemon.agent.usage.UsageSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the raw command line and builds {@link AgentConfig}. Reads the CA files (public data)
 * but never a token: that is {@link TokenReader}'s job after validation.
 */
final class ConfigValidator {
  private ConfigValidator() {}

  /** Checkmk host names: piggyback names are built from the cluster name. */
  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  /** The default of --monitored-objects: every type that gets piggyback hosts. */
  static final String ALL_MONITORED =
      "nodes,namespaces,pods,deployments,daemonsets,statefulsets,cronjobs,pvcs";

  /** --infos words of Checkmk's old agent_kubernetes that name kubemon's types differently. */
  private static final Map<String, String> INFOS_WORDS =
      Map.of("daemon_sets", "daemonsets", "stateful_sets", "statefulsets");

  /** --infos words of the old agent for which kubemon makes no hosts. */
  private static final Set<String> INFOS_WITHOUT_HOSTS =
      Set.of("endpoints", "ingresses", "services", "jobs");

  static final String TOKEN_ON_ARGV =
      "--token puts the token on the command line, where every local user sees it in the process"
          + " list (ps); use --token-file FILE (mode 600) or, on a Checkmk site, the password"
          + " store (the rule's stored password, --token-id)";

  static final String PLAIN_HTTP =
      "--allow-http: the API server is read over plain http://, so the bearer token travels in"
          + " clear to anyone on the path; use https:// as soon as you can";

  static AgentConfig validate(AgentArgs a) throws ConfigurationException {
    // JCommander hands unknown options to the positional HOST list.
    for (String positional : a.positional) {
      if (positional.startsWith("-")) {
        throw new ConfigurationException("unknown option " + positional + " (see --help)");
      }
    }
    List<String> warnings = new ArrayList<>();
    URI apiServerUrl = apiServerUrl(a);
    String cluster =
        a.clusterName == null ? defaultClusterName(apiServerUrl)
            : hostName("--cluster-name", required("--cluster-name", a.clusterName));
    String clusterHost =
        a.clusterHost == null ? cluster : hostName("--cluster-host", a.clusterHost);
    if (!a.namespaceInclude.isEmpty() && !a.namespaceExclude.isEmpty()) {
      throw new ConfigurationException(
          "use either --namespace-include or --namespace-exclude, not both");
    }
    if (a.allAnnotations && a.annotationPattern != null) {
      throw new ConfigurationException(
          "use either --all-annotations or --annotation-pattern, not both");
    }
    if ("http".equals(apiServerUrl.getScheme())) {
      warnings.add(PLAIN_HTTP);
    }
    TokenOption token = token(a);
    if (token.source().equals("argument")) {
      warnings.add(TOKEN_ON_ARGV);
    }
    return new AgentConfig(
        cluster,
        clusterHost,
        apiServerUrl,
        token,
        tls("--ca-file", a.caFile, "--ca-cert", a.caCert, "--no-cert-check", a.noCertCheck),
        ProxySetting.parse("--proxy", a.proxy),
        OptionValues.seconds("--connect-timeout", a.connectTimeout),
        OptionValues.seconds("--read-timeout", a.readTimeout),
        OptionValues.seconds("--deadline", a.deadline),
        monitoredObjects(a, warnings),
        OptionValues.patterns("--namespace-include", a.namespaceInclude),
        OptionValues.patterns("--namespace-exclude", a.namespaceExclude),
        OptionValues.pattern("--annotation-pattern", a.annotationPattern),
        a.allAnnotations,
        OptionValues.commaList(
            "--aggregation-exclude-node-roles", a.aggregationExcludeNodeRoles, null),
        UsageSource.parseList(a.usageSources),
        PrometheusService.parse(a.prometheusService),
        a.prometheusUrl == null ? null : url("--prometheus-url", a.prometheusUrl, true),
        tls("--prometheus-ca-file", a.prometheusCaFile, "--prometheus-ca-cert",
            a.prometheusCaCert, "--prometheus-no-cert-check", a.prometheusNoCertCheck),
        promql(a.promql),
        customMetrics(a.customMetric),
        OptionValues.integer("--kubelet-concurrency", a.kubeletConcurrency, 1, 64),
        a.kubeletHealth,
        OptionValues.integer("--page-size", a.pageSize, 1, 10_000),
        limits(a),
        a.debug,
        a.verbose,
        List.copyOf(warnings));
  }

  /** Without --cluster-name the cluster is named after the API server's host. */
  private static String defaultClusterName(URI apiServerUrl) throws ConfigurationException {
    String host = apiServerUrl.getHost();
    if (host == null || !HOST_NAME.matcher(host).matches()) {
      throw new ConfigurationException("--cluster-name is required: the API server's host \""
          + host + "\" cannot be part of a Checkmk host name");
    }
    return host;
  }

  private static Limits limits(AgentArgs a) throws ConfigurationException {
    return new Limits(
        OptionValues.integer("--max-objects", a.maxObjects, 100, 10_000_000),
        OptionValues.integer("--max-pages", a.maxPages, 1, 100_000),
        (long) OptionValues.integer("--max-response-mib", a.maxResponseMib, 1, 4096) << 20,
        OptionValues.integer("--max-string-chars", a.maxStringChars, 64, 1 << 20),
        (long) OptionValues.integer("--max-output-mib", a.maxOutputMib, 1, 65_536) << 20);
  }

  private static String required(String option, String value) throws ConfigurationException {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(option + " is required");
    }
    return value;
  }

  private static String hostName(String option, String value) throws ConfigurationException {
    if (!HOST_NAME.matcher(value).matches()) {
      throw new ConfigurationException(
          option + " must be letters, digits, \".\", \"_\" or \"-\", got \"" + value + "\"");
    }
    return value;
  }

  /**
   * --api-server-url, or the URL built the way Checkmk's old agent_kubernetes built it: {@code
   * https://HOST} (or --url-prefix) + {@code :PORT} (default 443) + --path-prefix.
   */
  private static URI apiServerUrl(AgentArgs a) throws ConfigurationException {
    if (a.positional.size() > 1) {
      // The values are not echoed: a mistyped option could put a token here.
      throw new ConfigurationException(
          "expected at most one positional HOST, got " + a.positional.size() + " arguments");
    }
    if (a.positional.isEmpty() && a.urlPrefix == null) {
      if (a.port != null) {
        throw new ConfigurationException("--port needs the positional HOST; with"
            + " --api-server-url put the port into the URL");
      }
      if (a.pathPrefix != null) {
        throw new ConfigurationException("--path-prefix needs the positional HOST; with"
            + " --api-server-url put the path into the URL");
      }
      String value = required("--api-server-url", a.apiServerUrl);
      if (!a.allowHttp && value.strip().regionMatches(true, 0, "http://", 0, 7)) {
        throw new ConfigurationException("--api-server-url is http://, so the token would travel"
            + " in clear: use https://, or add --allow-http if you must");
      }
      return url("--api-server-url", value, a.allowHttp);
    }
    if (a.allowHttp) {
      throw new ConfigurationException("--allow-http applies to --api-server-url only; the"
          + " positional HOST and --url-prefix are always https");
    }
    if (a.apiServerUrl != null) {
      throw new ConfigurationException(a.positional.isEmpty()
          ? "give either --api-server-url or --url-prefix, not both"
          : "give either --api-server-url or the positional HOST, not both");
    }
    String base;
    if (!a.positional.isEmpty()) {
      String host = a.positional.get(0);
      if (!host.matches("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]")) {
        throw new ConfigurationException(
            "the positional HOST must be a host name or IP address, got \"" + host + "\"");
      }
      base = "https://" + host;
    } else {
      base = null;
    }
    if (a.urlPrefix != null) {
      // As the old agent: --url-prefix replaces https://HOST when both are given.
      base = urlPrefix(a.urlPrefix);
    }
    int port = a.port == null ? 443 : OptionValues.integer("--port", a.port, 1, 65535);
    return url("HOST", base + ":" + port + pathPrefix(a.pathPrefix), false);
  }

  private static String urlPrefix(String value) throws ConfigurationException {
    try {
      URI uri = new URI(value.strip().replaceAll("/+$", ""));
      if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
          && uri.getPort() == -1 && uri.getUserInfo() == null && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
        return "https://" + uri.getRawAuthority();
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigurationException("--url-prefix must be https://HOST (port and path go into"
        + " --port and --path-prefix), got \"" + value + "\"");
  }

  /** "" or "/a/b": slashes around the value are dropped, as the old agent did. */
  private static String pathPrefix(String value) throws ConfigurationException {
    if (value == null) {
      return "";
    }
    String path = value.strip().replaceAll("^/+|/+$", "");
    if (path.isEmpty()) {
      return "";
    }
    if (!path.matches("[A-Za-z0-9._~!$&'()*+,;=:@%/-]+") || path.matches("(.*/)?\\.\\.?(/.*)?")) {
      throw new ConfigurationException(
          "--path-prefix must be a URL path such as /k8s/clusters/c-1, got \"" + value + "\"");
    }
    return "/" + path;
  }

  /** https://HOST[:PORT] with an optional path prefix (Rancher-style proxies); no credentials. */
  static URI url(String option, String value, boolean httpAllowed) throws ConfigurationException {
    String form = (httpAllowed ? "http(s)" : "https") + "://HOST[:PORT]";
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean schemeOk = scheme.equals("https") || (httpAllowed && scheme.equals("http"));
      if (schemeOk && uri.getHost() != null && uri.getUserInfo() == null
          && uri.getQuery() == null && uri.getFragment() == null) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new URI(scheme + "://" + uri.getRawAuthority() + path);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigurationException(option + " must be " + form + ", got \"" + value + "\"");
  }

  private static TokenOption token(AgentArgs a) throws ConfigurationException {
    List<String> given = new ArrayList<>();
    if (a.tokenId != null) {
      given.add("--token-id");
    }
    if (a.tokenFile != null) {
      given.add("--token-file");
    }
    if (a.token != null) {
      given.add("--token");
    }
    if (given.size() != 1) {
      throw new ConfigurationException(given.isEmpty()
          ? "one of --token-id, --token-file or --token is required"
          : "use only one of --token-id, --token-file or --token, got "
              + String.join(" and ", given));
    }
    if (a.tokenId != null) {
      String[] parts = OptionValues.split("--token-id", a.tokenId, ":", 2, "ID:FILE");
      return new TokenOption("password_store", parts[0], Path.of(parts[1]), null, null);
    }
    if (a.tokenFile != null) {
      return new TokenOption("file", null, null, Path.of(required("--token-file", a.tokenFile)),
          null);
    }
    if (a.token.isBlank()) {
      throw new ConfigurationException("--token must not be empty");
    }
    return new TokenOption("argument", null, null, null, Secret.of(a.token));
  }

  private static TlsSettings tls(
      String fileOption, String file, String pemOption, String pem, String offOption, boolean off)
      throws ConfigurationException {
    if (file != null && pem != null) {
      throw new ConfigurationException("use either " + fileOption + " or " + pemOption);
    }
    if (off && (file != null || pem != null)) {
      throw new ConfigurationException(
          offOption + " turns certificate checks off; drop it or drop the CA");
    }
    if (off) {
      return TlsSettings.insecure();
    }
    if (file != null) {
      return TlsSettings.fromFile(fileOption, Path.of(file));
    }
    return pem == null ? TlsSettings.JVM_DEFAULT : TlsSettings.fromInline(pemOption, pem);
  }

  private static Set<String> monitoredObjects(AgentArgs a, List<String> warnings)
      throws ConfigurationException {
    if (a.infos == null) {
      Set<String> objects = OptionValues.commaList("--monitored-objects",
          a.monitoredObjects == null ? ALL_MONITORED : a.monitoredObjects,
          KubeOptions.ALL_OBJECTS);
      if (objects.isEmpty()) {
        throw new ConfigurationException("--monitored-objects must name at least one object type");
      }
      return objects;
    }
    if (a.monitoredObjects != null) {
      throw new ConfigurationException(
          "give either --infos or --monitored-objects, not both (they name the same thing)");
    }
    List<String> words = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (String word : a.infos.split(",")) {
      String w = word.strip();
      if (INFOS_WITHOUT_HOSTS.contains(w)) {
        without.add(w);
      } else if (!w.isEmpty()) {
        words.add(INFOS_WORDS.getOrDefault(w, w));
      }
    }
    if (!without.isEmpty()) {
      warnings.add("--infos " + String.join(",", without) + ": kubemon makes no piggyback hosts"
          + " for these (jobs are shown on their namespace and CronJob hosts); left out");
    }
    Set<String> objects =
        OptionValues.commaList("--infos", String.join(",", words), KubeOptions.ALL_OBJECTS);
    if (objects.isEmpty()) {
      throw new ConfigurationException("--infos must name at least one object type that gets"
          + " piggyback hosts, e.g. nodes,pods");
    }
    return objects;
  }

  private static List<PromQuery> promql(List<String> values) throws ConfigurationException {
    List<PromQuery> queries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String value : values) {
      PromQuery query = PromQuery.parse(value);
      if (!names.add(query.name())) {
        throw new ConfigurationException("--promql: the name \"" + query.name() + "\" is used"
            + " twice; every query needs its own name");
      }
      queries.add(query);
    }
    return queries;
  }

  private static List<CustomMetric> customMetrics(List<String> values)
      throws ConfigurationException {
    List<CustomMetric> metrics = new ArrayList<>();
    for (String value : values) {
      metrics.add(CustomMetric.parse(value));
    }
    return metrics;
  }
}
