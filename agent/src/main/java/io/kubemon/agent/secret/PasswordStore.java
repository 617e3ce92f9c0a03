package io.kubemon.agent.secret;

import io.kubemon.agent.ConfigurationException;
import java.util.Map;

/**
 * Checkmk's password store: resolves the {@code <id>:<file>} reference that the server-side call
 * passes for a {@code Secret}. Format: docs in shared research, checkmk-plugin-apis-and-mkp.md §5.
 */
public final class PasswordStore {
  private PasswordStore() {}

  /**
   * @param reference {@code <password_id>:<path of the store file>}
   * @param env the process environment ({@code PASSWORD_STORE_SECRET_FILE}, {@code OMD_ROOT})
   * @throws ConfigurationException with one line naming what is wrong (never the secret)
   */
  public static Secret lookup(String reference, Map<String, String> env)
      throws ConfigurationException {
    throw new ConfigurationException("--token-id: password store support is being written");
  }
}
