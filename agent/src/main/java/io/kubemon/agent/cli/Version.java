package io.kubemon.agent.cli;

/** The agent's version from the jar manifest ({@code Implementation-Version}). */
public final class Version {
  private Version() {}

  /** "dev" when running from classes, not from the built jar. */
  public static final String AGENT = find();

  private static String find() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
