package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Namespace;
import io.kubemon.agent.model.Node;
import io.kubemon.agent.model.ObjectMeta;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Streams nodes and namespaces. */
final class NodeReader {
  private NodeReader() {}

  private static final class NodeFields {
    ObjectMeta meta;
    boolean unschedulable;
    List<Node.Taint> taints = List.of();
    List<Node.Address> addresses = List.of();
    Map<String, String> nodeInfo = Map.of();
    List<Condition> conditions = List.of();
    Map<String, String> allocatable = Map.of();
    Map<String, String> capacity = Map.of();
    Long kubeletPort;
  }

  static Node node(JsonReader r, Predicate<String> keep) throws IOException {
    NodeFields f = new NodeFields();
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
    return f.meta == null
        ? null
        : new Node(
            f.meta,
            f.unschedulable,
            f.taints,
            f.addresses,
            f.nodeInfo,
            f.conditions,
            f.allocatable,
            f.capacity,
            f.kubeletPort);
  }

  private static boolean spec(NodeFields f, String name, JsonReader in) throws IOException {
    switch (name) {
      case "unschedulable" -> f.unschedulable = Fields.bool(in);
      case "taints" -> f.taints = Fields.list(in, NodeReader::taint);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static boolean status(NodeFields f, String name, JsonReader in) throws IOException {
    switch (name) {
      case "addresses" -> f.addresses = Fields.list(in, NodeReader::address);
      case "nodeInfo" -> f.nodeInfo = Fields.stringMap(in);
      case "conditions" -> f.conditions = MetaReader.conditions(in);
      case "allocatable" -> f.allocatable = Fields.stringMap(in);
      case "capacity" -> f.capacity = Fields.stringMap(in);
      case "daemonEndpoints" -> f.kubeletPort = kubeletPort(in);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static Long kubeletPort(JsonReader r) throws IOException {
    Long[] port = new Long[1];
    Fields.object(
        r,
        (name, endpoint) -> {
          if (!name.equals("kubeletEndpoint")) {
            return false;
          }
          Fields.object(
              endpoint,
              (field, value) -> {
                if (!field.equals("Port")) {
                  return false;
                }
                port[0] = Fields.number(value);
                return true;
              });
          return true;
        });
    return port[0];
  }

  private static Node.Taint taint(JsonReader r) throws IOException {
    Map<String, String> m = Fields.stringMap(r);
    return new Node.Taint(m.get("key"), m.get("value"), m.get("effect"));
  }

  private static Node.Address address(JsonReader r) throws IOException {
    Map<String, String> m = Fields.stringMap(r);
    return new Node.Address(m.get("type"), m.get("address"));
  }

  static Namespace namespace(JsonReader r, Predicate<String> keep) throws IOException {
    ObjectMeta[] meta = new ObjectMeta[1];
    String[] phase = new String[1];
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "metadata" -> meta[0] = MetaReader.meta(in, keep);
            case "status" -> phase[0] = Fields.stringMap(in).get("phase");
            default -> {
              return false;
            }
          }
          return true;
        });
    return meta[0] == null ? null : new Namespace(meta[0], phase[0]);
  }
}
