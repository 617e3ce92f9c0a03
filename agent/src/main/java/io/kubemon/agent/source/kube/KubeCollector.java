package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.http.TextResponse;
import io.kubemon.agent.http.UnexpectedResponseException;
import io.kubemon.agent.model.WorkloadKind;
import io.kubemon.agent.source.RequestCatalogue;
import io.kubemon.agent.status.AgentFailure;
import io.kubemon.agent.status.SourceLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads everything the API sections need. The lists run concurrently on a small pool; each one is a
 * source in the {@link SourceLog} and a failure leaves only its own field null.
 */
public final class KubeCollector {
  /** Lists in flight at once: enough to overlap latency without crowding the API server. */
  static final int POOL_SIZE = 4;

  static final int TEXT_BODY_MAX = 1024;

  private final JsonSource api;
  private final SourceLog log;
  private final Predicate<String> namespaceFilter;
  private final Predicate<String> keepAnnotation;
  private final KubeSnapshot snapshot;
  private final KubeOptions options;

  private final int pageSize;

  private KubeCollector(JsonSource api, KubeOptions options, SourceLog log) {
    this.pageSize = options.pageSize();
    this.api = api;
    this.options = options;
    this.log = log;
    this.namespaceFilter = namespaceFilter(options);
    this.keepAnnotation = annotationFilter(options);
    this.snapshot = new KubeSnapshot(options);
  }

  public static KubeSnapshot collect(JsonSource api, KubeOptions options, SourceLog log) {
    KubeCollector collector = new KubeCollector(api, options, log);
    collector.readAll();
    if (options.kubeletHealth() && options.monitoredObjects().contains("nodes")
        && collector.snapshot.nodes != null) {
      collector.snapshot.kubeletHealth =
          KubeletHealthReader.read(api, collector.snapshot.nodes, POOL_SIZE, log);
    }
    collector.snapshot.index();
    return collector.snapshot;
  }

  /** Include patterns (any must match, when given) then exclude patterns, as infix regexes. */
  public static Predicate<String> namespaceFilter(KubeOptions options) {
    List<Pattern> include = options.namespaceInclude();
    List<Pattern> exclude = options.namespaceExclude();
    return ns -> {
      String name = ns == null ? "" : ns;
      boolean included =
          include.isEmpty() || include.stream().anyMatch(p -> p.matcher(name).find());
      return included && exclude.stream().noneMatch(p -> p.matcher(name).find());
    };
  }

  /**
   * Annotations are read only where a section uses them: those chosen by {@code
   * --annotation-pattern} or {@code --all-annotations} (keys of label syntax) and the
   * default-StorageClass marker. Skipping the rest (kubectl's last-applied-configuration copies
   * the whole object) keeps records small.
   */
  static Predicate<String> annotationFilter(KubeOptions options) {
    if (options.allAnnotations()) {
      return key -> StorageReader.DEFAULT_CLASS.equals(key) || LabelSyntax.validKey(key);
    }
    Pattern pattern = options.annotationPattern();
    return key ->
        StorageReader.DEFAULT_CLASS.equals(key) || (pattern != null && pattern.matcher(key).find());
  }

  private void readAll() {
    ExecutorService pool = Executors.newFixedThreadPool(POOL_SIZE, daemonThreads());
    try {
      List<Future<?>> tasks = new ArrayList<>();
      tasks.add(pool.submit(this::readServer));
      for (Runnable list : lists()) {
        tasks.add(pool.submit(list));
      }
      for (Future<?> task : tasks) {
        await(task);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "kubemon-kube");
      t.setDaemon(true);
      return t;
    };
  }

  private static void await(Future<?> task) {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // Each task logs its own failures; nothing reaches here but a bug of the pool itself.
    }
  }

  private List<Runnable> lists() {
    KubeSnapshot s = snapshot;
    List<Runnable> lists = new ArrayList<>();
    lists.add(task("kube/nodes", NodeReader::node, null, v -> s.nodes = v));
    lists.add(
        task(
            "kube/namespaces", NodeReader::namespace, n -> n.meta().name(), v -> s.namespaces = v));
    lists.add(task("kube/pods", PodReader::pod, p -> p.meta().namespace(), v -> s.pods = v));
    for (WorkloadKind kind : WorkloadKind.values()) {
      lists.add(
          task(
              "kube/" + kind.plural(),
              WorkloadReader.of(kind),
              w -> w.meta().namespace(),
              v -> s.workloads.put(kind, v)));
    }
    lists.add(
        task(
            "kube/replicasets",
            WorkloadReader::replicaSet,
            r -> r.meta().namespace(),
            v -> s.replicaSets = v));
    lists.add(task("kube/jobs", BatchReader::job, j -> j.meta().namespace(), v -> s.jobs = v));
    lists.add(
        task(
            "kube/cronjobs", BatchReader::cronJob, c -> c.meta().namespace(), v -> s.cronJobs = v));
    lists.add(task("kube/persistentvolumes", StorageReader::volume, null, v -> s.volumes = v));
    lists.add(
        task(
            "kube/persistentvolumeclaims",
            StorageReader::claim,
            c -> c.meta().namespace(),
            v -> s.claims = v));
    lists.add(
        task("kube/storageclasses", StorageReader::storageClass, null, v -> s.storageClasses = v));
    lists.add(
        task(
            "kube/resourcequotas",
            StorageReader::quota,
            q -> q.meta().namespace(),
            v -> s.quotas = v));
    return lists;
  }

  private <T> Runnable task(
      String source,
      Fields.KindReader<T> reader,
      Function<T, String> namespaceOf,
      Consumer<List<T>> store) {
    String path = RequestCatalogue.bySource(source).path();
    return () -> {
      KubeLister<T> lister =
          new KubeLister<>(
              api, path, r -> reader.read(r, keepAnnotation), namespaceOf, namespaceFilter,
              pageSize,
              options.limits());
      long start = System.nanoTime();
      try {
        List<T> items = lister.list();
        store.accept(items);
        log.ok(source, "GET " + path, lister.requests(), seconds(start));
      } catch (SourceException e) {
        log.failed(source, e, lister.requests(), seconds(start));
      } catch (RuntimeException e) {
        // Gson throws IllegalStateException or NumberFormatException for a body of the wrong
        // shape; that costs this list, not the run.
        log.failed(source, unreadable(path, e), lister.requests(), seconds(start));
      } catch (Error e) {
        // Out of memory or nesting too deep: what this list held is garbage now, the run goes on.
        log.failed(source, AgentFailure.of("GET " + path, e), lister.requests(), seconds(start));
      }
    };
  }

  static SourceException unreadable(String path, RuntimeException e) {
    String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new SourceException(
        "GET " + path,
        null,
        "GET " + path + " returned JSON of an unexpected shape: " + detail,
        "check that --api-server-url points at a Kubernetes API server",
        "unreadable-response",
        e);
  }

  private void readServer() {
    long start = System.nanoTime();
    try {
      snapshot.version = api.getJson("/version", this::version);
      log.ok("kube/version", "GET /version", 1, seconds(start));
    } catch (SourceException e) {
      log.failed("kube/version", e, 1, seconds(start));
    } catch (RuntimeException e) {
      log.failed("kube/version", unreadable("/version", e), 1, seconds(start));
    } catch (Error e) {
      log.failed("kube/version", AgentFailure.of("GET /version", e), 1, seconds(start));
    }
    snapshot.live = text("kube/livez", "/livez");
    snapshot.ready = text("kube/readyz", "/readyz?verbose");
    snapshot.certificate = api.serverCertificate().orElse(null);
  }

  private TextResponse text(String source, String path) {
    long start = System.nanoTime();
    try {
      TextResponse response = api.getText(path, TEXT_BODY_MAX);
      log.ok(source, "GET " + path, response.statusCode(), 1, seconds(start));
      return response;
    } catch (SourceException e) {
      log.failed(source, e, 1, seconds(start));
      return null;
    } catch (RuntimeException | Error e) {
      log.failed(source, AgentFailure.of("GET " + path, e), 1, seconds(start));
      return null;
    }
  }

  private KubeSnapshot.Version version(JsonReader r) throws IOException {
    if (r.peek() != com.google.gson.stream.JsonToken.BEGIN_OBJECT) {
      throw new UnexpectedResponseException("not a Kubernetes version (no JSON object)");
    }
    Map<String, String> info = Fields.stringMap(r);
    if (info.get("gitVersion") == null) {
      throw new UnexpectedResponseException("not a Kubernetes version (no gitVersion)");
    }
    // Strings of the server's choosing go into a section: cut short, any credential masked.
    return new KubeSnapshot.Version(
        api.redact(info.get("gitVersion"), 64), api.redact(info.get("platform"), 64));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
