package io.kubemon.it.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the launcher fails, with stand-in programs instead of the real binaries: the failure names
 * the component and carries its last log lines, and nothing it started keeps running.
 */
class ControlPlaneFaultsTest {
  @TempDir Path dir;

  /** etcd stand-in: answers /health on the client port it is given, like etcd. */
  private static final String HEALTHY_ETCD =
      """
      #!/bin/sh
      for a in "$@"; do case "$a" in --listen-client-urls=*) url=${a#*=};; esac; done
      port=${url##*:}
      exec python3 -c '
      import http.server, sys
      class H(http.server.BaseHTTPRequestHandler):
          def do_GET(self):
              self.send_response(200); self.end_headers(); self.wfile.write(b"{\\"health\\":\\"true\\"}")
          def log_message(self, *a): pass
      http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
      ' "$port"
      """;

  @Test
  void aComponentThatCannotBindIsNamedWithItsLastLogLines() throws IOException {
    Path bin = bin(
        "etcd",
        """
        #!/bin/sh
        echo "starting etcd"
        echo "listen tcp 127.0.0.1:2379: bind: address already in use" >&2
        exit 1
        """);
    ControlPlaneException e =
        assertThrows(
            ControlPlaneException.class,
            () -> ControlPlane.start(Binaries.at(bin), dir.resolve("work")));
    assertTrue(e.getMessage().startsWith("etcd exited with status 1"), e.getMessage());
    assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
    assertNoChildren(bin);
  }

  @Test
  void aLaterCrashStopsWhatWasStartedBefore() throws IOException {
    Path bin = bin("etcd", HEALTHY_ETCD);
    write(bin, "kube-apiserver",
        """
        #!/bin/sh
        for i in $(seq 1 30); do echo "line $i"; done
        echo "E1203 error: unable to load server certificate" >&2
        exit 255
        """);
    ControlPlaneException e =
        assertThrows(
            ControlPlaneException.class,
            () -> ControlPlane.start(Binaries.at(bin), dir.resolve("work")));
    assertTrue(e.getMessage().startsWith("kube-apiserver exited with status 255"), e.getMessage());
    List<String> lines = e.getMessage().lines().toList();
    assertEquals(1 + Component.LOG_LINES, lines.size(), e.getMessage());
    assertTrue(lines.get(lines.size() - 1).contains("unable to load server certificate"));
    assertNoChildren(bin);
  }

  @Test
  void aMissingProgramSaysWhichAndWhere() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("empty"));
    ControlPlaneException e =
        assertThrows(
            ControlPlaneException.class,
            () -> ControlPlane.start(Binaries.at(bin), dir.resolve("work")));
    assertEquals("no etcd in " + bin + ": rebuild with build.sh", e.getMessage());
  }

  private static void assertNoChildren(Path bin) {
    List<String> left =
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().commandLine().orElse(""))
            .filter(c -> c.contains(bin.toString()) || c.contains("http.server"))
            .toList();
    assertEquals(List.of(), left, "processes the launcher left running");
  }

  private Path bin(String program, String script) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    write(bin, program, script);
    return bin;
  }

  private static void write(Path bin, String program, String script) throws IOException {
    Path file = bin.resolve(program);
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }
}
