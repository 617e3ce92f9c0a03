package io.kubemon.agent.tools;

import java.util.List;
import java.util.Optional;

/** The agent jar's sub-commands, dispatched by their name as the first argument. */
public final class Tools {
  private Tools() {}

  private static final List<Tool> ALL = List.of(new CertsTool(), new CredentialsTool());

  public static List<Tool> all() {
    return ALL;
  }

  public static Optional<Tool> find(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
