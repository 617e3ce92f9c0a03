package io.kubemon.it.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The control plane's programs, built from Go modules by {@code integration-tests/controlplane/
 * build.sh} into a cache outside the repository (a cold build takes minutes, a warm one none).
 */
public final class Binaries {
  /** build.sh's exit status when no usable Go toolchain is installed. */
  private static final int NO_GO = 3;

  private final Path bin;

  private Binaries(Path bin) {
    this.bin = bin;
  }

  /**
   * Builds (or finds) the binaries. Throws {@link Unavailable} when Go is missing — a reason to
   * skip on a user's machine — and {@link ControlPlaneException} when a build fails. {@code
   * KUBEMON_CONTROLPLANE_BIN} names a folder of binaries built before, used as it is.
   */
  public static Binaries build(Path repositoryRoot) throws IOException {
    String prebuilt = System.getenv("KUBEMON_CONTROLPLANE_BIN");
    if (prebuilt != null && !prebuilt.isBlank()) {
      return new Binaries(Path.of(prebuilt));
    }
    Path script = repositoryRoot.resolve("integration-tests/controlplane/build.sh");
    Path log = Files.createTempFile("kubemon-controlplane-build", ".log");
    try {
      Process process =
          new ProcessBuilder("bash", script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectOutput(log.toFile())
              .start();
      int status = process.waitFor();
      String out = Files.readString(log, StandardCharsets.UTF_8).strip();
      if (status == NO_GO) {
        throw new Unavailable(
            "Go 1.26+ is not installed, so the real control plane cannot be built");
      }
      if (status != 0 || out.isEmpty()) {
        throw new ControlPlaneException(
            "building the control plane failed (exit " + status + "); build.sh said why above");
      }
      return new Binaries(Path.of(out.lines().reduce((a, b) -> b).orElseThrow()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the control plane", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Binaries already in {@code bin} (tests put stand-in programs there). */
  static Binaries at(Path bin) {
    return new Binaries(bin);
  }

  public Path path(String program) {
    Path file = bin.resolve(program);
    if (!Files.isExecutable(file)) {
      throw new ControlPlaneException("no " + program + " in " + bin + ": rebuild with build.sh");
    }
    return file;
  }

  List<String> command(String program, String... arguments) {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(path(program).toString()),
            java.util.Arrays.stream(arguments))
        .toList();
  }

  /** Go is missing: the real control plane cannot be had on this machine. */
  public static final class Unavailable extends IOException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }
}
