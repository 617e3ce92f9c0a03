package io.kubemon.it.sim.cluster;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every object of the simulated cluster, by resource, plus the controllers' effects that matter to
 * the agent: the token controller fills service-account token Secrets, Deployments and APIServices
 * become ready/Available as soon as they are applied.
 */
public final class ClusterStore {
  private final Map<String, Resource> resources = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectSource>> sources = new ConcurrentHashMap<>();
  private final Map<String, ObjectSource.Stored> stored = new ConcurrentHashMap<>();
  private final Map<String, User> tokens = new ConcurrentHashMap<>();
  private final AtomicLong resourceVersion = new AtomicLong(1000);
  private final SecureRandom random = new SecureRandom();
  private final String caPem;
  private volatile JsonObject version =
      Json.of(
          "major",
          "1",
          "minor",
          "33",
          "gitVersion",
          "v1.33.4+kubemon-sim",
          "platform",
          "linux/amd64");

  /** An empty cluster whose token Secrets carry {@code caPem} as {@code ca.crt}. */
  public ClusterStore(String caPem) {
    this.caPem = caPem;
  }

  /** Adds a generated source; it is listed before objects applied later. */
  public void add(Resource resource, ObjectSource source) {
    register(resource);
    sources.get(resource.key()).add(0, source);
  }

  public void put(Resource resource, JsonObject object) {
    register(resource);
    JsonObject metadata = Json.obj(object, "metadata");
    if (metadata == null) {
      metadata = new JsonObject();
      object.add("metadata", metadata);
    }
    if (!metadata.has("uid")) {
      metadata.addProperty("uid", UUID.randomUUID().toString());
    }
    if (!metadata.has("creationTimestamp")) {
      metadata.addProperty("creationTimestamp", Instant.now().toString());
    }
    metadata.addProperty("resourceVersion", Long.toString(resourceVersion.incrementAndGet()));
    stored.get(resource.key()).put(object);
  }

  /** Stores an object as {@code kubectl apply} would, with the controllers' effects. */
  public void apply(Resource resource, JsonObject object) {
    Controllers.reconcile(this, resource, object);
    put(resource, object);
  }

  private void register(Resource resource) {
    resources.putIfAbsent(resource.key(), resource);
    stored.computeIfAbsent(
        resource.key(),
        k -> {
          ObjectSource.Stored s = new ObjectSource.Stored();
          sources.computeIfAbsent(k, x -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(s);
          return s;
        });
  }

  public Optional<Resource> resource(String group, String plural) {
    Optional<Resource> known = Resource.byPlural(group, plural);
    return known.isPresent() ? known : Optional.ofNullable(resources.get(group + "/" + plural));
  }

  /** The sources of a resource in list order (empty if nothing of it exists). */
  public List<ObjectSource> sources(Resource resource) {
    return sources.getOrDefault(resource.key(), List.of());
  }

  public int count(Resource resource) {
    return sources(resource).stream().mapToInt(ObjectSource::size).sum();
  }

  public void forEach(Resource resource, Consumer<JsonObject> action) {
    for (ObjectSource source : sources(resource)) {
      for (int i = 0, n = source.size(); i < n; i++) {
        action.accept(source.get(i));
      }
    }
  }

  public List<JsonObject> all(Resource resource) {
    List<JsonObject> out = new ArrayList<>();
    forEach(resource, out::add);
    return out;
  }

  public Optional<JsonObject> find(Resource resource, String namespace, String name) {
    for (ObjectSource source : sources(resource)) {
      for (int i = 0, n = source.size(); i < n; i++) {
        JsonObject o = source.get(i);
        if (name.equals(Json.name(o))
            && (namespace == null || namespace.equals(Json.namespace(o)))) {
          return Optional.of(o);
        }
      }
    }
    return Optional.empty();
  }

  /** What {@code /version} answers: the simulator's own, or a recording's. */
  public JsonObject version() {
    return version;
  }

  void version(JsonObject version) {
    this.version = version;
  }

  public String resourceVersion() {
    return Long.toString(resourceVersion.get());
  }

  /** Registers a token; the admin token of the kubeconfig and service-account tokens use this. */
  public String issueToken(User user) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "sim." + HexFormat.of().formatHex(bytes);
    tokens.put(token, user);
    return token;
  }

  public Optional<User> authenticate(String token) {
    return Optional.ofNullable(tokens.get(token));
  }

  String caPem() {
    return caPem;
  }

  public static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
