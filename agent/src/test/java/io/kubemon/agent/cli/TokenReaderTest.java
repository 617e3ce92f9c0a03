package io.kubemon.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubemon.agent.ConfigurationException;
import io.kubemon.agent.cli.AgentConfig.TokenOption;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenReaderTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @Test
  void aPrivateFileIsReadQuietlyAndStripped() throws Exception {
    Path file = write("token", "abc.def\n", "rw-------");
    assertEquals("abc.def", read(file).reveal());
    assertEquals("", stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFileOthersCanReadGetsOneWarning() throws Exception {
    Path file = write("token", "abc.def", "rw-r--r--");
    assertEquals("abc.def", read(file).reveal());
    assertEquals("agent_kubemon: warning: --token-file " + file
        + " is readable by group or others; run chmod 600 on it\n",
        stderr.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anEmptyFileIsNamed() throws Exception {
    Path file = write("token", " \n", "rw-------");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(file));
    assertEquals("--token-file " + file + " is empty", e.getMessage());
  }

  private Path write(String name, String text, String mode) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private io.kubemon.agent.secret.Secret read(Path file) throws ConfigurationException {
    return TokenReader.read(new TokenOption("file", null, null, file, null), Map.of(),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }
}
