package io.kubemon.it.flow;

import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The token and CA as an admin gets them: {@code agent_kubemon credentials --kubeconfig FILE},
 * whose printout is read back the way a person copies it (the line after "Token", the PEM block).
 *
 * @param caPem null when the Secret has no {@code ca.crt}
 */
public record Credentials(String token, String caPem) {

  /**
   * Runs the tool for {@code check-mk/SECRET} in {@code work}, then deletes its captured output,
   * which holds the token.
   *
   * @throws IOException with the tool's one-line error when it fails or prints something else
   */
  public static Credentials fetch(Repository repository, Path kubeconfig, String secret, Path work)
      throws IOException {
    Path dir = Files.createDirectories(work.resolve("credentials-" + secret));
    AgentProcess.Result result =
        new AgentProcess(repository)
            .run(List.of("credentials", "--kubeconfig", kubeconfig.toString(), "--secret", secret),
                dir);
    Files.deleteIfExists(dir.resolve("agent.out"));
    if (result.exitCode() != 0) {
      throw new IOException("agent_kubemon credentials exited with " + result.exitCode() + ": "
          + result.stderr().strip());
    }
    return parse(result.stdout());
  }

  /** The line after "Token (…):" and every PEM block (a CA bundle may hold several). */
  static Credentials parse(String printout) throws IOException {
    List<String> lines = printout.lines().toList();
    int tokenAt = -1;
    for (int i = 0; i < lines.size() - 1 && tokenAt < 0; i++) {
      tokenAt = lines.get(i).startsWith("Token (") ? i + 1 : -1;
    }
    if (tokenAt < 0 || lines.get(tokenAt).isBlank()) {
      throw new IOException("agent_kubemon credentials printed no line after \"Token (\"");
    }
    int begin = lines.indexOf("-----BEGIN CERTIFICATE-----");
    int end = lines.lastIndexOf("-----END CERTIFICATE-----");
    String ca = begin < 0 || end < begin
        ? null : String.join("\n", lines.subList(begin, end + 1)) + "\n";
    return new Credentials(lines.get(tokenAt).strip(), ca);
  }

  @Override
  public String toString() {
    return "Credentials[token=****, ca=" + (caPem == null ? "none" : "PEM") + "]";
  }
}
