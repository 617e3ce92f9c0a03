package io.kubemon.it.flow;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Prints one line when a Docker-only class is skipped: JUnit reports a class-level skip once, not
 * per test (jenkinsci/acceptance-test-harness#857), so the build log must say it.
 */
final class DockerSkipNotice implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isEmpty() && !DockerClientFactory.instance().isDockerAvailable()) {
      System.out.println(
          context.getDisplayName()
              + " skipped: no Docker here (Testcontainers found no daemon); the same flow ran"
              + " against the simulator");
    }
    return ConditionEvaluationResult.enabled(
        "Docker decides through @Testcontainers(disabledWithoutDocker = true)");
  }
}
