package io.kubemon.it.flow;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code checks/tools/run_checks.py}: agent output in, the services a site would show out. */
public final class CheckRunner {
  /** One service; {@code state} 0 OK, 1 WARN, 2 CRIT, 3 UNKNOWN. */
  public record Service(String host, String service, int state, String summary) {
    public String stateName() {
      return switch (state) {
        case 0 -> "OK";
        case 1 -> "WARN";
        case 2 -> "CRIT";
        default -> "UNKNOWN";
      };
    }
  }

  private final Repository repository;
  private final String python;

  public CheckRunner(Repository repository) {
    this.repository = repository;
    this.python = System.getProperty("kubemon.python", "/usr/bin/python3");
  }

  public String missing() {
    return Files.isRegularFile(repository.checkRunner())
        ? null
        : "no check runner: " + repository.checkRunner() + " does not exist yet";
  }

  public List<Service> run(Path agentOutput, String clusterHost) throws IOException {
    Path err = agentOutput.resolveSibling("run_checks.err");
    Process process =
        new ProcessBuilder(
                python,
                repository.checkRunner().toString(),
                "--json",
                "--cluster-host",
                clusterHost,
                agentOutput.toString())
            .redirectError(err.toFile())
            .start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("run_checks.py failed: " + Files.readString(err).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while run_checks.py ran", e);
    }
    try {
      List<Service> services = new ArrayList<>();
      for (JsonElement e : JsonParser.parseString(stdout).getAsJsonArray()) {
        JsonObject s = e.getAsJsonObject();
        services.add(
            new Service(
                s.get("host").getAsString(),
                s.get("service").getAsString(),
                state(s.get("state")),
                s.get("summary").getAsString()));
      }
      return services;
    } catch (RuntimeException e) {
      throw new IOException(
          "run_checks.py --json must print a list of {host, service, state, summary}: " + e);
    }
  }

  private static int state(JsonElement state) {
    if (state.getAsJsonPrimitive().isNumber()) {
      return state.getAsInt();
    }
    return switch (state.getAsString()) {
      case "OK" -> 0;
      case "WARN" -> 1;
      case "CRIT" -> 2;
      default -> 3;
    };
  }
}
