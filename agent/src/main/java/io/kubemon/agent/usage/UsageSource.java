package io.kubemon.agent.usage;

import io.kubemon.agent.ConfigurationException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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
    List<String> parts = Arrays.stream((text == null ? "" : text).split(","))
        .map(String::strip).filter(p -> !p.isEmpty()).toList();
    if (parts.isEmpty()) {
      throw new ConfigurationException("--usage-sources must not be empty; use \"none\"");
    }
    if (parts.contains("none")) {
      if (parts.size() > 1) {
        throw new ConfigurationException(
            "--usage-sources: \"none\" must stand alone, got \"" + text + "\"");
      }
      return result;
    }
    for (String part : parts) {
      result.add(parse(part));
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
        "--usage-sources: unknown value \""
            + option
            + "\", expected any of custom-metrics, kubelet, metrics-api, none, prometheus");
  }
}
