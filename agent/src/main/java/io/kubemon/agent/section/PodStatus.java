package io.kubemon.agent.section;

import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.Container;
import io.kubemon.agent.model.ContainerState;
import io.kubemon.agent.model.Pod;
import java.util.List;

/** The STATUS column of {@code kubectl get pods} (kubectl's printPod, without readiness gates). */
public final class PodStatus {
  private PodStatus() {}

  /** The kubelet sets this reason when it lost the node; kubectl then shows Unknown. */
  private static final String NODE_LOST = "NodeLost";

  public static String of(Pod pod) {
    String reason = pod.reason() != null && !pod.reason().isEmpty() ? pod.reason() : pod.phase();
    String init = initReason(pod);
    if (init != null) {
      reason = init;
    }
    if (init == null || conditionTrue(pod.conditions(), "Initialized")) {
      reason = containerReason(pod, reason);
    }
    if (pod.meta().deletionTimestamp() != null) {
      if (NODE_LOST.equals(pod.reason())) {
        return "Unknown";
      }
      if (!pod.terminated()) {
        return "Terminating";
      }
    }
    return reason;
  }

  /** The first init container that has not finished decides, as in kubectl; null if none. */
  private static String initReason(Pod pod) {
    List<Container> inits = pod.initContainers();
    for (int i = 0; i < inits.size(); i++) {
      Container c = inits.get(i);
      ContainerState s = c.state();
      if (s != null && s.is("terminated") && zero(s.exitCode())) {
        continue;
      }
      if ("Always".equals(c.restartPolicy()) && Boolean.TRUE.equals(c.started())) {
        continue; // a running sidecar counts as initialised
      }
      if (s != null && s.is("terminated")) {
        return "Init:" + (present(s.reason()) ? s.reason() : exitText(s));
      }
      if (s != null
          && s.is("waiting")
          && present(s.reason())
          && !"PodInitializing".equals(s.reason())) {
        return "Init:" + s.reason();
      }
      return "Init:" + i + "/" + inits.size();
    }
    return null;
  }

  /** The last container with a waiting or terminated reason wins. */
  private static String containerReason(Pod pod, String reason) {
    boolean hasRunning = false;
    List<Container> containers = pod.containers();
    for (int i = containers.size() - 1; i >= 0; i--) {
      Container c = containers.get(i);
      ContainerState s = c.state();
      if (s == null) {
        continue;
      }
      if (s.is("waiting") && present(s.reason())) {
        reason = s.reason();
      } else if (s.is("terminated")) {
        reason = present(s.reason()) ? s.reason() : exitText(s);
      } else if (c.ready() && s.is("running")) {
        hasRunning = true;
      }
    }
    if ("Completed".equals(reason) && hasRunning) {
      return conditionTrue(pod.conditions(), "Ready") ? "Running" : "NotReady";
    }
    return reason;
  }

  private static String exitText(ContainerState s) {
    return s.signal() != null && s.signal() != 0
        ? "Signal:" + s.signal()
        : "ExitCode:" + (s.exitCode() == null ? 0 : s.exitCode());
  }

  private static boolean conditionTrue(List<Condition> conditions, String type) {
    return conditions.stream().anyMatch(c -> type.equals(c.type()) && "True".equals(c.status()));
  }

  private static boolean zero(Long value) {
    return value != null && value == 0;
  }

  private static boolean present(String text) {
    return text != null && !text.isEmpty();
  }
}
