package io.kubemon.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rooms of integration-tests and the one way they may look: a source file (main or test) names
 * classes of its own room and of lower rooms only. Read from the source text: imports, static
 * imports and qualified names. A new package fails here until it is given a room.
 */
class RoomsTest {
  /** Lowest first; rooms of the same rank must not use each other either. */
  static final Map<String, Integer> RANKS =
      Map.of(
          "sim.cluster", 0, // what a cluster contains: stored, generated, recorded objects
          "sim.server", 1, // the simulated API server that serves a ClusterStore
          "prom", 2, // kubelet metrics of the cluster's pods and the real Prometheus
          "controlplane", 3, // the real control plane: binaries from Go modules, the launcher
          "backend", 4, // the flow's clusters: simulator, real control plane, k3s
          "flow", 5, // the agent, its credentials tool and the check runner; the flow tests
          "demo", 6,
          "bench", 6,
          "faults", 6);

  private static final String BASE = "io.kubemon.it.";
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.kubemon\\.it\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.(?:[A-Z]\\w*|\\*)");

  @Test
  void noRoomUsesAHigherOrPeerRoom() throws IOException {
    List<String> violations = new ArrayList<>();
    Set<String> roomsSeen = new TreeSet<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
      assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " is missing: run in the module");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = Files.readString(file);
          room(packageOf(source)).ifPresent(roomsSeen::add);
          violations.addAll(violations(file.toString(), source));
        }
      }
    }
    assertEquals(new TreeSet<>(RANKS.keySet()), roomsSeen, "rooms without a source file");
    assertEquals(List.of(), violations, "imports that look up or sideways");
  }

  @Test
  void aLowerRoomNamingAHigherOneIsReported() {
    String cluster =
        "package io.kubemon.it.sim.cluster;\n"
            + "import io.kubemon.it.sim.server.KubeSimulator;\n"
            + "/** See {@link io.kubemon.it.backend.FlowCluster}. */\n"
            + "class X {}\n";
    assertEquals(
        List.of(
            "X.java: sim.cluster uses sim.server (io.kubemon.it.sim.server.KubeSimulator)",
            "X.java: sim.cluster uses backend (io.kubemon.it.backend.FlowCluster)"),
        violations("X.java", cluster));
    assertEquals(
        List.of("Y.java: demo uses bench (io.kubemon.it.bench.*)"),
        violations("Y.java", "package io.kubemon.it.demo;\nimport io.kubemon.it.bench.*;\n"));
    assertEquals(
        List.of("Z.java: package io.kubemon.it.sim is in no room: give it one in RoomsTest.RANKS"),
        violations("Z.java", "package io.kubemon.it.sim;\nclass Z {}\n"));
    assertEquals(
        List.of(),
        violations(
            "W.java",
            "package io.kubemon.it.backend;\nimport io.kubemon.it.sim.server.KubeSimulator;\n"
                + "import io.kubemon.it.sim.cluster.Json;\nimport io.kubemon.agent.Main;\n"));
  }

  /** What a source file names against the rooms; files directly in io.kubemon.it are no room. */
  static List<String> violations(String file, String source) {
    String pkg = packageOf(source);
    if (!pkg.startsWith(BASE)) {
      return List.of();
    }
    Optional<String> room = room(pkg);
    if (room.isEmpty()) {
      return List.of(file + ": package " + pkg + " is in no room: give it one in RoomsTest.RANKS");
    }
    List<String> out = new ArrayList<>();
    String body = PACKAGE.matcher(source).replaceFirst("");
    Matcher m = REFERENCE.matcher(body);
    while (m.find()) {
      Optional<String> target = room(BASE + m.group(1));
      if (target.isPresent() && target.get().equals(room.get())) {
        continue;
      }
      if (target.isEmpty() || RANKS.get(target.get()) >= RANKS.get(room.get())) {
        String used = target.orElse("no room");
        out.add(file + ": " + room.get() + " uses " + used + " (" + m.group() + ")");
      }
    }
    return out;
  }

  private static String packageOf(String source) {
    Matcher m = PACKAGE.matcher(source);
    return m.find() ? m.group(1) : "";
  }

  /** The room a package belongs to: the longest room name that is it or contains it. */
  private static Optional<String> room(String pkg) {
    if (!pkg.startsWith(BASE)) {
      return Optional.empty();
    }
    String name = pkg.substring(BASE.length());
    return RANKS.keySet().stream()
        .filter(r -> name.equals(r) || name.startsWith(r + "."))
        .max((a, b) -> Integer.compare(a.length(), b.length()));
  }
}
