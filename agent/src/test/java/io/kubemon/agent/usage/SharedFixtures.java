package io.kubemon.agent.usage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Reference fixtures from ../shared (system property kubemon.shared); absent in a user's clone. */
public final class SharedFixtures {
  private SharedFixtures() {}

  public static final String MINIKUBE = "fixtures/real/minikube-v1.35.0-nri-kubernetes/";

  /** The fixture's path; skips the test with one line when ../shared is not there. */
  public static Path require(String relative) {
    String root = System.getProperty("kubemon.shared", "../../shared");
    Path p = Path.of(root, relative);
    Assumptions.assumeTrue(
        Files.isRegularFile(p), "skipped: reference fixture " + p + " absent (no ../shared)");
    return p;
  }
}
