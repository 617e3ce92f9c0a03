package io.kubemon.agent.section;

import io.kubemon.agent.output.SectionWriter;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.CronJob;
import io.kubemon.agent.model.Job;
import io.kubemon.agent.model.Namespace;
import io.kubemon.agent.model.ResourceQuota;
import io.kubemon.agent.model.Workload;
import io.kubemon.agent.quantity.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sections of workload, CronJob and namespace hosts that do not depend on pods. */
final class WorkloadSections {
  private WorkloadSections() {}

  static void write(Workload w, SectionWriter out) {
    Workload.Strategy st = w.strategy();
    out.section(
        "kubemon_workload_info_v1",
        new Obj()
            .with("kind", w.kind().kind())
            .with("name", w.meta().name())
            .with("namespace", w.meta().namespace())
            .with("creation_timestamp", w.meta().creationTimestamp())
            .with("generation", w.meta().generation())
            .with("observed_generation", w.observedGeneration())
            .with("selector", w.selector())
            .with("match_expressions", matchExpressions(w))
            .with("images", w.images())
            .with("containers", w.containerNames())
            .with(
                "strategy",
                new Obj()
                    .with("type", st.type())
                    .with("max_surge", st.maxSurge())
                    .with("max_unavailable", st.maxUnavailable())
                    .with("partition", st.partition()))
            .with("min_ready_seconds", w.minReadySeconds()));
    out.section(
        "kubemon_workload_replicas_v1",
        new Obj()
            .with("kind", w.kind().kind())
            .with("desired", w.desired())
            .with("ready", w.ready())
            .with("updated", w.updated())
            .with("available", w.available())
            .with("misscheduled", w.misscheduled()));
    out.section("kubemon_workload_conditions_v1", conditions(w.conditions()));
  }

  private static List<Obj> matchExpressions(Workload w) {
    return w.matchExpressions().stream()
        .map(
            e ->
                new Obj()
                    .with("key", e.key())
                    .with("operator", e.operator())
                    .with("values", e.values()))
        .toList();
  }

  private static Obj conditions(List<Condition> conditions) {
    return new Obj()
        .with(
            "conditions", conditions.stream().map(c -> NodeSections.condition(c, false)).toList());
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
