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

  /** Writes the manifest; {@code resource} is removed from every rule of the ClusterRoles. */
  static Path write(Path rbac, String resource, Path into) throws IOException {
    List<Object> limited = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(rbac)) {
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
        if (document instanceof Map<?, ?> && limit(document, resource)) {
          limited.add(document);
        }
      }
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path file = into.resolve("check_mk_rbac_limited.yaml");
    try (Writer writer = Files.newBufferedWriter(file)) {
      new Yaml(options).dumpAll(limited.iterator(), writer);
    }
    return file;
  }

  /**
   * Renames one object for the limited account (RBAC objects get the account as a prefix, so they
   * never replace the real ones); false for objects it must not repeat, such as the Namespace.
   */
  @SuppressWarnings("unchecked")
  private static boolean limit(Object document, String resource) {
    Map<String, Object> object = (Map<String, Object>) document;
    Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
    String kind = String.valueOf(object.get("kind"));
    switch (kind) {
      case "ServiceAccount" -> metadata.put("name", ACCOUNT);
      case "Secret" -> {
        metadata.put("name", ACCOUNT + "-token");
        ((Map<String, Object>) metadata.get("annotations"))
            .put("kubernetes.io/service-account.name", ACCOUNT);
      }
      case "ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding" -> {
        metadata.put("name", ACCOUNT + "-" + metadata.get("name"));
        Object ref = object.get("roleRef");
        if (ref instanceof Map<?, ?>) {
          Map<String, Object> roleRef = (Map<String, Object>) ref;
          roleRef.put("name", ACCOUNT + "-" + roleRef.get("name"));
        }
        for (Object subject : (List<Object>) object.getOrDefault("subjects", List.of())) {
          ((Map<String, Object>) subject).put("name", ACCOUNT);
        }
        for (Object rule : (List<Object>) object.getOrDefault("rules", List.of())) {
          Object resources = ((Map<String, Object>) rule).get("resources");
          if (kind.equals("ClusterRole") && resources instanceof List<?> list) {
            list.remove(resource);
          }
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
