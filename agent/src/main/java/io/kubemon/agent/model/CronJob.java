package io.kubemon.agent.model;

public record CronJob(
    ObjectMeta meta,
    String schedule,
    String timeZone,
    boolean suspend,
    String concurrencyPolicy,
    int active,
    Long lastScheduleTime,
    Long lastSuccessfulTime) {}
