package io.kubemon.agent.cli;

import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.cli.AgentConfig.TokenOption;
import io.kubemon.agent.secret.PasswordStore;
import io.kubemon.agent.secret.Secret;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/** Resolves the validated token option to the token itself. */
final class TokenReader {
  private TokenReader() {}

  /** A service-account JWT is about 1 KiB; anything far larger is the wrong file. */
  private static final long MAX_TOKEN_BYTES = 64 * 1024;

  static Secret read(TokenOption option, Map<String, String> env, PrintStream stderr)
      throws ConfigurationException {
    switch (option.source()) {
      case "password_store":
        return PasswordStore.lookup(option.id() + ":" + option.store(), env);
      case "file":
        return fromFile(option.file(), stderr);
      default:
        return option.plain();
    }
  }

  private static Secret fromFile(Path file, PrintStream stderr) throws ConfigurationException {
    String text;
    try {
      if (Files.size(file) > MAX_TOKEN_BYTES) {
        throw new ConfigurationException(
            "--token-file " + file + " is larger than 64 KiB; it holds no single token");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigurationException(
          "--token-file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    if (text.isBlank()) {
      throw new ConfigurationException("--token-file " + file + " is empty");
    }
    warnIfShared(file, stderr);
    return Secret.of(text);
  }

  private static void warnIfShared(Path file, PrintStream stderr) {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (mode.contains(PosixFilePermission.GROUP_READ)
          || mode.contains(PosixFilePermission.OTHERS_READ)) {
        stderr.println("agent_kubemon: warning: --token-file " + file
            + " is readable by group or others; run chmod 600 on it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // No POSIX permissions to check (e.g. a Windows file system).
    }
  }
}
