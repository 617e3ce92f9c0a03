package io.kubemon.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The shipped manifests, one {@link Doc} per YAML document. */
final class ManifestFiles {
  private ManifestFiles() {}

  /**
   * Applied in this order (see each file's header); check_mk_kubelet_rbac.yaml and
   * node-exporter.yaml are opt-ins that every test covers as well.
   */
  static final List<String> FILES =
      List.of(
          "check_mk_rbac.yaml",
          "check_mk_kubelet_rbac.yaml",
          "prometheus-operator.yaml",
          "sample-prometheus-instance.yaml",
          "kubelet-servicemonitor.yaml",
          "node-exporter.yaml",
          "custom-metrics.yaml");

  static final String NODE_EXPORTER = "node-exporter.yaml";

  /** Opt-ins and alternatives, applied instead of or on top of {@link #FILES} (see headers). */
  static final String INSECURE_KUBELET = "kubelet-servicemonitor-insecure-skip-verify.yaml";

  static final String NODEPORT = "prometheus-nodeport.yaml";
  static final String CLIENT_CERT_PATCH = "prometheus-require-client-certs.patch.yaml";

  record Doc(String file, int index, Map<String, Object> object) {
    String kind() {
      return (String) object.get("kind");
    }

    String name() {
      return (String) metadata().get("name");
    }

    String namespace() {
      return (String) metadata().get("namespace");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> metadata() {
      return (Map<String, Object>) object.get("metadata");
    }

    @Override
    public String toString() {
      return file + "#" + index + " " + kind() + " " + name();
    }
  }

  static Path dir() {
    String root = System.getProperty("kubemon.root");
    Path dir = root == null ? Path.of("").toAbsolutePath() : Path.of(root, "manifests");
    if (!Files.exists(dir.resolve(FILES.get(0)))) {
      throw new IllegalStateException("no manifests in " + dir + "; set -Dkubemon.root");
    }
    return dir;
  }

  static List<Doc> all() {
    List<Doc> docs = new ArrayList<>();
    for (String file : FILES) {
      docs.addAll(load(dir().resolve(file)));
    }
    return docs;
  }

  /** The comment lines at the top of a shipped file, without their "# ". */
  static String header(String file) {
    try {
      StringBuilder b = new StringBuilder();
      for (String line : Files.readAllLines(dir().resolve(file))) {
        if (!line.startsWith("#")) {
          break;
        }
        b.append(line.replaceFirst("^# ?", "")).append('\n');
      }
      return b.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Doc> load(Path path) {
    try {
      return parse(path.getFileName().toString(), Files.readString(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Doc> parse(String name, String yaml) {
    List<Doc> docs = new ArrayList<>();
    int i = 0;
    for (Object o : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (o != null) {
        docs.add(new Doc(name, i++, (Map<String, Object>) o));
      }
    }
    return docs;
  }

  static List<Doc> ofKind(String kind) {
    return all().stream().filter(d -> kind.equals(d.kind())).toList();
  }

  static Doc one(String kind, String name) {
    List<Doc> found =
        all().stream().filter(d -> kind.equals(d.kind()) && name.equals(d.name())).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + " " + name + ", found " + found);
    }
    return found.get(0);
  }

  /** {@code ../shared} of the worktree, or null with the reason printed once by the caller. */
  static Path shared() {
    String configured = System.getProperty("kubemon.shared");
    Path path = configured == null ? Path.of("..", "..", "shared") : Path.of(configured);
    return Files.isDirectory(path.resolve("upstream")) ? path : null;
  }
}
