package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemon.agent.source.RequestCatalogue;
import org.junit.jupiter.api.Test;

class StatusFailuresTest {

  private static final String READER = "to the ClusterRole check-mk-metrics-reader"
      + " (check_mk_rbac.yaml)";

  /** Which role grants what is checked against the manifests in RbacCatalogueTest. */
  @Test
  void everyCataloguedRequestGetsItsOwnRule() {
    for (RequestCatalogue.Entry entry : RequestCatalogue.all()) {
      String role = switch (String.valueOf(entry.resource())) {
        case "services/proxy" ->
            "to the Role check-mk-prometheus-proxy in namespace check-mk (check_mk_rbac.yaml)";
        case "nodes/proxy" ->
            "to the ClusterRole check-mk-kubelet-reader (check_mk_kubelet_rbac.yaml)";
        default -> READER;
      };
      String expected = entry.nonResource()
          ? "grant \"get\" on the nonResourceURL " + entry.path() + " " + READER
          : "grant \"" + entry.verb() + " " + entry.resource() + "\" (apiGroup "
              + (entry.apiGroup().isEmpty() ? "\"\"" : entry.apiGroup())
              + ") " + role;
      assertEquals(expected, StatusFailures.grantHint(entry.path() + "?limit=500"), entry.source());
    }
  }

  @Test
  void namespacedAndProxiedPathsNameTheirResource() {
    assertEquals("grant \"list pods\" (apiGroup \"\") " + READER,
        StatusFailures.grantHint("/api/v1/namespaces/kube-system/pods"));
    assertEquals("grant \"get namespaces\" (apiGroup \"\") " + READER,
        StatusFailures.grantHint("/api/v1/namespaces/kube-system"));
    assertEquals("grant \"get nodes/proxy\" (apiGroup \"\") to the ClusterRole"
        + " check-mk-kubelet-reader (check_mk_kubelet_rbac.yaml)",
        StatusFailures.grantHint("/api/v1/nodes/k3s-server/proxy/stats/summary"));
    assertEquals("grant \"get services/proxy\" (apiGroup \"\") to the Role"
        + " check-mk-prometheus-proxy in namespace check-mk (check_mk_rbac.yaml)",
        StatusFailures.grantHint(
            "/api/v1/namespaces/check-mk/services/https:prometheus:9090/proxy/api/v1/query"));
    assertEquals("grant \"list nodes\" (apiGroup metrics.k8s.io) " + READER,
        StatusFailures.grantHint("/apis/metrics.k8s.io/v1beta1/nodes"));
  }

  @Test
  void a401WithoutATokenDoesNotBlameTheToken() {
    SourceException withToken =
        StatusFailures.of("GET /api/v1/query", "/api/v1/query", 401, null, 1, true);
    SourceException without =
        StatusFailures.of("GET /api/v1/query", "/api/v1/query", 401, null, 1, false);
    assertEquals("GET /api/v1/query: the token was rejected (HTTP 401)", withToken.getMessage());
    assertEquals("GET /api/v1/query: the endpoint asks for credentials (HTTP 401)",
        without.getMessage());
    assertEquals("the agent sends its token only to the API server's own origin: reach Prometheus"
        + " through the service proxy (--prometheus-service) instead", without.hint());
  }

  @Test
  void statusTexts() {
    assertEquals("GET /api/v1/pods: not found (HTTP 404)",
        StatusFailures.of("GET /api/v1/pods", "/api/v1/pods", 404, null, 1).getMessage());
    assertEquals("http-gone",
        StatusFailures.of("GET /api/v1/pods", "/api/v1/pods", 410, null, 1).anchor());
    assertEquals("GET /x: unexpected HTTP 418",
        StatusFailures.of("GET /x", "/x", 418, null, 1).getMessage());
    assertEquals("GET /x: redirected (HTTP 301) to another path on the same host, not followed so"
        + " the token stays with the API server",
        StatusFailures.of("GET /x", "/x", 301, "/login", 1).getMessage());
  }
}
