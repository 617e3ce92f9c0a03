package io.kubemon.it.sim.server;

import java.util.Arrays;

/**
 * A request path taken apart as the API server's RequestInfoFactory does: group, version,
 * namespace, resource, name, subresource, and for proxies the rest of the path.
 */
record RequestInfo(
    String path,
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    String rest) {

  boolean resourceRequest() {
    return plural != null;
  }

  /** list for a collection, get for one object (also for a subresource). */
  String verb() {
    return name == null ? "list" : "get";
  }

  static RequestInfo parse(String path) {
    String[] parts =
        Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    String group;
    String version;
    int i;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
      i = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
      i = 3;
    } else {
      return new RequestInfo(path, null, null, null, null, null, null, null);
    }
    if (i == parts.length) {
      return new RequestInfo(path, group, version, null, null, null, null, null);
    }
    String namespace = null;
    if (parts[i].equals("namespaces") && parts.length >= i + 3) {
      namespace = parts[i + 1];
      i += 2;
    }
    String plural = parts[i];
    String name = parts.length > i + 1 ? parts[i + 1] : null;
    String subresource = parts.length > i + 2 ? parts[i + 2] : null;
    String rest =
        parts.length > i + 3
            ? "/" + String.join("/", Arrays.copyOfRange(parts, i + 3, parts.length))
            : null;
    if ("proxy".equals(subresource) && rest == null) {
      rest = "/";
    }
    if (rest != null && path.endsWith("/") && !rest.endsWith("/")) {
      rest = rest + "/";
    }
    return new RequestInfo(path, group, version, namespace, plural, name, subresource, rest);
  }
}
