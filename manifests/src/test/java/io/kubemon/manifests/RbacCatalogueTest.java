package io.kubemon.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubemon.agent.http.StatusFailures;
import io.kubemon.agent.source.RequestCatalogue;
import io.kubemon.agent.source.RequestCatalogue.Entry;
import io.kubemon.manifests.ManifestFiles.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What the check-mk service account may do equals, grant for grant, what the agent's
 * RequestCatalogue asks for. Each request path is turned into authorization attributes the way the
 * API server's RequestInfoFactory does, so the catalogue's own resource and verb are checked too.
 */
class RbacCatalogueTest {
  private static final String AGENT = "check-mk/check-mk";
  private static final String KUBELET_RESOURCE = "nodes/proxy";

  @Test
  void checkMkRbacGrantsExactlyTheCatalogue() {
    Set<String> expected = new TreeSet<>();
    RequestCatalogue.all().stream()
        .filter(e -> !KUBELET_RESOURCE.equals(e.resource()))
        .filter(e -> !RequestCatalogue.grantedByDiscovery(e))
        .forEach(e -> expected.add(attributes(e)));
    assertEquals(expected, grantsTo(AGENT, "check_mk_rbac.yaml"));
  }

  @Test
  void theKubeletFileGrantsExactlyTheKubeletRoute() {
    Set<String> expected = new TreeSet<>();
    RequestCatalogue.all().stream()
        .filter(e -> KUBELET_RESOURCE.equals(e.resource()))
        .forEach(e -> expected.add(attributes(e)));
    assertFalse(expected.isEmpty());
    assertEquals(expected, grantsTo(AGENT, "check_mk_kubelet_rbac.yaml"));
  }

  /**
   * node-exporter.yaml grants kube-rbac-proxy exactly what checking a scraper takes, Prometheus
   * exactly what the proxy asks for and what discovering the pods takes, and the agent nothing.
   */
  @Test
  void theNodeExporterFileGrantsExactlyWhatScrapingItTakes() {
    String file = ManifestFiles.NODE_EXPORTER;
    assertEquals(
        new TreeSet<>(Set.of(
            "cluster create authentication.k8s.io tokenreviews *",
            "cluster create authorization.k8s.io subjectaccessreviews *")),
        grantsTo("check-mk/node-exporter", file));
    Set<String> prometheus = new TreeSet<>(Set.of("url get /metrics"));
    for (String verb : List.of("get", "list", "watch")) {
      for (String resource : List.of("services", "endpoints", "pods")) {
        prometheus.add("ns:check-mk " + verb + "  " + resource + " *");
      }
    }
    assertEquals(prometheus, grantsTo("check-mk/prometheus", file));
    assertEquals(Set.of(), grantsTo(AGENT, file));
  }

  /**
   * The agent's 403 hint names a role and a file; that role, bound to the check-mk service account
   * in that file, grants the request. An admin following the hint edits the right object.
   */
  @Test
  void everyForbiddenHintNamesTheRoleThatGrantsTheRequest() {
    Pattern named =
        Pattern.compile(" to the (ClusterRole|Role) (\\S+)(?: in namespace \\S+)? \\((\\S+\\.yaml)\\)$");
    int checked = 0;
    for (Entry entry : RequestCatalogue.all()) {
      if (RequestCatalogue.grantedByDiscovery(entry)) {
        continue;
      }
      String hint = StatusFailures.grantHint(entry.path());
      Matcher m = named.matcher(hint);
      assertTrue(m.find(), entry.source() + ": the hint names no role and file: " + hint);
      Set<String> grants = grantsTo(AGENT, m.group(3), m.group(1), m.group(2));
      assertTrue(grants.contains(attributes(entry)),
          entry.source() + ": " + m.group(1) + " " + m.group(2) + " in " + m.group(3)
              + " does not grant " + attributes(entry) + ", it grants " + grants);
      checked++;
    }
    assertTrue(checked > 20, "only " + checked + " catalogue entries");
  }

  @Test
  void checkMkRbacHasNoWildcardWatchSecretsConfigmapsOrNodesProxy() {
    for (Doc doc : ManifestFiles.load(ManifestFiles.dir().resolve("check_mk_rbac.yaml"))) {
      if (!doc.kind().endsWith("Role")) {
        continue;
      }
      for (PolicyRule rule :
          ManifestModelTest.JSON
              .convertValue(doc.object(), io.fabric8.kubernetes.api.model.rbac.Role.class)
              .getRules()) {
        List<String> all = new ArrayList<>();
        all.addAll(rule.getApiGroups());
        all.addAll(rule.getResources());
        all.addAll(rule.getVerbs());
        all.addAll(rule.getResourceNames());
        all.addAll(rule.getNonResourceURLs());
        assertTrue(all.stream().noneMatch(s -> s.contains("*")), doc + ": wildcard in " + all);
        assertFalse(rule.getVerbs().contains("watch"), doc.toString());
        for (String banned : List.of("secrets", "configmaps", "nodes/proxy")) {
          assertFalse(rule.getResources().contains(banned), doc + " grants " + banned);
        }
      }
    }
  }

  @Test
  void theAdapterServesExactlyTheCatalogueCustomMetrics() {
    Set<String> catalogue = new TreeSet<>();
    RequestCatalogue.all().stream()
        .filter(e -> e.source().startsWith("custom-metrics/"))
        .forEach(e -> catalogue.add(e.source().substring("custom-metrics/".length())));
    Map<?, ?> data =
        (Map<?, ?>) ManifestFiles.one("ConfigMap", "adapter-config").object().get("data");
    Map<?, ?> config = new Yaml().load((String) data.get("config.yaml"));
    Set<String> served = new TreeSet<>();
    for (Object r : (List<?>) config.get("rules")) {
      Map<?, ?> rule = (Map<?, ?>) r;
      String metric = (String) ((Map<?, ?>) rule.get("name")).get("as");
      Map<?, ?> overrides = (Map<?, ?>) ((Map<?, ?>) rule.get("resources")).get("overrides");
      for (Object target : overrides.values()) {
        served.add(((Map<?, ?>) target).get("resource") + "s/" + metric);
      }
    }
    assertEquals(catalogue, served);
  }

  @Test
  void theAttributesFollowTheApiServersParsing() {
    assertEquals(
        "cluster get custom.metrics.k8s.io pods/cpu *",
        attributes(
            new Entry(
                "t",
                "custom.metrics.k8s.io",
                "pods/cpu",
                "get",
                "/apis/custom.metrics.k8s.io/v1beta1/namespaces/{namespace}/pods/*/cpu")));
    assertEquals(
        "ns:check-mk get  services/proxy https:prometheus:9090",
        attributes(
            new Entry(
                "t",
                "",
                "services/proxy",
                "get",
                "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy/api/v1/query?query=up")));
    assertEquals(
        "cluster get custom.metrics.k8s.io metrics cpu",
        attributes(
            new Entry(
                "t",
                "custom.metrics.k8s.io",
                "metrics",
                "get",
                "/apis/custom.metrics.k8s.io/v1beta1/namespaces/{namespace}/metrics/cpu")));
    assertEquals("url get /livez", attributes(new Entry("t", null, null, "get", "/livez")));
  }

  /**
   * "scope verb group resource name": scope is "cluster" unless the path names a literal namespace;
   * name is "*" for no resourceNames restriction.
   */
  static String attributes(Entry entry) {
    if (entry.nonResource()) {
      return "url " + entry.verb() + " " + entry.path();
    }
    List<String> parts =
        new ArrayList<>(List.of(entry.path().replaceFirst("\\?.*", "").substring(1).split("/")));
    boolean core = parts.get(0).equals("api");
    String group = core ? "" : parts.get(1);
    List<String> rest = parts.subList(core ? 2 : 3, parts.size());
    String namespace = null;
    if (rest.get(0).equals("namespaces") && rest.size() > 2) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.size() > 2 ? rest.get(0) + "/" + rest.get(2) : rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : null;
    String verb = name == null ? "list" : "get";
    assertEquals(entry.apiGroup(), group, entry.source() + ": apiGroup");
    assertEquals(entry.resource(), resource, entry.source() + ": resource");
    assertEquals(entry.verb(), verb, entry.source() + ": verb");
    String scope = namespace == null || placeholder(namespace) ? "cluster" : "ns:" + namespace;
    String restricted = name == null || placeholder(name) ? "*" : name;
    return scope + " " + verb + " " + group + " " + resource + " " + restricted;
  }

  private static boolean placeholder(String segment) {
    return segment.equals("*") || segment.startsWith("{");
  }

  /** Every grant that roles bound to {@code account} in {@code file} give it, as attributes. */
  private static Set<String> grantsTo(String account, String file) {
    return grantsTo(account, file, null, null);
  }

  /** As above, from the one role {@code kind}/{@code name} only (both null: every role). */
  private static Set<String> grantsTo(String account, String file, String kind, String name) {
    List<Doc> docs = ManifestFiles.load(ManifestFiles.dir().resolve(file));
    Set<String> grants = new TreeSet<>();
    for (Doc doc : docs) {
      if (!doc.kind().endsWith("Binding")) {
        continue;
      }
      RoleBinding binding = ManifestModelTest.JSON.convertValue(doc.object(), RoleBinding.class);
      boolean bound =
          binding.getSubjects().stream().map(RbacCatalogueTest::account).anyMatch(account::equals);
      if (!bound) {
        continue;
      }
      String roleKind = binding.getRoleRef().getKind();
      if (kind != null
          && !(roleKind.equals(kind) && binding.getRoleRef().getName().equals(name))) {
        continue;
      }
      Doc role =
          docs.stream()
              .filter(
                  d -> d.kind().equals(roleKind) && d.name().equals(binding.getRoleRef().getName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError(doc + " binds a role that " + file + " lacks"));
      String scope = roleKind.equals("Role") ? "ns:" + role.namespace() : "cluster";
      var rules =
          ManifestModelTest.JSON
              .convertValue(role.object(), io.fabric8.kubernetes.api.model.rbac.Role.class)
              .getRules();
      rules.forEach(rule -> expand(rule, scope, grants));
    }
    return grants;
  }

  private static void expand(PolicyRule rule, String scope, Set<String> out) {
    for (String verb : rule.getVerbs()) {
      rule.getNonResourceURLs().forEach(url -> out.add("url " + verb + " " + url));
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          List<String> names =
              rule.getResourceNames().isEmpty() ? List.of("*") : rule.getResourceNames();
          names.forEach(
              name -> out.add(scope + " " + verb + " " + group + " " + resource + " " + name));
        }
      }
    }
  }

  private static String account(Subject s) {
    return s.getNamespace() + "/" + s.getName();
  }
}
