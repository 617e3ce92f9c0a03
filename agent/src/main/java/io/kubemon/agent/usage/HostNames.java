package io.kubemon.agent.usage;

import java.util.Optional;

/**
 * Piggyback host names of monitored objects (docs/sections.md, "Framing"); empty when the object
 * is not monitored, so no section is written for it.
 */
public interface HostNames {

  Optional<String> node(String name);

  Optional<String> namespace(String name);

  Optional<String> pod(String namespace, String name);

  /** Deployments, DaemonSets, StatefulSets and CronJobs; empty for every other kind. */
  Optional<String> controller(String namespace, String kind, String name);
}
