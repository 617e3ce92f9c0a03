package io.kubemon.it.sim.server;

import java.nio.file.Path;

/** Where the repository's own files are, from the {@code kubemon.root} the build passes. */
public final class TestPaths {
  private TestPaths() {}

  public static Path root() {
    return Path.of(System.getProperty("kubemon.root", "..")).toAbsolutePath().normalize();
  }

  public static Path manifest(String name) {
    return root().resolve("manifests").resolve(name);
  }
}
