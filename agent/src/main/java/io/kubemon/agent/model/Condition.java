package io.kubemon.agent.model;

/** A status condition; {@code lastHeartbeatTime} exists only on nodes. */
public record Condition(
    String type,
    String status,
    String reason,
    String message,
    Long lastTransitionTime,
    Long lastHeartbeatTime) {}
