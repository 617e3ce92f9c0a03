package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Container;
import io.kubemon.agent.model.ContainerState;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.model.Pod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Streams a pod, joining each container's spec with its status by name. */
final class PodReader {
  private PodReader() {}

  private record Spec(
      String name,
      String image,
      String imagePullPolicy,
      String restartPolicy,
      Map<String, String> requests,
      Map<String, String> limits) {}

  private record Status(
      String name,
      boolean ready,
      Boolean started,
      long restartCount,
      ContainerState state,
      ContainerState lastState) {}

  private static final class PodFields {
    ObjectMeta meta;
    final Map<String, String> text = new HashMap<>();
    boolean hostNetwork;
    Long startTime;
    List<Condition> conditions = List.of();
    List<Spec> initSpecs = List.of();
    List<Spec> specs = List.of();
    List<Status> initStatuses = List.of();
    List<Status> statuses = List.of();
    List<String> claims = List.of();
  }

  static Pod pod(JsonReader r, Predicate<String> keep) throws IOException {
    PodFields f = new PodFields();
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
    if (f.meta == null) {
      return null;
    }
    Map<String, String> t = f.text;
    return new Pod(
        f.meta,
        t.get("nodeName"),
        t.get("phase"),
        t.get("reason"),
        t.get("message"),
        t.get("qosClass"),
        t.get("restartPolicy"),
        t.get("dnsPolicy"),
        f.hostNetwork,
        t.get("podIP"),
        t.get("hostIP"),
        f.startTime,
        f.conditions,
        join(f.initSpecs, f.initStatuses),
        join(f.specs, f.statuses),
        f.claims);
  }

  private static boolean spec(PodFields f, String name, JsonReader in) throws IOException {
    switch (name) {
      case "nodeName", "restartPolicy", "dnsPolicy" -> f.text.put(name, Fields.string(in));
      case "hostNetwork" -> f.hostNetwork = Fields.bool(in);
      case "initContainers" -> f.initSpecs = Fields.list(in, PodReader::containerSpec);
      case "containers" -> f.specs = Fields.list(in, PodReader::containerSpec);
      case "volumes" -> f.claims = Fields.list(in, PodReader::claimName);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static boolean status(PodFields f, String name, JsonReader in) throws IOException {
    switch (name) {
      case "phase", "reason", "message", "qosClass", "podIP", "hostIP" ->
          f.text.put(name, Fields.string(in));
      case "startTime" -> f.startTime = Fields.time(in);
      case "conditions" -> f.conditions = MetaReader.conditions(in);
      case "initContainerStatuses" -> f.initStatuses = Fields.list(in, PodReader::containerStatus);
      case "containerStatuses" -> f.statuses = Fields.list(in, PodReader::containerStatus);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static Spec containerSpec(JsonReader r) throws IOException {
    String[] text = new String[4];
    List<Map<String, String>> resources = new ArrayList<>(List.of(Map.of(), Map.of()));
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "name" -> text[0] = Fields.string(in);
            case "image" -> text[1] = Fields.string(in);
            case "restartPolicy" -> text[2] = Fields.string(in);
            case "imagePullPolicy" -> text[3] = Fields.string(in);
            case "resources" ->
                Fields.object(
                    in,
                    (kind, q) -> {
                      int slot = kind.equals("requests") ? 0 : kind.equals("limits") ? 1 : -1;
                      if (slot >= 0) {
                        resources.set(slot, Fields.stringMap(q));
                      }
                      return slot >= 0;
                    });
            default -> {
              return false;
            }
          }
          return true;
        });
    return new Spec(text[0], text[1], text[3], text[2], resources.get(0), resources.get(1));
  }

  private static Status containerStatus(JsonReader r) throws IOException {
    String[] nameOf = new String[1];
    boolean[] ready = new boolean[1];
    Boolean[] started = new Boolean[1];
    long[] restarts = new long[1];
    ContainerState[] states = new ContainerState[2];
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "name" -> nameOf[0] = Fields.string(in);
            case "ready" -> ready[0] = Fields.bool(in);
            case "started" -> started[0] = Fields.bool(in);
            case "restartCount" -> restarts[0] = orZero(Fields.number(in));
            case "state" -> states[0] = state(in);
            case "lastState" -> states[1] = state(in);
            default -> {
              return false;
            }
          }
          return true;
        });
    return new Status(nameOf[0], ready[0], started[0], restarts[0], states[0], states[1]);
  }

  /** {@code {"waiting": {...}}}; an empty object (no state) gives null. */
  private static ContainerState state(JsonReader r) throws IOException {
    ContainerState[] found = new ContainerState[1];
    Fields.object(
        r,
        (type, in) -> {
          if (!type.equals("running") && !type.equals("waiting") && !type.equals("terminated")) {
            return false;
          }
          found[0] = stateDetail(type, in);
          return true;
        });
    return found[0];
  }

  private static ContainerState stateDetail(String type, JsonReader r) throws IOException {
    String[] text = new String[2];
    Long[] numbers = new Long[4];
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "reason" -> text[0] = Fields.string(in);
            case "message" -> text[1] = Fields.string(in);
            case "exitCode" -> numbers[0] = Fields.number(in);
            case "signal" -> numbers[1] = Fields.number(in);
            case "startedAt" -> numbers[2] = Fields.time(in);
            case "finishedAt" -> numbers[3] = Fields.time(in);
            default -> {
              return false;
            }
          }
          return true;
        });
    return new ContainerState(
        type, text[0], text[1], numbers[0], numbers[1], numbers[2], numbers[3]);
  }

  private static String claimName(JsonReader r) throws IOException {
    String[] claim = new String[1];
    Fields.object(
        r,
        (name, in) -> {
          if (!name.equals("persistentVolumeClaim")) {
            return false;
          }
          claim[0] = Fields.stringMap(in).get("claimName");
          return true;
        });
    return claim[0];
  }

  private static List<Container> join(List<Spec> specs, List<Status> statuses) {
    List<Container> out = new ArrayList<>();
    for (Spec s : specs) {
      Status st =
          statuses.stream()
              .filter(x -> s.name() != null && s.name().equals(x.name()))
              .findFirst()
              .orElse(null);
      out.add(
          st == null
              ? new Container(
                  s.name(),
                  s.image(),
                  s.imagePullPolicy(),
                  s.restartPolicy(),
                  s.requests(),
                  s.limits(),
                  false,
                  null,
                  0,
                  null,
                  null)
              : new Container(
                  s.name(),
                  s.image(),
                  s.imagePullPolicy(),
                  s.restartPolicy(),
                  s.requests(),
                  s.limits(),
                  st.ready(),
                  st.started(),
                  st.restartCount(),
                  st.state(),
                  st.lastState()));
    }
    return Fields.compact(out);
  }

  static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
