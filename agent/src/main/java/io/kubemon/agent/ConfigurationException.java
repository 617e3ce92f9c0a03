package io.kubemon.agent;

/**
 * Bad user input: a command-line option, a file, a password-store reference. The message is one
 * line naming the option or path and what to fix; the agent prints it and exits non-zero.
 */
public class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
