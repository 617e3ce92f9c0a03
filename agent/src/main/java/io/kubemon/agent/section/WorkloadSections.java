package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.model.CronJob;
import io.kubemon.agent.model.Job;
import io.kubemon.agent.model.Namespace;
import io.kubemon.agent.model.ResourceQuota;
import io.kubemon.agent.model.Workload;
import io.kubemon.agent.model.WorkloadKind;
import io.kubemon.agent.quantity.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sections of workload, CronJob and namespace hosts that do not depend on pods. */
final class WorkloadSections {
  private WorkloadSections() {}

  /** What a Deployment gets when its spec names no strategy (the API server's default). */
  private static final Obj DEPLOYMENT_STRATEGY =
      new Obj()
          .with("type", "RollingUpdate")
          .with("max_surge", "25%")
          .with("max_unavailable", "25%");

  static void write(Workload w, SectionWriter out) {
    out.section("kubemon_workload_info_v2", info(w));
    out.section("kubemon_workload_replicas_v2", replicas(w));
    out.section("kubemon_workload_conditions_v2", PodSections.conditions(w.conditions()));
  }

  /** Counts of 0 left out, and ready, updated, available counts equal to the desired one. */
  private static Obj replicas(Workload w) {
    long desired = w.desired();
    Obj o = new Obj().with("kind", w.kind().kind()).nonZero("desired", desired);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("ready", w.ready());
    counts.put("updated", w.updated());
    counts.put("available", w.available());
    counts.forEach((key, count) -> {
      if (count != desired) {
        o.put(key, count);
      }
    });
    return o.nonZero("misscheduled", w.misscheduled());
  }

  /**
   * Defaults left out (docs/sections.md): {@code observed_generation} equal to {@code generation},
   * no match expressions, a Deployment's default strategy, {@code min_ready_seconds} 0. Name and
   * namespace too: {@code kubemon_object_labels_v3} of the same host has them.
   */
  private static Obj info(Workload w) {
    Workload.Strategy st = w.strategy();
    Obj strategy =
        new Obj()
            .lean("type", st.type())
            .lean("max_surge", st.maxSurge())
            .lean("max_unavailable", st.maxUnavailable())
            .lean("partition", st.partition());
    boolean deployment = w.kind() == WorkloadKind.DEPLOYMENT;
    boolean usual = deployment ? strategy.equals(DEPLOYMENT_STRATEGY) : strategy.isEmpty();
    Obj o =
        new Obj()
            .with("kind", w.kind().kind())
            .lean("creation_timestamp", w.meta().creationTimestamp())
            .lean("generation", w.meta().generation());
    if (!java.util.Objects.equals(w.observedGeneration(), w.meta().generation())) {
      o.put("observed_generation", w.observedGeneration());
    }
    o.lean("selector", w.selector())
        .lean("match_expressions", matchExpressions(w))
        .lean("images", w.images())
        .lean("containers", w.containerNames());
    if (!usual) {
      o.put("strategy", strategy);
    }
    return o.nonZero("min_ready_seconds", w.minReadySeconds());
  }

  private static List<Obj> matchExpressions(Workload w) {
    return w.matchExpressions().stream()
        .map(
            e ->
                new Obj()
                    .with("key", e.key())
                    .with("operator", e.operator())
                    .lean("values", e.values()))
        .toList();
  }

  /**
   * @param jobs the CronJob's own Jobs, or null when the job list failed
   */
  static void write(CronJob c, List<Job> jobs, SectionWriter out) {
    out.section(
        "kubemon_cronjob_info_v1",
        new Obj()
            .with("name", c.meta().name())
            .with("namespace", c.meta().namespace())
            .with("creation_timestamp", c.meta().creationTimestamp())
            .with("schedule", c.schedule())
            .with("timezone", c.timeZone())
            .with("suspend", c.suspend())
            .with("concurrency_policy", c.concurrencyPolicy())
            .with("active", c.active())
            .with("last_schedule_time", c.lastScheduleTime())
            .with("last_successful_time", c.lastSuccessfulTime()));
    if (jobs != null) {
      out.section("kubemon_cronjob_jobs_v1", JobSections.cronJobJobs(jobs));
    }
  }

  static void write(Namespace n, List<ResourceQuota> quotas, SectionWriter out) {
    out.section(
        "kubemon_namespace_info_v1",
        new Obj()
            .with("name", n.meta().name())
            .with("creation_timestamp", n.meta().creationTimestamp())
            .with("phase", n.phase()));
    if (quotas != null) {
      out.section(
          "kubemon_resource_quotas_v1",
          new Obj().with("quotas", quotas.stream().map(WorkloadSections::quota).toList()));
    }
  }

  private static Obj quota(ResourceQuota q) {
    return new Obj()
        .with("name", q.meta().name())
        .with("hard", values(q.hard()))
        .with("used", values(q.used()))
        .with("scopes", q.scopes());
  }

  private static Obj values(Map<String, String> raw) {
    Obj out = new Obj();
    new TreeMap<>(raw).forEach((k, v) -> out.with(k, Quantity.byResourceKey(k, v)));
    return out;
  }
}
