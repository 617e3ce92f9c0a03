package io.kubemon.agent.secret;

/**
 * A bearer token or password. It prints as {@code ****} everywhere ({@link #toString()}); only
 * {@link #reveal()} gives the value, and only the HTTP layer calls it, to set the Authorization
 * header and to mask the token in what a server sends back, and the output writer, to mask it in
 * everything written.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value.strip());
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
