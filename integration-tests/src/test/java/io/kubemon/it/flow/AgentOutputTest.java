package io.kubemon.it.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The flow's reader of agent output, on the framing of docs/sections.md. */
class AgentOutputTest {
  private static final String OUTPUT =
      String.join(
          "\n",
          "<<<<>>>>",
          "<<<kubemon_cluster_info_v1:sep(0)>>>",
          "{\"name\":\"k3s\",\"minor\":33}",
          "<<<<>>>>",
          "<<<<node_k3s_server>>>>",
          "<<<kubemon_node_info_v1:sep(0)>>>",
          "{\"name\":\"server\"}",
          "<<<<>>>>",
          "");

  @Test
  void splitsHostsAndSections() {
    AgentOutput output = AgentOutput.parse(OUTPUT);
    assertEquals(33, output.section("", "kubemon_cluster_info_v1").get("minor").getAsInt());
    assertEquals(
        "server",
        output.section("node_k3s_server", "kubemon_node_info_v1").get("name").getAsString());
    assertEquals(2, output.hosts().size());
  }

  @Test
  void aSectionWithTwoLinesIsRefusedNamingTheLine() {
    String twice =
        OUTPUT.replace("{\"name\":\"server\"}", "{\"name\":\"server\"}\n{\"name\":\"again\"}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AgentOutput.parse(twice));
    assertTrue(
        e.getMessage().startsWith("line 8: section kubemon_node_info_v1 of host 'node_k3s_server'"),
        e.getMessage());
  }

  @Test
  void checkmksOwnSectionsAreKeptAsText() {
    String withOs =
        OUTPUT
            + String.join(
                "\n",
                "<<<<node_k3s_server>>>>",
                "<<<mem>>>",
                "MemTotal: 16 kB",
                "MemFree: 8 kB",
                "<<<lnx_if:sep(58)>>>",
                "eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
                "<<<<>>>>",
                "");
    AgentOutput output = AgentOutput.parse(withOs);
    assertEquals(java.util.List.of("MemTotal: 16 kB", "MemFree: 8 kB"),
        output.textSection("node_k3s_server", "mem"));
    assertEquals(1, output.textSection("node_k3s_server", "lnx_if").size());
    assertEquals("server",
        output.section("node_k3s_server", "kubemon_node_info_v1").get("name").getAsString());
  }
}
