package io.kubemon.agent.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Optional;

/** Reads one source's entry from the status section of an agent run. */
final class AgentOutput {
  private AgentOutput() {}

  static final String STATUS = "<<<kubemon_agent_status_v1:sep(0)>>>";

  static JsonObject source(AgentProcess.Result r, String id) {
    List<String> lines = r.stdout().lines().toList();
    int header = lines.indexOf(STATUS);
    assertTrue(header >= 0 && header + 1 < lines.size(),
        "no " + STATUS + " in\n" + r.stdout() + "\nstderr:\n" + r.stderr());
    JsonArray sources =
        JsonParser.parseString(lines.get(header + 1)).getAsJsonObject().getAsJsonArray("sources");
    Optional<JsonObject> entry = sources.asList().stream().map(JsonElement::getAsJsonObject)
        .filter(s -> s.get("source").getAsString().equals(id)).findFirst();
    assertTrue(entry.isPresent(), "no source " + id + " in " + sources);
    return entry.get();
  }
}
