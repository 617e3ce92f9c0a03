package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.model.Container;
import io.kubemon.agent.model.Node;
import io.kubemon.agent.model.Pod;
import io.kubemon.agent.quantity.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Pod counts and CPU / memory requests and limits of a set of pods. {@code nodes} is null for
 * objects without allocatable resources (namespaces, workloads, CronJobs). A pod's own host has
 * none of these: its checks sum its {@code kubemon_pod_containers_v2}.
 */
final class ResourceSections {
  private ResourceSections() {}

  private static final List<String> PHASES =
      List.of("Running", "Pending", "Succeeded", "Failed", "Unknown");

  static void write(List<Pod> pods, List<Node> nodes, SectionWriter out) {
    out.section("kubemon_pod_resources_v2", podCounts(pods, nodes));
    out.section(
        "kubemon_cpu_resources_v2",
        resources(pods, nodes, "cpu", t -> toBig(Quantity.cpuCores(t)), true));
    out.section(
        "kubemon_memory_resources_v2",
        resources(pods, nodes, "memory", t -> toBig(Quantity.bytes(t)), false));
  }

  private static BigDecimal toBig(Object value) {
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    return (BigDecimal) value;
  }

  private static Obj podCounts(List<Pod> pods, List<Node> nodes) {
    Obj counts = new Obj();
    for (String phase : PHASES) {
      counts.nonZero(
          phase.toLowerCase(Locale.ROOT),
          pods.stream().filter(p -> phase.equals(p.phase())).count());
    }
    List<Obj> pending = new ArrayList<>();
    for (Pod p : pods) {
      if ("Pending".equals(p.phase())) {
        pending.add(
            new Obj().with("name", p.meta().name()).with("since", p.meta().creationTimestamp()));
      }
    }
    return counts
        .lean("allocatable", nodes == null ? null : sum(nodes, Node::allocatable, "pods"))
        .lean("capacity", nodes == null ? null : sum(nodes, Node::capacity, "pods"))
        .lean("pending_pods", pending);
  }

  private static Number sum(
      List<Node> nodes, Function<Node, Map<String, String>> field, String key) {
    BigDecimal total = BigDecimal.ZERO;
    for (Node n : nodes) {
      BigDecimal v = Quantity.parse(field.apply(n).get(key));
      if (v != null) {
        total = total.add(v);
      }
    }
    return total.stripTrailingZeros().scale() <= 0 ? total.toBigInteger() : total;
  }

  private static Obj resources(
      List<Pod> pods,
      List<Node> nodes,
      String resource,
      Function<String, BigDecimal> parse,
      boolean cores) {
    BigDecimal requests = BigDecimal.ZERO;
    BigDecimal limits = BigDecimal.ZERO;
    long total = 0;
    long noRequest = 0;
    long noLimit = 0;
    long zeroLimit = 0;
    for (Pod pod : pods) {
      if (pod.terminated()) {
        continue;
      }
      for (Container c : pod.containers()) {
        total++;
        BigDecimal request = parse.apply(c.requests().get(resource));
        BigDecimal limit = parse.apply(c.limits().get(resource));
        if (request == null) {
          noRequest++;
        } else {
          requests = requests.add(request);
        }
        if (limit == null) {
          noLimit++;
        } else {
          limits = limits.add(limit);
          zeroLimit += limit.signum() == 0 ? 1 : 0;
        }
      }
    }
    BigDecimal allocatable = nodes == null ? null : allocatable(nodes, resource, parse);
    return new Obj()
        .nonZero("requests", number(requests, cores))
        .nonZero("limits", number(limits, cores))
        .nonZero("count_total", total)
        .nonZero("count_unspecified_requests", noRequest)
        .nonZero("count_unspecified_limits", noLimit)
        .nonZero("count_zeroed_limits", zeroLimit)
        .lean("allocatable", allocatable == null ? null : number(allocatable, cores));
  }

  private static BigDecimal allocatable(
      List<Node> nodes, String resource, Function<String, BigDecimal> parse) {
    BigDecimal total = BigDecimal.ZERO;
    for (Node n : nodes) {
      BigDecimal v = parse.apply(n.allocatable().get(resource));
      if (v != null) {
        total = total.add(v);
      }
    }
    return total;
  }

  /** CPU as float cores, bytes as an integer. */
  static Number number(BigDecimal value, boolean cores) {
    return cores ? (Number) value.doubleValue() : value.toBigInteger();
  }
}
