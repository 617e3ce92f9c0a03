package io.kubemon.it.flow;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A second monitoring identity made from our own {@code check_mk_rbac.yaml} with one resource taken
 * out of its ClusterRole, so the test follows whatever the real manifest grants.
 */
final class LimitedRbac {
  static final String ACCOUNT = "check-mk-limited";

  private LimitedRbac() {}

  /** Writes the manifest; {@code resource} is removed from every rule of the ClusterRole. */
  @SuppressWarnings("unchecked")
  static Path write(Path rbac, String resource, Path into) throws IOException {
    List<Object> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(rbac)) {
      new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader).forEach(documents::add);
    }
    List<Object> limited = new ArrayList<>();
    for (Object document : documents) {
      if (!(document instanceof Map<?, ?>)) {
        continue;
      }
      Map<String, Object> object = (Map<String, Object>) document;
      Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
      switch (String.valueOf(object.get("kind"))) {
        case "ServiceAccount" -> metadata.put("name", ACCOUNT);
        case "Secret" -> {
          metadata.put("name", ACCOUNT + "-token");
          ((Map<String, Object>) metadata.get("annotations"))
              .put("kubernetes.io/service-account.name", ACCOUNT);
        }
        case "ClusterRole" -> {
          metadata.put("name", ACCOUNT);
          for (Object rule : (List<Object>) object.get("rules")) {
            Object resources = ((Map<String, Object>) rule).get("resources");
            if (resources instanceof List<?> list) {
              list.remove(resource);
            }
          }
        }
        case "Role" -> metadata.put("name", ACCOUNT + "-" + metadata.get("name"));
        case "RoleBinding" -> {
          metadata.put("name", ACCOUNT + "-" + metadata.get("name"));
          Map<String, Object> ref = (Map<String, Object>) object.get("roleRef");
          ref.put("name", ACCOUNT + "-" + ref.get("name"));
          for (Object subject : (List<Object>) object.get("subjects")) {
            ((Map<String, Object>) subject).put("name", ACCOUNT);
          }
        }
        case "ClusterRoleBinding" -> {
          metadata.put("name", ACCOUNT);
          ((Map<String, Object>) object.get("roleRef")).put("name", ACCOUNT);
          for (Object subject : (List<Object>) object.get("subjects")) {
            ((Map<String, Object>) subject).put("name", ACCOUNT);
          }
        }
        default -> {
          continue;
        }
      }
      limited.add(object);
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = into.resolve("check_mk_rbac_limited.yaml");
    try (Writer writer = Files.newBufferedWriter(file)) {
      new Yaml(options).dumpAll(limited.iterator(), writer);
    }
    return file;
  }
}
