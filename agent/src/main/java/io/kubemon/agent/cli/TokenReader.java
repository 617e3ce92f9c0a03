package io.kubemon.agent.cli;

import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.cli.AgentConfig.TokenOption;
import io.kubemon.agent.secret.PasswordStore;
import io.kubemon.agent.secret.RegularFile;
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
    String text = new String(
        RegularFile.read("--token-file", file, MAX_TOKEN_BYTES), StandardCharsets.UTF_8);
    // The token is the first line: an editor's final newline, a CR of a Windows editor or notes
    // after it must not become part of the bearer value.
    String[] lines = text.split("\n", -1);
    String first = lines[0].replaceAll("\r+$", "");
    if (first.isBlank()) {
      throw new ConfigurationException("--token-file " + file
          + (text.isBlank() ? " is empty" : ": its first line is empty; the token goes there"));
    }
    long more = java.util.Arrays.stream(lines).skip(1).filter(l -> !l.isBlank()).count();
    if (more > 0) {
      // Never the content: a second line may be another secret.
      stderr.println("agent_kubemon: warning: --token-file " + file + " has " + more
          + (more == 1 ? " more line" : " more lines")
          + " after the token; only the first line is used as the token");
    }
    warnIfShared(file, stderr);
    return Secret.of(first);
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
