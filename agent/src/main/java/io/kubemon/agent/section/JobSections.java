package io.kubemon.agent.section;

import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Job;
import java.util.Comparator;
import java.util.List;

/**
 * The Job lists: a CronJob's own ({@code kubemon_cronjob_jobs_v1}) and the standalone Jobs of the
 * cluster and namespace hosts ({@code kubemon_jobs_v1}).
 */
final class JobSections {
  private JobSections() {}

  /**
   * Jobs listed per host in {@code kubemon_jobs_v1}; the rest only count. Finished Jobs stay until
   * someone deletes them (or their ttlSecondsAfterFinished passes), so CI clusters pile up
   * thousands.
   */
  static final int LISTED = 50;

  static final List<String> STATUSES =
      List.of("Complete", "Failed", "Running", "Pending", "Suspended");

  static final Comparator<Job> NEWEST_FIRST =
      Comparator.comparing(
              (Job j) -> j.meta().creationTimestamp(),
              Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
          .reversed();

  static Obj cronJobJobs(List<Job> jobs) {
    return new Obj()
        .with("jobs", jobs.stream().sorted(NEWEST_FIRST).map(j -> job(j, null)).toList());
  }

  /** The standalone Jobs (no CronJob owns them) of one scope, newest first. */
  static Obj standaloneJobs(List<Job> jobs) {
    Obj counts = new Obj();
    STATUSES.forEach(status -> counts.with(status, 0L));
    for (Job j : jobs) {
      counts.merge(status(j), 1L, (a, b) -> (Long) a + (Long) b);
    }
    List<Obj> listed =
        jobs.stream()
            .sorted(NEWEST_FIRST)
            .limit(LISTED)
            .map(
                j ->
                    job(j, j.meta().namespace())
                        .with("completions", j.completions())
                        .with("backoff_limit", j.backoffLimit())
                        .with("active_deadline_seconds", j.activeDeadlineSeconds()))
            .toList();
    return new Obj().with("jobs", listed).with("counts", counts);
  }

  /** The fields both sections share; {@code namespace} only where a host spans namespaces. */
  private static Obj job(Job j, String namespace) {
    Condition failed = condition(j, "Failed");
    Obj out = new Obj().with("name", j.meta().name());
    if (namespace != null) {
      out.with("namespace", namespace);
    }
    return out.with("creation_timestamp", j.meta().creationTimestamp())
        .with("start_time", j.startTime())
        .with("completion_time", j.completionTime())
        .with("active", j.active())
        .with("succeeded", j.succeeded())
        .with("failed", j.failed())
        .with("status", status(j))
        .with("failure_reason", failed == null ? null : failed.reason());
  }

  /**
   * The terminal conditions win; a suspended Job starts no pods (spec.suspend, or the controller's
   * Suspended condition), so it is neither Running nor Pending.
   */
  static String status(Job j) {
    if (condition(j, "Complete") != null) {
      return "Complete";
    }
    if (condition(j, "Failed") != null) {
      return "Failed";
    }
    if (j.suspend() || condition(j, "Suspended") != null) {
      return "Suspended";
    }
    return j.active() > 0 ? "Running" : "Pending";
  }

  private static Condition condition(Job j, String type) {
    return j.conditions().stream()
        .filter(c -> type.equals(c.type()) && "True".equals(c.status()))
        .findFirst()
        .orElse(null);
  }
}
