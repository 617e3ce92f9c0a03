package io.kubemon.agent.usage;

import io.kubemon.agent.ConfigurationException;
import java.util.EnumSet;
import java.util.Set;

/** The metrics pipelines the agent can read usage from ({@code --usage-sources}). */
public enum UsageSource {
  PROMETHEUS("prometheus", "prometheus"),
  KUBELET("kubelet", "kubelet"),
  METRICS_API("metrics-api", "metrics_api"),
  CUSTOM_METRICS("custom-metrics", "custom_metrics");

  private final String option;
  private final String sectionName;

  UsageSource(String option, String sectionName) {
    this.option = option;
    this.sectionName = sectionName;
  }

  /** The spelling in {@code --usage-sources}. */
  public String option() {
    return option;
  }

  /** The value of the {@code source} field in the usage sections. */
  public String sectionName() {
    return sectionName;
  }

  /** Parses {@code --usage-sources}: a comma-separated list, or {@code none} alone. */
  public static Set<UsageSource> parseList(String text) throws ConfigurationException {
    EnumSet<UsageSource> result = EnumSet.noneOf(UsageSource.class);
    if (text == null || text.strip().equals("none")) {
      return result;
    }
    for (String part : text.split(",", -1)) {
      result.add(parse(part.strip()));
    }
    return result;
  }

  private static UsageSource parse(String option) throws ConfigurationException {
    for (UsageSource s : values()) {
      if (s.option.equals(option)) {
        return s;
      }
    }
    throw new ConfigurationException(
        "--usage-sources: unknown source \""
            + option
            + "\"; expected any of prometheus, metrics-api, custom-metrics, kubelet, or none alone");
  }
}
