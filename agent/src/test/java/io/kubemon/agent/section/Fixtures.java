package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.status.SourceLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** The recorded clusters under ../shared and one agent run over them, for the output tests. */
final class Fixtures {
  private Fixtures() {}

  static final Instant NOW = Instant.parse("2025-09-12T00:00:00Z");

  /** The fixture set's directory; skips the test with one line when ../shared is absent. */
  static Path recording(String name) {
    String shared = System.getProperty("kubemon.shared");
    Path dir = shared == null ? null : Path.of(shared, "fixtures", "real", name);
    assumeTrue(
        dir != null && Files.isDirectory(dir),
        "skipped: recorded fixtures not found (../shared/fixtures/real/" + name + ")");
    return dir;
  }

  static KubeOptions options(String cluster) {
    return new KubeOptions(
        cluster,
        cluster,
        "https://127.0.0.1:6443",
        KubeOptions.ALL_OBJECTS,
        List.of(),
        List.of(),
        null,
        Set.of(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** One agent run: API sections then the status block, with run times set to zero. */
  static String run(JsonSource api, KubeOptions options) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SourceLog log = new SourceLog();
    KubeReport.write(api, options, log, out);
    AgentStatusReport.write(
        log, "0.0.0-test", options.clusterName(), NOW.getEpochSecond(), 0.0, 50.0, false, false,
        out);
    return normalize(bytes.toString(StandardCharsets.UTF_8));
  }

  /** Elapsed times differ on every run; everything else must match byte for byte. */
  static String normalize(String output) {
    return output.replaceAll("\"elapsed_s\":[0-9.Ee+-]+", "\"elapsed_s\":0.0");
  }
}
