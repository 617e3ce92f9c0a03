package io.kubemon.it.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubemon.it.sim.server.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CadvisorTextTest {
  private static final Pattern SAMPLE =
      Pattern.compile("^(\\w+)\\{([^}]*)} (\\S+)", Pattern.MULTILINE);
  private static final long DISK = 100L << 30;
  private static final List<JsonObject> PODS =
      List.of(pod("web-1", "app"), pod("web-2", "app"));

  private static JsonObject pod(String name, String container) {
    return JsonParser.parseString(
            "{\"metadata\":{\"namespace\":\"default\",\"name\":\"" + name + "\",\"uid\":\"u-"
                + name + "\"},\"spec\":{\"containers\":[{\"name\":\"" + container + "\"}]}}")
        .getAsJsonObject();
  }

  /** The value of the one sample of {@code metric} whose labels contain every given pair. */
  private static double value(String text, String metric, String... labels) {
    Matcher m = SAMPLE.matcher(text);
    double found = Double.NaN;
    while (m.find()) {
      List<String> pairs = List.of(m.group(2).split(","));
      if (m.group(1).equals(metric) && pairs.containsAll(List.of(labels))) {
        assertTrue(Double.isNaN(found), "two samples of " + metric + " " + List.of(labels));
        found = Double.parseDouble(m.group(3));
      }
    }
    assertTrue(!Double.isNaN(found), "no sample of " + metric + " " + List.of(labels));
    return found;
  }

  @Test
  void theRootCgroupsMainDeviceHasTheNodesDiskAndFillsOverTime() {
    String early = CadvisorText.of(PODS, DISK, 600);
    String later = CadvisorText.of(PODS, DISK, 3600);
    String[] main = {"id=\"/\"", "device=\"/dev/sda1\""};
    assertEquals(DISK, value(early, "container_fs_limit_bytes", main));
    double used = value(early, "container_fs_usage_bytes", main);
    assertTrue(used > 1L << 30 && used < DISK, "used " + used);
    assertTrue(value(later, "container_fs_usage_bytes", main) > used);
    // The node's largest device is its main one, as the agent's topk query assumes.
    assertTrue(value(early, "container_fs_limit_bytes", "id=\"/\"", "device=\"/run\"") < DISK);
  }

  @Test
  void hostNetworkCarriesAtLeastThePodsTrafficAndCountersGrow() {
    String text = CadvisorText.of(PODS, DISK, 600);
    for (String metric :
        List.of(
            "container_network_receive_bytes_total", "container_network_transmit_bytes_total")) {
      double pods =
          value(text, metric, "interface=\"eth0\"", "pod=\"web-1\"")
              + value(text, metric, "interface=\"eth0\"", "pod=\"web-2\"");
      double host = value(text, metric, "id=\"/\"", "interface=\"eth0\"");
      assertTrue(pods > 0 && host > pods, metric + ": host " + host + ", pods " + pods);
      String later = CadvisorText.of(PODS, DISK, 1200);
      assertTrue(value(later, metric, "id=\"/\"", "interface=\"eth0\"") > host, metric);
    }
  }

  /** The generated root series carry the label names real cAdvisor gives them. */
  @Test
  void rootSeriesHaveTheRecordedLabelNames() throws IOException {
    Path real =
        TestPaths.root()
            .resolve("../shared/fixtures/real/minikube-v1.35.0-nri-kubernetes")
            .resolve("kubelet-metrics-cadvisor.filtered.txt");
    Assumptions.assumeTrue(Files.isRegularFile(real), "no " + real + " (../shared is absent)");
    String recorded = Files.readString(real);
    String generated = CadvisorText.of(PODS, DISK, 600);
    for (String metric :
        List.of(
            "container_fs_usage_bytes",
            "container_fs_limit_bytes",
            "container_network_receive_bytes_total",
            "container_network_transmit_bytes_total",
            "container_cpu_user_seconds_total",
            "container_cpu_system_seconds_total",
            "container_memory_usage_bytes",
            "container_memory_cache",
            "container_memory_swap",
            "container_fs_inodes_total",
            "container_fs_inodes_free",
            "container_fs_reads_total",
            "container_fs_sector_writes_total",
            "container_fs_io_time_weighted_seconds_total",
            "container_fs_io_current")) {
      assertEquals(rootLabelNames(recorded, metric), rootLabelNames(generated, metric), metric);
    }
  }

  private static Set<String> rootLabelNames(String text, String metric) {
    Set<String> names = new TreeSet<>();
    Matcher m = SAMPLE.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(metric) && m.group(2).contains("id=\"/\"")) {
        for (String pair : m.group(2).split(",")) {
          names.add(pair.substring(0, pair.indexOf('=')));
        }
      }
    }
    return names;
  }
}
