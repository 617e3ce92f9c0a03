package io.kubemon.agent.model;

import java.util.List;

public record Job(
    ObjectMeta meta,
    Long startTime,
    Long completionTime,
    long active,
    long succeeded,
    long failed,
    List<Condition> conditions) {}
