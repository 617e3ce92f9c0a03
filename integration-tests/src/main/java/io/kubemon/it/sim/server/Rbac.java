package io.kubemon.it.sim.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.sim.cluster.ClusterStore;
import io.kubemon.it.sim.cluster.Json;
import io.kubemon.it.sim.cluster.Resource;
import io.kubemon.it.sim.cluster.User;
import java.util.List;

/**
 * RBAC as the API server evaluates it, from the ClusterRoles, ClusterRoleBindings, Roles and
 * RoleBindings in the store (that is, from the manifests applied to the simulator). Only allow
 * rules exist in RBAC; anything no rule grants is forbidden.
 */
final class Rbac {
  /** system:discovery and system:public-info-viewer, bound to every authenticated user. */
  private static final List<String> PUBLIC_PATHS =
      List.of(
          "/api",
          "/api/*",
          "/apis",
          "/apis/*",
          "/version",
          "/version/",
          "/healthz",
          "/livez",
          "/readyz",
          "/openapi/*");

  private final ClusterStore store;

  Rbac(ClusterStore store) {
    this.store = store;
  }

  /** What the request asks for, as the API server's RequestInfo has it. */
  record Attributes(
      User user,
      String verb,
      String path,
      Resource resource,
      String subresource,
      String namespace,
      String name) {
    boolean resourceRequest() {
      return resource != null;
    }

    String resourceWithSubresource() {
      return subresource == null ? resource.plural() : resource.plural() + "/" + subresource;
    }
  }

  boolean allowed(Attributes request) {
    if (request.user().isAdmin()) {
      return true;
    }
    if (!request.resourceRequest()
        && PUBLIC_PATHS.stream().anyMatch(p -> pathMatches(p, request.path()))) {
      return true;
    }
    for (JsonObject binding : store.all(byKind("clusterrolebindings"))) {
      if (bindsUser(binding, request.user()) && roleAllows(binding, null, request)) {
        return true;
      }
    }
    if (request.namespace() == null) {
      return false;
    }
    for (JsonObject binding : store.all(byKind("rolebindings"))) {
      if (request.namespace().equals(Json.namespace(binding))
          && bindsUser(binding, request.user())
          && roleAllows(binding, request.namespace(), request)) {
        return true;
      }
    }
    return false;
  }

  /** The message of the API server's 403, word for word. */
  static String forbiddenMessage(Attributes request) {
    String user = request.user().name();
    if (!request.resourceRequest()) {
      return String.format(
          "forbidden: User \"%s\" cannot %s path \"%s\"", user, request.verb(), request.path());
    }
    String group = request.resource().group();
    String scope =
        request.namespace() == null
            ? "at the cluster scope"
            : String.format("in the namespace \"%s\"", request.namespace());
    String reason =
        String.format(
            "User \"%s\" cannot %s resource \"%s\" in API group \"%s\" %s",
            user, request.verb(), request.resourceWithSubresource(), group, scope);
    String qualified =
        group.isEmpty() ? request.resource().plural() : request.resource().plural() + "." + group;
    return request.name() == null
        ? String.format("%s is forbidden: %s", qualified, reason)
        : String.format("%s \"%s\" is forbidden: %s", qualified, request.name(), reason);
  }

  private static Resource byKind(String plural) {
    return Resource.byPlural("rbac.authorization.k8s.io", plural).orElseThrow();
  }

  private static boolean bindsUser(JsonObject binding, User user) {
    for (JsonElement e : Json.arr(binding, "subjects")) {
      JsonObject subject = e.getAsJsonObject();
      String kind = Json.str(subject, "kind");
      String name = Json.str(subject, "name");
      boolean matches =
          switch (kind == null ? "" : kind) {
            case "ServiceAccount" ->
                user.name()
                    .equals("system:serviceaccount:" + namespaceOf(subject, binding) + ":" + name);
            case "User" -> user.name().equals(name);
            case "Group" -> user.groups().contains(name);
            default -> false;
          };
      if (matches) {
        return true;
      }
    }
    return false;
  }

  private static String namespaceOf(JsonObject subject, JsonObject binding) {
    String ns = Json.str(subject, "namespace");
    return ns != null ? ns : Json.namespace(binding);
  }

  private boolean roleAllows(JsonObject binding, String bindingNamespace, Attributes request) {
    JsonObject ref = Json.obj(binding, "roleRef");
    String kind = Json.str(ref, "kind");
    String name = Json.str(ref, "name");
    if (name == null) {
      return false;
    }
    JsonObject role =
        "Role".equals(kind) && bindingNamespace != null
            ? store.find(byKind("roles"), bindingNamespace, name).orElse(null)
            : store.find(byKind("clusterroles"), null, name).orElse(null);
    if (role == null) {
      return false;
    }
    for (JsonElement rule : Json.arr(role, "rules")) {
      if (ruleAllows(rule.getAsJsonObject(), request)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ruleAllows(JsonObject rule, Attributes request) {
    if (!contains(Json.arr(rule, "verbs"), request.verb())) {
      return false;
    }
    if (!request.resourceRequest()) {
      for (JsonElement url : Json.arr(rule, "nonResourceURLs")) {
        if (pathMatches(url.getAsString(), request.path())) {
          return true;
        }
      }
      return false;
    }
    if (!contains(Json.arr(rule, "apiGroups"), request.resource().group())
        || !resourceMatches(rule, request)) {
      return false;
    }
    JsonArray names = Json.arr(rule, "resourceNames");
    return names.isEmpty() || (request.name() != null && contains(names, request.name()));
  }

  private static boolean resourceMatches(JsonObject rule, Attributes request) {
    String wanted = request.resourceWithSubresource();
    for (JsonElement e : Json.arr(rule, "resources")) {
      String r = e.getAsString();
      if (r.equals("*") || r.equals(wanted)) {
        return true;
      }
      if (request.subresource() != null && r.equals("*/" + request.subresource())) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonArray values, String wanted) {
    for (JsonElement e : values) {
      String v = e.getAsString();
      if (v.equals("*") || v.equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean pathMatches(String rule, String path) {
    return rule.endsWith("*")
        ? path.startsWith(rule.substring(0, rule.length() - 1))
        : rule.equals(path);
  }
}
