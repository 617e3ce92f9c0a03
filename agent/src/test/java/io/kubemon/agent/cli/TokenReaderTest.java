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

  @Test
  void onlyTheFirstLineIsTheTokenAndMoreLinesGetAWarningWithoutContent() throws Exception {
    Path file = write("token", "abc.def\r\n\nsecond-secret\n  \nthird\n", "rw-------");
    assertEquals("abc.def", read(file).reveal());
    String warning = stderr.toString(StandardCharsets.UTF_8);
    assertEquals("agent_kubemon: warning: --token-file " + file
        + " has 2 more lines after the token; only the first line is used as the token\n",
        warning);
  }

  @Test
  void aFirstLineWithoutTokenIsRefused() throws Exception {
    Path file = write("token", "\nabc.def\n", "rw-------");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(file));
    assertEquals("--token-file " + file + ": its first line is empty; the token goes there",
        e.getMessage());
  }

  @Test
  void aDirectoryIsRefusedWithOneLine() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(dir));
    assertEquals("--token-file " + dir + " is a directory, not a regular file; give the path of"
        + " the file itself", e.getMessage());
  }

  @Test
  void aLargeFileIsRefused() throws Exception {
    Path file = write("token", "x".repeat(64 * 1024 + 1), "rw-------");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(file));
    assertEquals("--token-file " + file + " is larger than 64 KiB; it is not the right file",
        e.getMessage());
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
