package io.kubemon.agent.model;

import java.util.List;

/**
 * A batch/v1 Job; {@code completions}, {@code backoffLimit} and {@code activeDeadlineSeconds} are
 * null when the spec leaves them unset (the API server defaults backoffLimit to 6 on create).
 */
public record Job(
    ObjectMeta meta,
    Long startTime,
    Long completionTime,
    long active,
    long succeeded,
    long failed,
    List<Condition> conditions,
    boolean suspend,
    Long completions,
    Long backoffLimit,
    Long activeDeadlineSeconds) {

  /** True when a CronJob owns the Job (any owner reference, as the CronJob controller sets). */
  public boolean ownedByCronJob() {
    return meta.owners().stream().anyMatch(o -> "CronJob".equals(o.kind()));
  }
}
