package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.flow.AgentOutput;
import io.kubemon.it.flow.AgentProcess;
import io.kubemon.it.flow.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One agent process run with what every fault cell must show: exit 0, done within --deadline plus
 * one second, output framed per docs/sections.md with no partial line, and no token anywhere.
 */
final class AgentRun {
  static final String STATUS = "kubemon_agent_status_v1";

  final AgentProcess.Result result;
  final Duration wall;
  final AgentOutput output;

  private AgentRun(AgentProcess.Result result, Duration wall, AgentOutput output) {
    this.result = result;
    this.wall = wall;
    this.output = output;
  }

  static AgentRun run(Repository repository, List<String> arguments, Path dir) throws IOException {
    long start = System.nanoTime();
    AgentProcess.Result result = new AgentProcess(repository).run(arguments, dir);
    return check(result, Duration.ofNanos(System.nanoTime() - start));
  }

  /** A finished run of any launcher, checked as {@link #run} checks it. */
  static AgentRun check(AgentProcess.Result result, Duration wall) {
    assertEquals(0, result.exitCode(), "exit code; stderr:\n" + result.stderr());
    String out = result.stdout();
    assertTrue(out.endsWith("\n"), "the output ends in a partial line: " + tail(out));
    int open = out.lastIndexOf("\n<<<<");
    assertTrue(
        out.startsWith("<<<<") && out.substring(open + 1).startsWith("<<<<>>>>\n"),
        "the last host block is not closed: " + tail(out));
    return new AgentRun(result, wall, AgentOutput.parse(out));
  }

  /** The process, JVM start included, ended within the deadline plus one second. */
  AgentRun finishedWithin(Duration deadline) {
    Duration limit = deadline.plusSeconds(1);
    assertTrue(
        wall.compareTo(limit) <= 0,
        "the agent ran "
            + wall.toMillis()
            + " ms, more than --deadline + 1 s = "
            + limit.toMillis());
    return this;
  }

  AgentRun tokenAbsent(String token) {
    assertFalse(result.stdout().contains(token), "the token is in stdout");
    assertFalse(result.stderr().contains(token), "the token is in stderr");
    assertFalse(String.join(" ", result.command()).contains(token), "the token is in argv");
    return this;
  }

  JsonObject source(String id) {
    JsonObject status = output.section("", STATUS);
    assertNotNull(status, "no " + STATUS + " section");
    Optional<JsonObject> entry =
        status.getAsJsonArray("sources").asList().stream()
            .map(JsonElement::getAsJsonObject)
            .filter(s -> s.get("source").getAsString().equals(id))
            .findFirst();
    assertTrue(entry.isPresent(), "no source " + id + " in " + status);
    return entry.get();
  }

  List<JsonObject> sources() {
    return output.section("", STATUS).getAsJsonArray("sources").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .toList();
  }

  /** One line per cell for the build log: what the agent reported and how long it ran. */
  AgentRun print(String cell, String... sources) {
    StringBuilder line = new StringBuilder("fault matrix: " + cell + " ->");
    for (String id : sources) {
      JsonObject s = source(id);
      JsonElement anchor = s.get("anchor");
      line.append(' ')
          .append(id)
          .append(' ')
          .append(s.get("state").getAsString())
          .append(
              anchor.isJsonNull() ? " HTTP " + s.get("http_status") : " #" + anchor.getAsString());
    }
    System.out.println(line.append(", ").append(wall.toMillis()).append(" ms"));
    return this;
  }

  private static String tail(String text) {
    return text.length() > 200 ? "..." + text.substring(text.length() - 200) : text;
  }
}
