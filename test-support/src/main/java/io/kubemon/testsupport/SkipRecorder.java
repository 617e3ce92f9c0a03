package io.kubemon.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes every skipped test and every aborted test or class (a failed assumption, also in
 * {@code @BeforeAll}, which Surefire's reports do not show) with its reason to the file named by
 * the system property {@code kubemon.skip.report}; {@code .ci/skipped.py} lists them at the end of
 * the build. Registered in META-INF/services; every Java module with tests has this module as a
 * test dependency.
 */
public final class SkipRecorder implements TestExecutionListener {
  private final List<String> lines = new ArrayList<>();

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    record(test, reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      record(test, result.getThrowable().map(Throwable::getMessage).orElse(null));
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    String file = System.getProperty("kubemon.skip.report");
    if (file == null) {
      return;
    }
    try {
      Files.write(Path.of(file), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("kubemon: cannot write the skip report " + file + ": " + e.getMessage());
    }
  }

  private void record(TestIdentifier test, String reason) {
    String name = test.getSource().map(source -> {
      if (source instanceof MethodSource m) {
        return m.getClassName() + "#" + m.getMethodName()
            + (test.getDisplayName().startsWith(m.getMethodName()) ? "" : " " + test.getDisplayName());
      }
      return source instanceof ClassSource c ? c.getClassName() : test.getDisplayName();
    }).orElse(test.getDisplayName());
    String why = reason == null ? "" : reason.replace("Assumption failed: ", "").strip();
    lines.add(name.replaceAll("\\s+", " ") + "\t" + why.replaceAll("\\s+", " "));
  }
}
