package io.kubemon.agent.model;

/** One of running / waiting / terminated, with only the fields that apply set. */
public record ContainerState(
    String type,
    String reason,
    String message,
    Long exitCode,
    Long signal,
    Long startedAt,
    Long finishedAt) {

  public boolean is(String stateType) {
    return stateType.equals(type);
  }
}
