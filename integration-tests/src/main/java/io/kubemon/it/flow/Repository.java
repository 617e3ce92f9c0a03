package io.kubemon.it.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's files the flow uses: manifests, the agent, the check runner. */
public final class Repository {
  /**
   * README's cluster setup, applied in this order, each when it exists: files under {@code
   * manifests/}, and ({@link #CERTS}{@code /…}) what {@code certs --out} writes. The RBAC first (it
   * creates the namespace), then the TLS Secrets the Prometheus and adapter pods mount; the
   * APIService last, from the certs output only (custom-metrics.yaml has none).
   */
  public static final List<String> MANIFESTS =
      List.of(
          "check_mk_rbac.yaml",
          "kubemon-tls/tls-secrets.yaml",
          "prometheus-operator.yaml",
          "sample-prometheus-instance.yaml",
          "kubelet-servicemonitor.yaml",
          "custom-metrics.yaml",
          "kubemon-tls/apiservice.yaml");

  /** The {@code --out} directory of {@code certs} in README, under a run's work directory. */
  public static final String CERTS = "kubemon-tls";

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

  /** The shipped manifests of {@link #MANIFESTS}, without the certs output. */
  public List<Path> manifests() {
    return MANIFESTS.stream()
        .filter(m -> !m.startsWith(CERTS + "/"))
        .map(m -> root.resolve("manifests").resolve(m))
        .filter(Files::isRegularFile)
        .toList();
  }

  /**
   * README's steps 1–5 as files to apply: runs {@code agent_kubemon certs --out WORK/kubemon-tls}
   * (step 1) and returns {@link #MANIFESTS} with the certs output resolved in that directory.
   *
   * @throws IOException with the tool's one-line error when certs fails
   */
  public List<Path> clusterSetup(Path work) throws IOException {
    Path certs = work.resolve(CERTS);
    Path log = Files.createDirectories(work.resolve("certs-run"));
    AgentProcess.Result run =
        new AgentProcess(this).run(List.of("certs", "--out", certs.toString()), log);
    if (run.exitCode() != 0) {
      throw new IOException(
          "agent_kubemon certs exited with " + run.exitCode() + ": " + run.stderr().strip());
    }
    List<Path> files = new ArrayList<>();
    for (String m : MANIFESTS) {
      if (m.startsWith(CERTS + "/")) {
        Path written = certs.resolve(m.substring(CERTS.length() + 1));
        if (!Files.isRegularFile(written)) {
          throw new IOException("agent_kubemon certs did not write " + written);
        }
        files.add(written);
      } else if (Files.isRegularFile(root.resolve("manifests").resolve(m))) {
        files.add(root.resolve("manifests").resolve(m));
      }
    }
    return files;
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
