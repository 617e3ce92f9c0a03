package io.kubemon.it.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The special agent run as Checkmk runs it: {@code agent/libexec/agent_kubemon} (or the shaded jar
 * where the script is missing) as a child process, with the token in a file, never in argv.
 */
public final class AgentProcess {
  /** What one run left behind. */
  public record Result(int exitCode, String stdout, String stderr, List<String> command) {}

  private final Repository repository;

  public AgentProcess(Repository repository) {
    this.repository = repository;
  }

  /** Whether an agent exists to run, and if not, one line saying what to build. */
  public String missing() {
    if (Files.isExecutable(repository.agentScript())
        || Files.isRegularFile(repository.agentJar())) {
      return null;
    }
    return "no agent: neither "
        + repository.agentScript()
        + " nor "
        + repository.agentJar()
        + " exists; build it with mvn -B -ntp -pl agent -am package -DskipTests";
  }

  public Result run(List<String> arguments, Path workDirectory) throws IOException {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(repository.agentScript())) {
      command.add(repository.agentScript().toString());
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(repository.agentJar().toString());
    }
    command.addAll(arguments);
    Path out = workDirectory.resolve("agent.out");
    Path err = workDirectory.resolve("agent.err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    String cache = System.getProperty("kubemon.cds.cache");
    if (cache != null) {
      // agent_kubemon keeps its class-data archive in $XDG_CACHE_HOME/kubemon off a site.
      builder.environment().put("XDG_CACHE_HOME", cache);
    }
    Process process = builder.start();
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new IOException("the agent did not finish within 120 s: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while the agent ran", e);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        List.copyOf(command));
  }

  /** The arguments the server-side call produces for a rule with a token and a CA. */
  public static List<String> siteArguments(
      String cluster, String apiServer, Path tokenFile, Path caFile, String usageSources) {
    return List.of(
        "--cluster-name",
        cluster,
        "--api-server-url",
        apiServer,
        "--token-file",
        tokenFile.toString(),
        "--ca-file",
        caFile.toString(),
        "--usage-sources",
        usageSources);
  }

  /** Writes the token to an owner-only file, the form {@code --token-file} reads. */
  public static Path writeToken(Path file, String token) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, token);
    return file;
  }
}
