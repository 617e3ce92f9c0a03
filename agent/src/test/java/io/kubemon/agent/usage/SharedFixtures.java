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
    skipUnless(Files.isRegularFile(p), "reference fixture " + p + " absent (no ../shared)");
    return p;
  }

  /** Skips the test, printing the reason as one line: Surefire's summary does not show it. */
  public static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.err.println("kubemon test skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, reason);
  }
}
