package io.kubemon.it.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository's files the flow uses: manifests, the agent, the check runner. */
public final class Repository {
  /** Applied in this order, each when it exists (the RBAC first: it creates the namespace). */
  public static final List<String> MANIFESTS =
      List.of(
          "check_mk_rbac.yaml",
          "prometheus-operator.yaml",
          "sample-prometheus-instance.yaml",
          "kubelet-servicemonitor.yaml",
          "custom-metrics.yaml");

  private final Path root;

  public Repository(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** {@code kubemon.root} when the build passes it, else the working directory or its parent. */
  public static Repository locate() {
    String property = System.getProperty("kubemon.root");
    if (property != null) {
      return new Repository(Path.of(property));
    }
    Path here = Path.of("").toAbsolutePath();
    return new Repository(Files.isDirectory(here.resolve("manifests")) ? here : here.getParent());
  }

  public Path root() {
    return root;
  }

  public List<Path> manifests() {
    return MANIFESTS.stream()
        .map(m -> root.resolve("manifests").resolve(m))
        .filter(Files::isRegularFile)
        .toList();
  }

  public Path agentScript() {
    return root.resolve("agent/libexec/agent_kubemon");
  }

  public Path agentJar() {
    return root.resolve("agent/target/kubemon-agent.jar");
  }

  public Path checkRunner() {
    return root.resolve("checks/tools/run_checks.py");
  }
}
