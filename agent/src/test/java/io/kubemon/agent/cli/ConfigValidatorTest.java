package io.kubemon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.usage.UsageOptions.PromQuery;
import io.kubemon.agent.usage.UsageSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  private static final String[] BASE = {
    "--cluster-name", "k3s", "--api-server-url", "https://10.0.0.1:6443", "--token-file", "/t"
  };

  @Test
  void defaultsFollowTheContract() throws Exception {
    AgentConfig c = valid();
    assertEquals("k3s", c.clusterHost());
    assertEquals(URI.create("https://10.0.0.1:6443"), c.apiServerUrl());
    assertEquals("file", c.token().source());
    assertEquals(Path.of("/t"), c.token().file());
    assertEquals("jvm-default", c.tls().source());
    assertEquals(Duration.ofSeconds(10), c.connectTimeout());
    assertEquals(Duration.ofSeconds(12), c.readTimeout());
    assertEquals(Duration.ofSeconds(50), c.deadline());
    assertEquals(List.of("nodes", "namespaces", "pods", "deployments", "daemonsets",
        "statefulsets", "cronjobs", "pvcs"), List.copyOf(c.monitoredObjects()));
    assertEquals(Set.of(), c.usageSources());
    assertEquals("/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy",
        c.prometheusService().proxyPrefix());
    assertEquals(4, c.kubeletConcurrency());
    assertNull(c.annotationPattern());
    assertEquals(false, c.allAnnotations());
    assertEquals(false, c.kubeletHealth());
    assertEquals(false, c.plainHttp());
    assertEquals(List.of(), c.warnings());
  }

  @Test
  void plainHttpOnlyWithAllowHttpAndThenWithAWarning() throws Exception {
    AgentConfig c = valid("--api-server-url", "http://10.0.0.1:8080", "--allow-http");
    assertEquals(URI.create("http://10.0.0.1:8080"), c.apiServerUrl());
    assertEquals(true, c.plainHttp());
    assertEquals(List.of(ConfigValidator.PLAIN_HTTP), c.warnings());
    assertEquals("--allow-http applies to --api-server-url only; the positional HOST and"
        + " --url-prefix are always https",
        failure("--cluster-name", "c", "k8s.example", "--token-file", "/t", "--allow-http"));
    // With an https URL the option changes nothing and warns of nothing.
    AgentConfig tls = valid("--allow-http");
    assertEquals(false, tls.plainHttp());
    assertEquals(List.of(), tls.warnings());
  }

  @Test
  void switchesOfAgentKube() throws Exception {
    AgentConfig c = valid("--all-annotations", "--kubelet-health", "--monitored-objects",
        "pods,cronjobs_pods");
    assertEquals(true, c.allAnnotations());
    assertEquals(true, c.kubeletHealth());
    assertEquals(Set.of("pods", "cronjobs_pods"), c.monitoredObjects());
    assertEquals(true, c.kubeOptions(java.time.Clock.systemUTC()).allAnnotations());
    assertEquals(true, c.kubeOptions(java.time.Clock.systemUTC()).kubeletHealth());
  }

  @Test
  void theSeedFormBecomesAUrl() throws Exception {
    AgentConfig c = ConfigValidator.validate(parse("--cluster-name", "c", "10.0.0.1", "--port",
        "6443", "--token", "abc", "--no-cert-check"));
    assertEquals(URI.create("https://10.0.0.1:6443"), c.apiServerUrl());
    assertEquals("argument", c.token().source());
    assertEquals("****", c.token().plain().toString());
    assertEquals(true, c.tls().noCertCheck());
    assertEquals(URI.create("https://k8s.example:443"), ConfigValidator.validate(
        parse("--cluster-name", "c", "k8s.example", "--token", "abc")).apiServerUrl());
  }

  @Test
  void theClusterIsNamedAfterTheApiServersHostUnlessNamed() throws Exception {
    AgentConfig c = ConfigValidator.validate(parse("k8s.example", "--token-file", "/t"));
    assertEquals("k8s.example", c.clusterName());
    assertEquals("k8s.example", c.clusterHost());
    assertEquals("10.0.0.1", ConfigValidator.validate(parse("--api-server-url",
        "https://10.0.0.1:6443", "--token-file", "/t")).clusterName());
    assertEquals("prod", ConfigValidator.validate(parse("--cluster-name", "prod", "k8s.example",
        "--token-file", "/t")).clusterName());
    assertEquals("--cluster-name is required: the API server's host \"[::1]\" cannot be part of"
        + " a Checkmk host name", failure("[::1]", "--token-file", "/t"));
  }

  @Test
  void urlPrefixAndPathPrefixBuildTheUrlAsTheOldAgentDid() throws Exception {
    assertEquals(URI.create("https://lb.example:443/k8s/clusters/c-1"), ConfigValidator.validate(
        parse("--url-prefix", "https://lb.example/", "--path-prefix", "/k8s/clusters/c-1/",
            "--token-file", "/t")).apiServerUrl());
    // The old agent's rule always passed HOST too; --url-prefix replaces it.
    AgentConfig both = ConfigValidator.validate(parse("--url-prefix", "https://lb.example",
        "--port", "6443", "--token-file", "/t", "10.0.0.1"));
    assertEquals(URI.create("https://lb.example:6443"), both.apiServerUrl());
    assertEquals("lb.example", both.clusterName());
    assertEquals(URI.create("https://10.0.0.1:443"), ConfigValidator.validate(
        parse("10.0.0.1", "--path-prefix", "/", "--token-file", "/t")).apiServerUrl());
  }

  @Test
  void infosNamesTheMonitoredObjectsInTheOldAgentsWords() throws Exception {
    AgentConfig c = ConfigValidator.validate(parse("k", "--token-file", "/t", "--infos",
        "nodes,daemon_sets,stateful_sets,endpoints,jobs"));
    assertEquals(List.of("nodes", "daemonsets", "statefulsets"),
        List.copyOf(c.monitoredObjects()));
    assertEquals(List.of("--infos endpoints,jobs: kubemon makes no piggyback hosts for these"
        + " (jobs are shown on their namespace and CronJob hosts); left out"), c.warnings());
    assertEquals(List.of(), valid().warnings(), "a token file is no reason to warn");
    assertEquals(List.of(ConfigValidator.TOKEN_ON_ARGV),
        ConfigValidator.validate(parse("k", "--token", "abc")).warnings());
  }

  @Test
  void urlsLoseTrailingSlashesAndKeepAPathPrefix() throws Exception {
    assertEquals(URI.create("https://rancher.example/k8s/clusters/c-1"),
        ConfigValidator.url(
            "--api-server-url", "https://rancher.example/k8s/clusters/c-1/", false));
    assertEquals(URI.create("https://[::1]:6443"),
        ConfigValidator.url("--api-server-url", "https://[::1]:6443/", false));
  }

  @Test
  void repeatedOptionsKeepCommasAndPipes() throws Exception {
    AgentConfig c = valid("--namespace-exclude", "^kube-", "--namespace-exclude", "a{1,3}",
        "--promql", "restarts|count|sum(kube_pod_restarts{job=~\"a|b\"})",
        "--custom-metric", "pods/kubemon_cpu_usage_cores", "--usage-sources",
        "prometheus,custom-metrics", "--connect-timeout", "2.5");
    assertEquals(List.of("^kube-", "a{1,3}"),
        c.namespaceExclude().stream().map(p -> p.pattern()).toList());
    assertEquals(
        List.of(new PromQuery("restarts", "count", "sum(kube_pod_restarts{job=~\"a|b\"})")),
        c.promql());
    assertEquals("pods/kubemon_cpu_usage_cores", c.customMetrics().get(0).toString());
    assertEquals(Set.of(UsageSource.PROMETHEUS, UsageSource.CUSTOM_METRICS), c.usageSources());
    assertEquals(Duration.ofMillis(2500), c.connectTimeout());
    assertEquals(Set.of(), c.aggregationExcludeNodeRoles());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiterString = " => ", value = {
    "--api-server-url 10.0.0.1:6443 => --api-server-url must be https://HOST[:PORT], got \"10.0.0.1:6443\"",
    "--api-server-url http://10.0.0.1 => --api-server-url is http://, so the token would travel in clear: use https://, or add --allow-http if you must",
    "--api-server-url ftp://k --allow-http => --api-server-url must be http(s)://HOST[:PORT], got \"ftp://k\"",
    "--allow-http --all-annotations --annotation-pattern x => use either --all-annotations or --annotation-pattern, not both",
    "--api-server-url https://u:p@k8s => --api-server-url must be https://HOST[:PORT], got \"https://u:p@k8s\"",
    "--token x => use only one of --token-id, --token-file or --token, got --token-file and --token",
    "--cluster-host a/b => --cluster-host must be letters, digits, \".\", \"_\" or \"-\", got \"a/b\"",
    "--connect-timeout 0 => --connect-timeout must be seconds between 0 and 3600, got \"0\"",
    "--read-timeout ten => --read-timeout must be seconds between 0 and 3600, got \"ten\"",
    "--deadline -1 => --deadline must be seconds between 0 and 3600, got \"-1\"",
    "--monitored-objects nodes,ingresses => --monitored-objects: unknown value \"ingresses\", expected any of cronjobs, cronjobs_pods, daemonsets, deployments, namespaces, nodes, pods, pvcs, statefulsets",
    "--monitored-objects , => --monitored-objects must name at least one object type",
    "--namespace-include [ => --namespace-include: \"[\" is not a regular expression: Unclosed character class",
    "--namespace-include a --namespace-exclude b => use either --namespace-include or --namespace-exclude, not both",
    "--usage-sources none,kubelet => --usage-sources: \"none\" must stand alone, got \"none,kubelet\"",
    "--usage-sources prom => --usage-sources: unknown value \"prom\", expected any of custom-metrics, kubelet, metrics-api, none, prometheus",
    "--prometheus-service prometheus:9090 => --prometheus-service must be NAMESPACE/SCHEME:NAME:PORT (e.g. check-mk/https:prometheus:9090), got \"prometheus:9090\"",
    "--prometheus-url ftp://p => --prometheus-url must be http(s)://HOST[:PORT], got \"ftp://p\"",
    "--promql a|b => --promql must be NAME|UNIT|QUERY with NAME of letters, digits, \"_\", \".\" or \"-\", got \"a|b\"",
    "--promql a|b|up --promql a|c|up => --promql: the name \"a\" is used twice; every query needs its own name",
    "--custom-metric pods => --custom-metric must be RESOURCE/METRIC with RESOURCE pods, nodes or namespaces, e.g. pods/kubemon_cpu_usage_cores, got \"pods\"",
    "--kubelet-concurrency 0 => --kubelet-concurrency must be a whole number from 1 to 64, got \"0\"",
    "--proxy squid => --proxy must be http://[USER:PASSWORD@]HOST:PORT, FROM_ENVIRONMENT or"
        + " NO_PROXY, got \"squid\"",
    "--ca-cert x --ca-file y => use either --ca-file or --ca-cert",
    "--ca-file y --no-cert-check => --no-cert-check turns certificate checks off; drop it or drop the CA",
    "--port 6443 => --port needs the positional HOST; with --api-server-url put the port into the URL",
    "k8s.example => give either --api-server-url or the positional HOST, not both",
    "--tokn => unknown option --tokn (see --help)",
    "--path-prefix /k8s => --path-prefix needs the positional HOST; with --api-server-url put the path into the URL",
    "--url-prefix https://lb => give either --api-server-url or --url-prefix, not both",
    "--infos nodes --monitored-objects pods => give either --infos or --monitored-objects, not both (they name the same thing)",
    "--infos services => --infos must name at least one object type that gets piggyback hosts, e.g. nodes,pods",
    "--infos nodes,nodez => --infos: unknown value \"nodez\", expected any of cronjobs, cronjobs_pods, daemonsets, deployments, namespaces, nodes, pods, pvcs, statefulsets",
  })
  void badValuesFailWithOneLine(String extra, String expected) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> valid(extra.split(" ")));
    assertEquals(expected, e.getMessage());
  }

  @Test
  void requiredOptions() {
    assertEquals("--cluster-name is required",
        failure("--cluster-name", " ", "--api-server-url", "https://k", "--token", "t"));
    assertEquals("--api-server-url is required", failure("--cluster-name", "c", "--token", "t"));
    assertEquals("one of --token-id, --token-file or --token is required",
        failure("--cluster-name", "c", "--api-server-url", "https://k"));
    assertEquals("--token-id must be ID:FILE, got \"abc\"",
        failure("--cluster-name", "c", "--api-server-url", "https://k", "--token-id", "abc"));
    assertEquals("the positional HOST must be a host name or IP address, got \"https://k\"",
        failure("--cluster-name", "c", "https://k", "--token", "t"));
    assertEquals("--port must be a whole number from 1 to 65535, got \"0\"",
        failure("--cluster-name", "c", "k", "--port", "0", "--token", "t"));
    assertEquals("--url-prefix must be https://HOST (port and path go into --port and"
        + " --path-prefix), got \"https://lb:6443\"",
        failure("--url-prefix", "https://lb:6443", "--token", "t"));
    assertEquals("--path-prefix must be a URL path such as /k8s/clusters/c-1, got \"/a/../b\"",
        failure("k", "--path-prefix", "/a/../b", "--token", "t"));
  }

  private static String failure(String... argv) {
    return assertThrows(ConfigurationException.class, () -> ConfigValidator.validate(parse(argv)))
        .getMessage();
  }

  private static AgentConfig valid(String... extra) throws ConfigurationException {
    List<String> argv = new ArrayList<>(Arrays.asList(BASE));
    if (Arrays.asList(extra).contains("--api-server-url")) {
      argv.subList(2, 4).clear();
    }
    argv.addAll(Arrays.asList(extra));
    return ConfigValidator.validate(parse(argv.toArray(String[]::new)));
  }

  static AgentArgs parse(String... argv) {
    AgentArgs args = new AgentArgs();
    Help.commandLine(args).parse(argv);
    return args;
  }
}
