package io.kubemon.agent.usage;

/**
 * One entry of {@code kubemon_prometheus_query_v1} or {@code kubemon_custom_metrics_v1}: a value,
 * or an error saying why there is none.
 *
 * @param object for custom metrics {@code <kind>/<name>} of the described object; else null
 * @param detail the PromQL query, or the custom metric's namespace (null if cluster-scoped)
 */
public record NamedValue(
    String name, String object, String detail, String unit, Double value, String error) {

  public static NamedValue query(String name, String query, String unit, Double value) {
    return new NamedValue(name, null, query, unit, value, null);
  }

  public static NamedValue queryError(String name, String query, String unit, String error) {
    return new NamedValue(name, null, query, unit, null, error);
  }
}
