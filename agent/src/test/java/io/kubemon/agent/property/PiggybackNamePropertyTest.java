package io.kubemon.agent.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.piggyback.PiggybackNames;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Piggyback host names for names up to Kubernetes' limits (a namespace is a DNS-1123 label of at
 * most 63 characters, a pod or node name a DNS-1123 subdomain of at most 253) and for any text a
 * broken API server might send: always a host name Checkmk accepts, and distinct objects never
 * share a host.
 */
class PiggybackNamePropertyTest {
  private static final String TYPES = "node namespace pod deployment daemonset statefulset cronjob";

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(TYPES.split(" "));
  }

  /** DNS-1123 label: [a-z0-9] at both ends, [a-z0-9-] inside, 1 to 63 characters. */
  @Provide
  Arbitrary<String> labels() {
    Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('0', '9');
    Arbitrary<String> inner =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .withChars('-')
            .ofMaxLength(61);
    return Arbitraries.oneOf(
        edge.map(String::valueOf),
        Combinators.combine(edge, inner, edge).as((a, m, b) -> a + m + b));
  }

  /** DNS-1123 subdomain: labels joined by dots, at most 253 characters, often at the limit. */
  @Provide
  Arbitrary<String> subdomains() {
    return labels()
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(parts -> String.join(".", parts))
        .map(s -> s.length() > 253 ? s.substring(0, 253).replaceAll("[.-]+$", "") : s)
        .filter(s -> !s.isEmpty());
  }

  @Property(tries = 500)
  void kubernetesNamesGiveValidHostsThatKeepTheirReadablePrefix(
      @ForAll("types") String type,
      @ForAll("labels") String cluster,
      @ForAll("labels") String namespace,
      @ForAll("subdomains") String name) {
    String full = type + "_" + cluster + "_" + namespace + "_" + name;
    String host = PiggybackNames.host(type, cluster, namespace, name);
    assertValid(host);
    if (full.length() <= PiggybackNames.MAX_LENGTH) {
      assertEquals(full, host, "a valid name that fits is kept as it is");
    } else {
      assertEquals(PiggybackNames.MAX_LENGTH, host.length());
      assertTrue(host.startsWith(full.substring(0, PiggybackNames.MAX_LENGTH - 9)));
    }
  }

  @Property(tries = 500)
  void distinctObjectsNeverShareAHost(
      @ForAll("labels") String namespace,
      @ForAll("subdomains") String name,
      @ForAll("labels") String otherNamespace,
      @ForAll("subdomains") String otherName) {
    if (namespace.equals(otherNamespace) && name.equals(otherName)) {
      return;
    }
    assertNotEquals(
        PiggybackNames.host("pod", "c", namespace, name),
        PiggybackNames.host("pod", "c", otherNamespace, otherName));
  }

  /** Names that differ only past the cut still get hosts of their own, by the hash. */
  @Property(tries = 200)
  void namesCutAtTheLimitStayApart(@ForAll("labels") String tail) {
    String longName = "x".repeat(253 - Math.min(253, tail.length() + 1));
    String a = PiggybackNames.host("pod", "c", "ns", longName + "." + tail);
    String b = PiggybackNames.host("pod", "c", "ns", longName + "-" + tail);
    assertValid(a);
    assertNotEquals(a, b);
  }

  /** Any text, control characters, markers, surrogates and all: still a valid host. */
  @Property(tries = 1000)
  void anyTextGivesAValidHost(@ForAll String namespace, @ForAll String name) {
    assertValid(PiggybackNames.host("pod", "c", namespace, name));
    assertValid(PiggybackNames.host("node", "c", null, name + "\n<<<<evil>>>>\n"));
  }

  private static void assertValid(String host) {
    assertTrue(
        HostileInputPropertyTest.CHECKMK_HOST.matcher(host).matches(), "not a Checkmk host: " + host);
  }
}
