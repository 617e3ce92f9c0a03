package io.kubemon.agent.source.prometheus;

import io.kubemon.agent.http.JsonSource;
import io.kubemon.agent.http.SourceException;
import io.kubemon.agent.source.prometheus.PromResult.Sample;
import io.kubemon.agent.usage.NamedValue;
import io.kubemon.agent.usage.PipelineHealth;
import io.kubemon.agent.usage.UsageData;
import io.kubemon.agent.usage.UsageOptions.PromQuery;
import io.kubemon.agent.usage.UsageSource;
import io.kubemon.agent.status.SourceLog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads usage from Prometheus' HTTP API, through the API server's service proxy or directly: a
 * fixed number of cluster-wide queries ({@link UsageQueries}), the scrape targets, and the
 * user's queries. A failing query costs only its field; when Prometheus does not answer at all
 * the remaining queries are not sent.
 */
public final class PrometheusSource {
  /**
   * Status ids are the catalogue's (RequestCatalogue), a ":" and what the request was for: the
   * fixed usage queries, or a user query's name.
   */
  static final String QUERY = "prometheus/query";

  public static final String USAGE = QUERY + ":usage";
  static final String TARGETS = "prometheus/targets";

  private final JsonSource source;
  private final String prefix;
  private final SourceLog log;

  /**
   * @param prefix the path before {@code /api/v1/...}: the service proxy path, or "" (or the
   *     URL's path) for a direct URL
   */
  public PrometheusSource(JsonSource source, String prefix, SourceLog log) {
    this.source = source;
    this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    this.log = log;
  }

  /** Queries in flight at once after the first: Prometheus evaluates them in parallel. */
  static final int CONCURRENT_QUERIES = 4;

  /** The usage samples, or null when Prometheus did not answer (logged). */
  public UsageData usage(String rateWindow) {
    UsageData data = new UsageData(UsageSource.PROMETHEUS);
    long start = System.nanoTime();
    List<UsageQueries.Query> queries = UsageQueries.all(rateWindow);
    // The first query alone: when it fails, Prometheus is not there and the rest are not sent.
    List<Object> answers = new ArrayList<>(List.of(answer(queries.get(0))));
    if (answers.get(0) instanceof SourceException e) {
      log.failed(USAGE + "/" + queries.get(0).name(), e, 1, seconds(start));
      return null;
    }
    // The other round trips to a Prometheus on the same cluster overlap: one after another
    // they were a third of the k3s recording's wall time.
    answers.addAll(inParallel(queries.subList(1, queries.size())));
    for (int i = 0; i < queries.size(); i++) {
      if (answers.get(i) instanceof PromResult r) {
        store(data, queries.get(i), r);
      } else {
        log.failed(USAGE + "/" + queries.get(i).name(), (SourceException) answers.get(i), 1,
            seconds(start));
      }
    }
    data.completePods();
    log.ok(USAGE, "GET " + prefix + "/api/v1/query", queries.size(), seconds(start));
    return data;
  }

  /** Each query's PromResult or SourceException, in the order asked. */
  private List<Object> inParallel(List<UsageQueries.Query> queries) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            CONCURRENT_QUERIES,
            r -> {
              Thread t = new Thread(r, "kubemon-prometheus");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (UsageQueries.Query q : queries) {
        futures.add(pool.submit(() -> answer(q)));
      }
      List<Object> answers = new ArrayList<>();
      for (Future<Object> f : futures) {
        answers.add(f.get());
      }
      return answers;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while querying Prometheus", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a Prometheus query failed unexpectedly", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Object answer(UsageQueries.Query q) {
    try {
      return query(q.promql());
    } catch (SourceException e) {
      return e;
    }
  }

  /** Scrape target health for {@code kubemon_pipeline_health_v1}. */
  public PipelineHealth.Prometheus health() {
    String path = prefix + "/api/v1/targets?state=active";
    long start = System.nanoTime();
    try {
      PromTargets t = source.getJson(path, PromTargets::read);
      log.ok(TARGETS, "GET " + path, 1, seconds(start));
      List<PipelineHealth.DownTarget> down = new ArrayList<>();
      for (PromTargets.DownTarget d : t.downTargets()) {
        KubeletTls fix = KubeletTls.of(d.job(), d.lastError());
        down.add(new PipelineHealth.DownTarget(d.job(), d.instance(), d.lastError(),
            fix == null ? null : fix.hint(), fix == null ? null : fix.anchor()));
      }
      return new PipelineHealth.Prometheus(true, t.up(), t.down(), down);
    } catch (SourceException e) {
      log.failed(TARGETS, withHint(e), 1, seconds(start));
      return new PipelineHealth.Prometheus(false, null, null, List.of());
    }
  }

  private static final String UNREACHABLE_HINT =
      "check that Prometheus runs (kubectl -n check-mk get pods,svc) and that --prometheus-service"
          + " or --prometheus-url names it; through the proxy the check-mk account needs"
          + " \"get services/proxy\" on that service";

  private static SourceException withHint(SourceException e) {
    return e.hint() != null
        ? e
        : new SourceException(e.request(), e.httpStatus(), e.getMessage(), UNREACHABLE_HINT,
            "prometheus-unreachable", e);
  }

  /** The user's queries; each must give one number. */
  public List<NamedValue> userQueries(List<PromQuery> queries) {
    List<NamedValue> result = new ArrayList<>();
    for (PromQuery q : queries) {
      long start = System.nanoTime();
      try {
        PromResult r = query(q.query());
        log.ok(QUERY + ":" + q.name(), "GET " + prefix + "/api/v1/query", 1, seconds(start));
        result.add(single(q, r.samples()));
      } catch (SourceException e) {
        log.failed(QUERY + ":" + q.name(), e, 1, seconds(start));
        result.add(NamedValue.queryError(q.name(), q.query(), q.unit(), e.getMessage()));
      }
    }
    return result;
  }

  private static NamedValue single(PromQuery q, List<Sample> samples) {
    if (samples.size() != 1) {
      String error =
          samples.isEmpty()
              ? "query returned no series; check the metric name and labels"
              : "query returned " + samples.size() + " series; aggregate it to one";
      return NamedValue.queryError(q.name(), q.query(), q.unit(), error);
    }
    double v = samples.get(0).value();
    if (!Double.isFinite(v)) {
      return NamedValue.queryError(q.name(), q.query(), q.unit(), "query returned " + v);
    }
    return NamedValue.query(q.name(), q.query(), q.unit(), v);
  }

  private PromResult query(String promql) throws SourceException {
    String path =
        prefix
            + "/api/v1/query?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8).replace("+", "%20");
    PromResult r = source.getJson(path, PromResult::read);
    if (!r.success()) {
      throw new SourceException(
          "GET " + prefix + "/api/v1/query",
          200,
          "Prometheus refused the query: " + source.redact(r.error(), 200),
          "check the query's PromQL syntax",
          "prometheus-query");
    }
    return r;
  }

  private static void store(UsageData data, UsageQueries.Query q, PromResult r) {
    for (Sample s : r.samples()) {
      if (!Double.isFinite(s.value())) {
        continue;
      }
      if (unkeyed(q.level(), s)) {
        continue;
      }
      data.seen((long) s.timestamp());
      if (q.level() == UsageQueries.Level.NODE_OS) {
        NodeOsQueries.store(data.nodeOs(s.label("node")), q.field(), s);
        continue;
      }
      target(data, q.level(), s).put(q.field(), s.value());
    }
  }

  /** A series without the labels its level needs (e.g. no node label) maps to no object. */
  private static boolean unkeyed(UsageQueries.Level level, Sample s) {
    return switch (level) {
      case NODE, NODE_OS -> s.label("node").isEmpty();
      case POD -> s.label("pod").isEmpty();
      case CONTAINER -> s.label("pod").isEmpty() || s.label("container").isEmpty();
      case CLAIM -> s.label("persistentvolumeclaim").isEmpty();
    };
  }

  private static Map<String, Double> target(UsageData data, UsageQueries.Level level, Sample s) {
    return switch (level) {
      case NODE -> data.node(s.label("node"));
      case POD -> data.pod(s.label("namespace"), s.label("pod")).fields();
      case CONTAINER ->
          data.pod(s.label("namespace"), s.label("pod")).container(s.label("container"));
      case CLAIM -> data.claim(s.label("namespace"), s.label("persistentvolumeclaim"));
      case NODE_OS -> throw new IllegalArgumentException("node OS samples go to NodeOsQueries");
    };
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
