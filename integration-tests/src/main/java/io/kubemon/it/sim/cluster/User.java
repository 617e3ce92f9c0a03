package io.kubemon.it.sim.cluster;

import java.util.List;

/** Who a bearer token authenticates as. */
public record User(String name, List<String> groups) {
  public static final User ADMIN =
      new User("system:admin", List.of("system:masters", "system:authenticated"));

  static User serviceAccount(String namespace, String name) {
    return new User(
        "system:serviceaccount:" + namespace + ":" + name,
        List.of(
            "system:serviceaccounts",
            "system:serviceaccounts:" + namespace,
            "system:authenticated"));
  }

  public boolean isAdmin() {
    return groups.contains("system:masters");
  }
}
