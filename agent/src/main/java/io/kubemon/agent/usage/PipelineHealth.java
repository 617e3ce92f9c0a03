package io.kubemon.agent.usage;

import java.util.List;

/** The pieces of {@code kubemon_pipeline_health_v1}; each is null when its source was not asked. */
public final class PipelineHealth {

  /**
   * A target Prometheus could not scrape; {@code hint} and {@code anchor} (docs/troubleshooting.md)
   * say which fix applies when the agent recognises the error (kubelet certificates), else null.
   */
  public record DownTarget(
      String job, String instance, String lastError, String hint, String anchor) {}

  /** Targets count only when Prometheus answered; {@code reachable} false otherwise. */
  public record Prometheus(
      boolean reachable, Integer targetsUp, Integer targetsDown, List<DownTarget> down) {}

  /** The APIService condition {@code Available} of v1beta1.custom.metrics.k8s.io. */
  public record Adapter(String apiService, Boolean available, String reason, String message) {}

  private volatile Prometheus prometheus;
  private volatile Adapter adapter;
  private volatile Integer customMetricsOffered;

  public Prometheus prometheus() {
    return prometheus;
  }

  public void prometheus(Prometheus value) {
    prometheus = value;
  }

  public Adapter adapter() {
    return adapter;
  }

  public void adapter(Adapter value) {
    adapter = value;
  }

  public Integer customMetricsOffered() {
    return customMetricsOffered;
  }

  public void customMetricsOffered(Integer value) {
    customMetricsOffered = value;
  }

  public boolean empty() {
    return prometheus == null && adapter == null && customMetricsOffered == null;
  }
}
