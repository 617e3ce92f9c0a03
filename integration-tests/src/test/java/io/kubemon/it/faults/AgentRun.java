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
 * one second on the agent's own clock (kubemon_agent_status_v1 elapsed_s; the JVM start and a loaded
 * machine's scheduling are the benchmark's business, not a test's), output framed per
 * docs/sections.md with no partial line, and no token anywhere.
 */
final class AgentRun {
  static final String STATUS = "kubemon_agent_status_v1";

  final AgentProcess.Result result;
  final AgentOutput output;

  private AgentRun(AgentProcess.Result result, AgentOutput output) {
    this.result = result;
    this.output = output;
  }

  static AgentRun run(Repository repository, List<String> arguments, Path dir) throws IOException {
    return check(new AgentProcess(repository).run(arguments, dir));
  }

  /** A finished run of any launcher, checked as {@link #run} checks it. */
  static AgentRun check(AgentProcess.Result result) {
    assertEquals(0, result.exitCode(), "exit code; stderr:\n" + result.stderr());
    String out = result.stdout();
    assertTrue(out.endsWith("\n"), "the output ends in a partial line: " + tail(out));
    int open = out.lastIndexOf("\n<<<<");
    assertTrue(
        out.startsWith("<<<<") && out.substring(open + 1).startsWith("<<<<>>>>\n"),
        "the last host block is not closed: " + tail(out));
    return new AgentRun(result, AgentOutput.parse(out));
  }

  /**
   * The run ended within the deadline plus one second on the agent's own clock: its status section
   * says how long it ran (elapsed_s, from the start of collection to the last section) and which
   * deadline it kept (deadline_s). A run that went past its deadline must also say the deadline cut
   * it short (deadline_hit), or it finished its work late without noticing.
   */
  AgentRun finishedWithin(Duration deadline) {
    JsonObject status = status();
    double elapsed = status.get("elapsed_s").getAsDouble();
    double kept = status.get("deadline_s").getAsDouble();
    assertEquals(deadline.toMillis() / 1000.0, kept, 1e-9, "deadline_s is --deadline: " + status);
    assertTrue(
        elapsed <= kept + 1.0,
        "the agent's own clock says it ran " + elapsed + " s, more than --deadline + 1 s");
    boolean hit = status.get("deadline_hit").getAsBoolean();
    if (elapsed > kept) {
      assertTrue(hit, "ran past the deadline without deadline_hit: " + status);
    }
    boolean cut =
        sources().stream()
            .anyMatch(s -> s.get("anchor").isJsonPrimitive()
                && Troubleshooting.DEADLINE.equals(s.get("anchor").getAsString()));
    if (cut) {
      assertTrue(hit, "a source names the deadline, deadline_hit is false: " + status);
    }
    return this;
  }

  private JsonObject status() {
    JsonObject status = output.section("", STATUS);
    assertNotNull(status, "no " + STATUS + " section");
    return status;
  }

  AgentRun tokenAbsent(String token) {
    assertFalse(result.stdout().contains(token), "the token is in stdout");
    assertFalse(result.stderr().contains(token), "the token is in stderr");
    assertFalse(String.join(" ", result.command()).contains(token), "the token is in argv");
    return this;
  }

  JsonObject source(String id) {
    JsonObject status = status();
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

  /** One line per cell for the build log: what the agent reported and how long it says it ran. */
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
    System.out.println(
        line.append(", ").append(status().get("elapsed_s").getAsDouble()).append(" s (agent clock)"));
    return this;
  }

  private static String tail(String text) {
    return text.length() > 200 ? "..." + text.substring(text.length() - 200) : text;
  }
}
