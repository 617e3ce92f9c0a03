package io.kubemon.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.http.LocalApiServer;
import io.kubemon.agent.http.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper's class-data-sharing archive: built by the first collecting run in the site's
 * cache, used from then on, rebuilt for another jar, and never the reason a run fails. A
 * {@code java} in a fake JAVA_HOME logs its arguments and runs the real one.
 */
class WrapperArchiveIT {
  private static final String HEADER = "<<<kubemon_agent_status_v1:sep(0)>>>";
  private final TestPki pki = new TestPki("kubemon-cds-ca");
  private LocalApiServer api;
  @TempDir Path dir;
  private Path installed;
  private Path cache;
  private Path javaLog;
  private Path javaHome;

  @BeforeEach
  void install() throws Exception {
    api = LocalApiServer.start(pki.localServerKeyStore(), "cds-token")
        .on("/version", LocalApiServer.json(200, "{\"major\":\"1\",\"minor\":\"33\"}"));
    installed = Files.createDirectories(dir.resolve("site/local/lib/libexec"));
    Files.copy(AgentProcess.wrapper(), installed.resolve("agent_kubemon"));
    Files.copy(AgentProcess.jar(), installed.resolve("kubemon-agent.jar"));
    cache = dir.resolve("site/tmp/kubemon");
    javaLog = dir.resolve("java.log");
    javaHome = dir.resolve("jdk");
    fakeJava(javaHome, Path.of(System.getProperty("java.home")));
  }

  /** A {@code java} in {@code home} that logs its arguments and runs the one in {@code real}. */
  private void fakeJava(Path home, Path real) throws IOException {
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + javaLog + "'\nexec '"
        + real.resolve("bin/java") + "' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void theFirstCollectingRunBuildsTheArchiveAndLaterRunsUseIt() throws Exception {
    assertCollects(run());
    List<Path> archives = archives();
    assertEquals(1, archives.size(), "one archive, no partial file, in " + cache);
    assertTrue(archives.get(0).getFileName().toString().matches("agent-\\d+\\.jsa"));
    assertCollects(run());
    assertTrue(lastJavaRun().contains("-XX:SharedArchiveFile=" + archives.get(0)),
        lastJavaRun());
    // -Xshare:on fails instead of falling back: the archive fits this jar and this JVM.
    AgentProcess.Result shared = AgentProcess.run(List.of(javaHome.resolve("bin/java").toString(),
        "-Xshare:on", "-XX:SharedArchiveFile=" + archives.get(0), "-jar",
        installed.resolve("kubemon-agent.jar").toString(), "--help"), Map.of());
    assertEquals(0, shared.exitCode(), shared.stderr() + shared.stdout());
  }

  @Test
  void theVersionIsReadFromTheReleaseFileWithoutStartingTheJvm() throws Exception {
    Path release = Path.of(System.getProperty("java.home"), "release");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(release),
        "this JVM has no release file: " + release);
    Files.copy(release, javaHome.resolve("release"));
    assertCollects(run());
    assertCollects(run());
    List<String> starts = Files.readAllLines(javaLog);
    assertEquals(2, starts.size(), "two runs, no java -version: " + starts);
    assertTrue(starts.stream().noneMatch(l -> l.contains("-version")), starts.toString());
    assertTrue(lastJavaRun().contains("-XX:SharedArchiveFile=" + archives().get(0)),
        lastJavaRun());
  }

  @Test
  void aReleaseFileBelowJava17IsRejected() throws Exception {
    Files.writeString(javaHome.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
    AgentProcess.Result r = run();
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().startsWith("agent_kubemon: needs Java 17 or newer"), r.stderr());
  }

  @Test
  void onJava24AndNewerTheAheadOfTimeCacheIsBuiltAndUsed() throws Exception {
    Path jdk = newJdk();
    org.junit.jupiter.api.Assumptions.assumeTrue(jdk != null,
        "no JDK 24 or newer under /usr/lib/jvm or /opt: the AOT cache is not tried");
    Path home = dir.resolve("jdk-new");
    fakeJava(home, jdk);
    Files.copy(jdk.resolve("release"), home.resolve("release"));
    javaHome = home;
    AgentProcess.Result first = run();
    assertCollects(first);
    assertEquals("", first.stderr());
    List<Path> archives = archives();
    assertEquals(1, archives.size(), "one cache, no partial file, in " + cache);
    assertTrue(archives.get(0).getFileName().toString().matches("agent-\\d+\\.aot"),
        archives.toString());
    AgentProcess.Result second = run();
    assertCollects(second);
    assertEquals(first.stdout().lines().filter(l -> l.startsWith("<<<")).toList(),
        second.stdout().lines().filter(l -> l.startsWith("<<<")).toList());
    assertTrue(lastJavaRun().contains("-XX:AOTCache=" + archives.get(0)), lastJavaRun());
    // A broken cache is ignored, silently.
    archives.get(0).toFile().setWritable(true);
    Files.writeString(archives.get(0), "not a cache");
    AgentProcess.Result broken = run();
    assertCollects(broken);
    assertEquals("", broken.stderr());
  }

  /** A JDK 24 or newer on this machine (the AOT cache, JEP 483), or null. */
  private static Path newJdk() throws IOException {
    for (Path root : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt"))) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> homes = Files.list(root)) {
        for (Path home : homes.sorted().toList()) {
          Path release = home.resolve("release");
          if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
            if (m.find() && Integer.parseInt(m.group(1)) >= 24) {
              return home;
            }
          }
        }
      }
    }
    return null;
  }

  @Test
  void anotherJarGetsItsOwnArchiveAndTheOldOneGoes() throws Exception {
    assertCollects(run());
    Path first = archives().get(0);
    Path jar = installed.resolve("kubemon-agent.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar)
        .toMillis() - 86_400_000L));
    assertCollects(run());
    List<Path> now = archives();
    assertEquals(1, now.size(), now.toString());
    assertNotEquals(first, now.get(0));
  }

  @Test
  void aBrokenArchiveIsIgnored() throws Exception {
    assertCollects(run());
    Path archive = archives().get(0);
    archive.toFile().setWritable(true);
    Files.writeString(archive, "not an archive");
    AgentProcess.Result r = run();
    assertCollects(r);
    assertEquals("", r.stderr());
  }

  @Test
  void withoutAWritableCacheTheAgentRunsWithoutArchive() throws Exception {
    Files.createDirectories(cache.getParent());
    Files.writeString(cache, "a file where the cache directory would be");
    assertCollects(run());
    assertFalse(lastJavaRun().contains("SharedArchiveFile"), lastJavaRun());
    assertFalse(lastJavaRun().contains("ArchiveClassesAtExit"), lastJavaRun());
  }

  @Test
  void helpLeavesNoArchive() throws Exception {
    AgentProcess.Result r = wrapper(List.of("--help"));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of(), archives());
  }

  @Test
  void aRejectedCommandLineLeavesNoArchive() throws Exception {
    AgentProcess.Result r = wrapper(List.of("--cluster-name", "cds", "--api-server-url",
        "http://" + api.url().getAuthority(), "--token-file", tokenFile().toString()));
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(List.of(), archives());
    assertTrue(lastJavaRun().contains("ArchiveClassesAtExit"), lastJavaRun());
  }

  private AgentProcess.Result run() throws Exception {
    return wrapper(List.of("--cluster-name", "cds", "--api-server-url", api.url().toString(),
        "--token-file", tokenFile().toString(), "--no-cert-check", "--proxy", "NO_PROXY"));
  }

  private AgentProcess.Result wrapper(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh",
        installed.resolve("agent_kubemon").toString()));
    command.addAll(args);
    // A site: OMD_ROOT names it, and the cache is the site's tmp.
    return AgentProcess.run(command, Map.of("OMD_ROOT", dir.resolve("site").toString(),
        "JAVA_HOME", javaHome.toString()));
  }

  private Path tokenFile() throws IOException {
    Path token = dir.resolve("token");
    if (!Files.exists(token)) {
      Files.writeString(token, "cds-token");
      Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    }
    return token;
  }

  private static void assertCollects(AgentProcess.Result r) {
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains(HEADER), r.stdout());
  }

  private List<Path> archives() throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.sorted().toList();
    }
  }

  private String lastJavaRun() throws IOException {
    List<String> lines = Files.readAllLines(javaLog);
    return lines.get(lines.size() - 1);
  }
}
