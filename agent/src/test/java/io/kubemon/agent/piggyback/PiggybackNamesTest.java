package io.kubemon.agent.piggyback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiggybackNamesTest {

  @Test
  void namespacedAndClusterScopedNames() {
    assertEquals(
        "pod_k3s_kube-system_svclb-traefik-8bgw7",
        PiggybackNames.host("pod", "k3s", "kube-system", "svclb-traefik-8bgw7"));
    assertEquals("node_k3s_worker.1", PiggybackNames.host("node", "k3s", null, "worker.1"));
  }

  @Test
  void oddCharactersBecomeUnderscores() {
    assertEquals(
        "pod_my_cluster_ns_a_b_c__d___",
        PiggybackNames.host("pod", "my cluster", "ns", "a:b/c<>d\nä\u2028"));
    String injected = PiggybackNames.host("pod", "c", "ns", "x>>>>\n<<<<evil");
    assertTrue(injected.matches("[A-Za-z0-9._-]+"), injected);
  }

  @Test
  void exactly240CharactersStayAsTheyAre() {
    String name = "a".repeat(240 - "pod_c_n_".length());
    String host = PiggybackNames.host("pod", "c", "n", name);
    assertEquals(240, host.length());
    assertEquals("pod_c_n_" + name, host);
  }

  @Test
  void longerNamesAreCutAndStayUnique() {
    String base = "b".repeat(300);
    String one = PiggybackNames.host("pod", "c", "n", base + "1");
    String two = PiggybackNames.host("pod", "c", "n", base + "2");
    assertEquals(240, one.length());
    assertEquals(one.substring(0, 231), two.substring(0, 231));
    assertNotEquals(one, two);
    assertTrue(one.matches("pod_c_n_b+_[0-9a-f]{8}"), one);
  }

  @Test
  void theHashIsOfTheFullName() {
    // sha256("pod_c_n_" + "b"*300 + "1") starts with these 8 hex digits (python3 hashlib).
    String host = PiggybackNames.host("pod", "c", "n", "b".repeat(300) + "1");
    assertEquals(EXPECTED_HASH, host.substring(232));
  }

  private static final String EXPECTED_HASH = "6ad09524";
}
