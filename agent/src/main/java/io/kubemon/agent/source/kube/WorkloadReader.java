package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.model.ReplicaSet;
import io.kubemon.agent.model.Workload;
import io.kubemon.agent.model.WorkloadKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Streams Deployments, DaemonSets, StatefulSets and (ownership only) ReplicaSets. */
final class WorkloadReader {
  private WorkloadReader() {}

  private static final class WorkloadFields {
    ObjectMeta meta;
    final Map<String, Long> numbers = new HashMap<>();
    Map<String, String> selector = Map.of();
    List<Workload.SelectorRequirement> matchExpressions = List.of();
    final List<String> images = new ArrayList<>();
    final List<String> containers = new ArrayList<>();
    Workload.Strategy strategy = new Workload.Strategy(null, null, null, null);
    List<Condition> conditions = List.of();
  }

  static Fields.KindReader<Workload> of(WorkloadKind kind) {
    return (r, keep) -> workload(kind, r, keep);
  }

  private static Workload workload(WorkloadKind kind, JsonReader r, Predicate<String> keep)
      throws IOException {
    WorkloadFields f = new WorkloadFields();
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "metadata" -> f.meta = MetaReader.meta(in, keep);
            case "spec" -> Fields.object(in, (n, s) -> spec(f, n, s));
            case "status" -> Fields.object(in, (n, s) -> status(f, n, s));
            default -> {
              return false;
            }
          }
          return true;
        });
    return f.meta == null ? null : build(kind, f);
  }

  private static Workload build(WorkloadKind kind, WorkloadFields f) {
    Map<String, Long> n = f.numbers;
    boolean daemon = kind == WorkloadKind.DAEMONSET;
    return new Workload(
        kind,
        f.meta,
        n.get("status.observedGeneration"),
        f.selector,
        f.matchExpressions,
        List.copyOf(f.images),
        List.copyOf(f.containers),
        f.strategy,
        count(n, "minReadySeconds"),
        count(n, daemon ? "status.desiredNumberScheduled" : "replicas"),
        count(n, daemon ? "status.numberReady" : "status.readyReplicas"),
        count(n, daemon ? "status.updatedNumberScheduled" : "status.updatedReplicas"),
        count(n, daemon ? "status.numberAvailable" : "status.availableReplicas"),
        daemon ? count(n, "status.numberMisscheduled") : null,
        f.conditions);
  }

  private static long count(Map<String, Long> numbers, String key) {
    return PodReader.orZero(numbers.get(key));
  }

  private static boolean spec(WorkloadFields f, String name, JsonReader in) throws IOException {
    switch (name) {
      case "replicas", "minReadySeconds" -> f.numbers.put(name, Fields.number(in));
      case "selector" -> Fields.object(in, (n, s) -> selector(f, n, s));
      case "strategy", "updateStrategy" -> f.strategy = strategy(in);
      case "template" -> Fields.object(in, (n, s) -> n.equals("spec") && templateSpec(f, s));
      default -> {
        return false;
      }
    }
    return true;
  }

  private static boolean selector(WorkloadFields f, String name, JsonReader in)
      throws IOException {
    switch (name) {
      case "matchLabels" -> f.selector = Fields.stringMap(in);
      case "matchExpressions" ->
          f.matchExpressions = List.copyOf(Fields.list(in, WorkloadReader::requirement));
      default -> {
        return false;
      }
    }
    return true;
  }

  private static Workload.SelectorRequirement requirement(JsonReader in) throws IOException {
    String[] keyOperator = new String[2];
    List<String> values = new ArrayList<>();
    Fields.object(
        in,
        (n, s) -> {
          switch (n) {
            case "key" -> keyOperator[0] = Fields.string(s);
            case "operator" -> keyOperator[1] = Fields.string(s);
            case "values" -> values.addAll(Fields.strings(s));
            default -> {
              return false;
            }
          }
          return true;
        });
    return keyOperator[0] == null
        ? null
        : new Workload.SelectorRequirement(keyOperator[0], keyOperator[1], List.copyOf(values));
  }

  private static boolean templateSpec(WorkloadFields f, JsonReader in) throws IOException {
    Fields.object(
        in,
        (n, s) -> {
          if (!n.equals("containers")) {
            return false;
          }
          for (Map<String, String> c : Fields.list(s, Fields::stringMap)) {
            f.containers.add(c.get("name"));
            f.images.add(c.get("image"));
          }
          return true;
        });
    return true;
  }

  private static Workload.Strategy strategy(JsonReader in) throws IOException {
    Map<String, String> top = new HashMap<>();
    Fields.object(
        in,
        (n, s) -> {
          if (n.equals("rollingUpdate")) {
            top.putAll(Fields.stringMap(s));
          } else if (n.equals("type")) {
            top.put("type", Fields.string(s));
          } else {
            return false;
          }
          return true;
        });
    return new Workload.Strategy(
        top.get("type"), top.get("maxSurge"), top.get("maxUnavailable"), top.get("partition"));
  }

  private static boolean status(WorkloadFields f, String name, JsonReader in) throws IOException {
    if (name.equals("conditions")) {
      f.conditions = MetaReader.conditions(in);
    } else if (in.peek() == JsonToken.NUMBER) {
      f.numbers.put("status." + name, Fields.number(in));
    } else {
      return false;
    }
    return true;
  }

  static ReplicaSet replicaSet(JsonReader r, Predicate<String> keep) throws IOException {
    ObjectMeta[] meta = new ObjectMeta[1];
    Fields.object(
        r,
        (name, in) -> {
          if (!name.equals("metadata")) {
            return false;
          }
          meta[0] = MetaReader.meta(in, keep);
          return true;
        });
    return meta[0] == null ? null : new ReplicaSet(meta[0]);
  }
}
