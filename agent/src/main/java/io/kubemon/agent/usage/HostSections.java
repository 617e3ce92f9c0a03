package io.kubemon.agent.usage;

import io.kubemon.agent.output.SectionWriter;

/**
 * Sections a host's block gets after its API sections: the usage part's, so each host is one
 * block (docs/sections.md, "Framing"). The API writer calls it with the block still open.
 */
@FunctionalInterface
public interface HostSections {
  HostSections NONE = (host, out) -> {};

  /** Appends the host's sections to the open block of {@code host} ("" is the cluster). */
  void write(String host, SectionWriter out);

  /** As {@link #write} for a pod's host: pods are looked up by name, not by host name. */
  default void pod(String namespace, String name, String host, SectionWriter out) {
    write(host, out);
  }
}
