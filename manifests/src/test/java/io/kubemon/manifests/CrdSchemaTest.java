package io.kubemon.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.agent.tools.Tools;
import io.kubemon.manifests.ManifestFiles.Doc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus and ServiceMonitor objects against Prometheus Operator v0.93.0's own CRD schemas
 * (../shared/upstream/prometheus-operator, byte-for-byte upstream; v0.93.1's differ only in the
 * operator.prometheus.io/version annotation, which {@link #theV0931SchemasEqualV0930s} checks
 * where the Go module cache holds v0.93.1), the opt-in objects (the insecure kubelet
 * ServiceMonitor, the Prometheus with the client-certificate patch), and the APIService against the
 * apiregistration.k8s.io/v1 shape (no typed model class is available offline).
 */
class CrdSchemaTest {
  private static final String SKIP =
      "skipped: ../shared/upstream/prometheus-operator is absent (set -Dkubemon.shared)";

  @Test
  void prometheusMatchesTheCrd() {
    Map<?, ?> schema = crdSchema("monitoring.coreos.com_prometheuses.yaml");
    for (Doc doc : ManifestFiles.ofKind("Prometheus")) {
      assertEquals(List.of(), SchemaValidator.validate(schema, doc.object()), doc.toString());
    }
  }

  @Test
  void serviceMonitorsMatchTheCrd() {
    Map<?, ?> schema = crdSchema("monitoring.coreos.com_servicemonitors.yaml");
    List<Doc> monitors = ManifestFiles.ofKind("ServiceMonitor");
    assertFalse(monitors.isEmpty());
    for (Doc doc : monitors) {
      assertEquals(List.of(), SchemaValidator.validate(schema, doc.object()), doc.toString());
    }
  }

  @Test
  void theOptInsMatchTheCrds() {
    Map<?, ?> monitors = crdSchema("monitoring.coreos.com_servicemonitors.yaml");
    for (Doc doc : ManifestFiles.load(ManifestFiles.dir().resolve(ManifestFiles.INSECURE_KUBELET))) {
      assertEquals(List.of(), SchemaValidator.validate(monitors, doc.object()), doc.toString());
    }
    Map<String, Object> patched = WiringTest.patchedPrometheus();
    assertEquals(
        List.of(),
        SchemaValidator.validate(crdSchema("monitoring.coreos.com_prometheuses.yaml"), patched));
  }

  @Test
  void theV0931SchemasEqualV0930s() {
    Path v0931 =
        Path.of(System.getProperty("user.home"), "go/pkg/mod/github.com/prometheus-operator",
            "prometheus-operator@v0.93.1/example/prometheus-operator-crd");
    assumeTrue(java.nio.file.Files.isDirectory(v0931),
        "skipped: no prometheus-operator@v0.93.1 in the Go module cache (" + v0931 + ")");
    for (String file : List.of("monitoring.coreos.com_prometheuses.yaml",
        "monitoring.coreos.com_servicemonitors.yaml")) {
      Map<?, ?> newer = ManifestFiles.load(v0931.resolve(file)).get(0).object();
      assertEquals("0.93.1",
          ((Map<?, ?>) ((Map<?, ?>) newer.get("metadata")).get("annotations"))
              .get("operator.prometheus.io/version"));
      assertEquals(crdSchema(file), schemaOf((Map<?, ?>) newer.get("spec")), file);
    }
  }

  @Test
  void theValidatorCatchesTypicalMistakes() {
    Map<?, ?> schema = crdSchema("monitoring.coreos.com_servicemonitors.yaml");
    Map<String, Object> monitor = deepCopy(ManifestFiles.one("ServiceMonitor", "kubelet").object());
    Map<String, Object> endpoint = firstEndpoint(monitor);
    endpoint.put("scheme", "tcp");
    endpoint.put("bearerTokenPath", "/token");
    endpoint.put("honorLabels", "true");
    spec(monitor).remove("selector");
    List<String> errors = SchemaValidator.validate(schema, monitor);
    assertEquals(
        List.of(
            ".spec.endpoints[0].scheme: tcp is not one of [http, https, HTTP, HTTPS]",
            ".spec.endpoints[0].honorLabels: expected a boolean, got true",
            ".spec.endpoints[0].bearerTokenPath: unknown field",
            ".spec: required field selector is missing"),
        sorted(errors, List.of("scheme", "honorLabels", "bearerTokenPath", "selector")));
  }

  /** The APIService is written by {@code certs} (apiservice.yaml), not shipped in manifests/. */
  @Test
  void apiServiceMatchesTheApiregistrationShape(@TempDir Path out) throws Exception {
    Map<?, ?> schema =
        ManifestFiles.parse("apiservice", resource("apiservice-v1-schema.yaml")).get(0).object();
    int code =
        Tools.find("certs")
            .orElseThrow()
            .run(
                new String[] {"--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
    assertEquals(0, code);
    List<Doc> written =
        ManifestFiles.parse("apiservice.yaml", Files.readString(out.resolve("apiservice.yaml")));
    assertEquals(List.of("APIService"), written.stream().map(Doc::kind).toList());
    for (Doc doc : written) {
      assertEquals(List.of(), SchemaValidator.validate(schema, doc.object()), doc.toString());
    }
  }

  private static Map<?, ?> crdSchema(String file) {
    Path shared = ManifestFiles.shared();
    assumeTrue(shared != null, SKIP);
    Doc crd =
        ManifestFiles.load(shared.resolve("upstream/prometheus-operator").resolve(file)).get(0);
    Map<?, ?> schema = schemaOf((Map<?, ?>) crd.object().get("spec"));
    assertTrue(schema.containsKey("properties"), file);
    return schema;
  }

  private static Map<?, ?> schemaOf(Map<?, ?> spec) {
    for (Object v : (List<?>) spec.get("versions")) {
      Map<?, ?> version = (Map<?, ?>) v;
      if ("v1".equals(version.get("name"))) {
        return (Map<?, ?>) ((Map<?, ?>) version.get("schema")).get("openAPIV3Schema");
      }
    }
    throw new AssertionError(spec.get("names") + " has no version v1");
  }

  private static String resource(String name) {
    try (var in = CrdSchemaTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> object) {
    return (Map<String, Object>) object.get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstEndpoint(Map<String, Object> monitor) {
    return ((List<Map<String, Object>>) spec(monitor).get("endpoints")).get(0);
  }

  /** The errors that mention each marker, in the markers' order. */
  private static List<String> sorted(List<String> errors, List<String> markers) {
    List<String> out = new ArrayList<>();
    for (String marker : markers) {
      errors.stream().filter(e -> e.contains(marker)).forEach(out::add);
    }
    assertEquals(errors.size(), out.size(), "unexpected errors: " + errors);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new HashMap<>();
      map.forEach((k, v) -> copy.put(k, deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      return (T) new ArrayList<>(list.stream().map(CrdSchemaTest::deepCopy).toList());
    }
    return value;
  }
}
