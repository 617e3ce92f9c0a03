package io.kubemon.it.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics/resource as kubernetes' resource collector writes it, agreeing with cAdvisor's text. */
class ResourceTextTest {
  private static final Pattern SAMPLE =
      Pattern.compile("^(\\w+)(?:\\{([^}]*)})? (\\S+)(?: (\\d+))?$", Pattern.MULTILINE);
  private static final long MILLIS = 1_782_468_875_486L;
  private static final String STARTED = "2026-06-26T10:13:00Z";
  private static final List<JsonObject> PODS =
      List.of(pod("web-1", "app", "sidecar"), pod("web-2", "app"));

  private static JsonObject pod(String name, String... containers) {
    StringBuilder specs = new StringBuilder();
    StringBuilder statuses = new StringBuilder();
    for (String c : containers) {
      specs.append(specs.length() == 0 ? "" : ",").append("{\"name\":\"").append(c).append("\"}");
      statuses.append(statuses.length() == 0 ? "" : ",").append("{\"name\":\"").append(c)
          .append("\",\"state\":{\"running\":{\"startedAt\":\"").append(STARTED).append("\"}}}");
    }
    return JsonParser.parseString(
            "{\"metadata\":{\"namespace\":\"default\",\"name\":\"" + name + "\",\"uid\":\"u-"
                + name + "\"},\"spec\":{\"containers\":[" + specs + "]},\"status\":{"
                + "\"containerStatuses\":[" + statuses + "]}}")
        .getAsJsonObject();
  }

  private record Sample(String name, String labels, double value, String stamp) {}

  private static List<Sample> samples(String text) {
    List<Sample> out = new ArrayList<>();
    Matcher m = SAMPLE.matcher(text);
    while (m.find()) {
      out.add(new Sample(m.group(1), m.group(2) == null ? "" : m.group(2),
          Double.parseDouble(m.group(3)), m.group(4)));
    }
    return out;
  }

  private static Map<String, Double> values(List<Sample> samples, String name) {
    Map<String, Double> out = new LinkedHashMap<>();
    samples.stream().filter(s -> s.name().equals(name)).forEach(s -> out.put(s.labels(), s.value()));
    return out;
  }

  @Test
  void containerSeriesCarryExactlyContainerNamespacePod() {
    List<Sample> samples = samples(ResourceText.of(PODS, 600, MILLIS));
    for (String name : List.of("container_cpu_usage_seconds_total",
        "container_memory_working_set_bytes", "container_start_time_seconds")) {
      Map<String, Double> series = values(samples, name);
      assertEquals(3, series.size(), name);
      for (String labels : series.keySet()) {
        assertTrue(labels.matches("container=\"[^\"]+\",namespace=\"default\",pod=\"web-\\d\""),
            name + "{" + labels + "}");
      }
    }
    assertEquals(List.of("namespace=\"default\",pod=\"web-1\"", "namespace=\"default\",pod=\"web-2\""),
        List.copyOf(values(samples, "pod_memory_working_set_bytes").keySet()));
    assertEquals(Map.of("", 0.0), values(samples, "resource_scrape_error"));
  }

  @Test
  void cpuAndMemoryAreStampedAndStartTimeIsTheRunningStatesStart() {
    for (Sample s : samples(ResourceText.of(PODS, 600, MILLIS))) {
      boolean stamped = s.name().matches("(container|pod|node)_(cpu_usage_seconds_total|memory_working_set_bytes)");
      assertEquals(stamped ? Long.toString(MILLIS) : null, s.stamp(), s.toString());
      if (s.name().equals("container_start_time_seconds")) {
        assertEquals(Instant.parse(STARTED).getEpochSecond(), s.value(), s.toString());
      }
    }
  }

  @Test
  void familiesAreInNameOrderAsTheKubeletWritesThem() {
    List<String> families = new ArrayList<>();
    for (String line : ResourceText.of(PODS, 600, MILLIS).split("\n")) {
      if (line.startsWith("# TYPE ")) {
        families.add(line.split(" ")[2]);
      }
    }
    assertEquals(families.stream().sorted().toList(), families);
    assertFalse(families.contains("scrape_error"), "hidden since kubernetes 1.30");
  }

  /** The double count a query without metrics_path makes: the same value on both paths. */
  @Test
  void valuesAreCadvisorsForTheSameContainersAndTheNodesRootCgroup() {
    List<Sample> resource = samples(ResourceText.of(PODS, 900, MILLIS));
    List<Sample> cadvisor = samples(CadvisorText.of(PODS, 100L << 30, 900));
    for (String name : List.of("container_cpu_usage_seconds_total",
        "container_memory_working_set_bytes")) {
      Map<String, Double> fromCadvisor = new LinkedHashMap<>();
      cadvisor.stream()
          .filter(s -> s.name().equals(name) && !s.labels().contains("id=\"/\""))
          .forEach(s -> fromCadvisor.put(
              s.labels().replaceAll("id=\"[^\"]*\",", ""), s.value()));
      assertEquals(fromCadvisor, values(resource, name), name);
      String node = name.replace("container_", "node_");
      double root = cadvisor.stream()
          .filter(s -> s.name().equals(name) && s.labels().contains("id=\"/\""))
          .findFirst().orElseThrow().value();
      assertEquals(root, values(resource, node).get(""), node);
    }
    Map<String, Double> podMemory = values(resource, "pod_memory_working_set_bytes");
    double containers = values(resource, "container_memory_working_set_bytes").entrySet().stream()
        .filter(e -> e.getKey().endsWith("pod=\"web-1\"")).mapToDouble(Map.Entry::getValue).sum();
    assertEquals(containers, podMemory.get("namespace=\"default\",pod=\"web-1\""));
  }
}
