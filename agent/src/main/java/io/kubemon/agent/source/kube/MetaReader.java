package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.ObjectMeta;
import io.kubemon.agent.model.OwnerReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads {@code metadata} and {@code conditions}, shared by every kind. */
final class MetaReader {
  private MetaReader() {}

  /**
   * @param keepAnnotation which annotation keys to keep; the rest (e.g. the large
   *     kubectl.kubernetes.io/last-applied-configuration) are skipped while reading
   */
  static ObjectMeta meta(JsonReader r, Predicate<String> keepAnnotation) throws IOException {
    String[] text = new String[3];
    Long[] times = new Long[3];
    List<Map<String, String>> maps = new ArrayList<>(List.of(Map.of(), Map.of()));
    List<List<OwnerReference>> owners = new ArrayList<>(List.of(List.of()));
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "name" -> text[0] = Fields.string(in);
            case "namespace" -> text[1] = Fields.string(in);
            case "uid" -> text[2] = Fields.string(in);
            case "creationTimestamp" -> times[0] = Fields.time(in);
            case "deletionTimestamp" -> times[1] = Fields.time(in);
            case "generation" -> times[2] = Fields.number(in);
            case "labels" -> maps.set(0, Fields.stringMap(in));
            case "annotations" -> maps.set(1, Fields.stringMap(in, keepAnnotation));
            case "ownerReferences" -> owners.set(0, Fields.list(in, MetaReader::owner));
            default -> {
              return false;
            }
          }
          return true;
        });
    return new ObjectMeta(
        text[0],
        text[1],
        text[2],
        times[0],
        times[1],
        times[2],
        maps.get(0),
        maps.get(1),
        owners.get(0));
  }

  private static OwnerReference owner(JsonReader r) throws IOException {
    String[] text = new String[2];
    boolean[] controller = new boolean[1];
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "kind" -> text[0] = Fields.string(in);
            case "name" -> text[1] = Fields.string(in);
            case "controller" -> controller[0] = Fields.bool(in);
            default -> {
              return false;
            }
          }
          return true;
        });
    return new OwnerReference(text[0], text[1], controller[0]);
  }

  static List<Condition> conditions(JsonReader r) throws IOException {
    return Fields.list(r, MetaReader::condition);
  }

  private static Condition condition(JsonReader r) throws IOException {
    String[] text = new String[4];
    Long[] times = new Long[2];
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "type" -> text[0] = Fields.string(in);
            case "status" -> text[1] = Fields.string(in);
            case "reason" -> text[2] = Fields.string(in);
            case "message" -> text[3] = Fields.string(in);
            case "lastTransitionTime" -> times[0] = Fields.time(in);
            case "lastHeartbeatTime" -> times[1] = Fields.time(in);
            default -> {
              return false;
            }
          }
          return true;
        });
    return new Condition(text[0], text[1], text[2], text[3], times[0], times[1]);
  }
}
