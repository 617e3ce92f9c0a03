package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubemon.agent.model.Condition;
import io.kubemon.agent.model.CronJob;
import io.kubemon.agent.model.Job;
import io.kubemon.agent.model.ObjectMeta;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Streams Jobs and CronJobs. */
final class BatchReader {
  private BatchReader() {}

  private static final class BatchFields {
    ObjectMeta meta;
    final Map<String, Object> values = new HashMap<>();
    List<Condition> conditions = List.of();
  }

  private static BatchFields read(JsonReader r, Predicate<String> keep) throws IOException {
    BatchFields f = new BatchFields();
    Fields.object(
        r,
        (name, in) -> {
          switch (name) {
            case "metadata" -> f.meta = MetaReader.meta(in, keep);
            case "spec", "status" -> Fields.object(in, (n, s) -> value(f, n, s));
            default -> {
              return false;
            }
          }
          return true;
        });
    return f;
  }

  private static boolean value(BatchFields f, String name, JsonReader in) throws IOException {
    switch (name) {
      case "conditions" -> f.conditions = MetaReader.conditions(in);
      case "active" ->
          f.values.put(
              name,
              in.peek() == JsonToken.BEGIN_ARRAY
                  ? (long) Fields.list(in, Fields::stringMap).size()
                  : Fields.number(in));
      case "succeeded", "failed", "completions", "backoffLimit", "activeDeadlineSeconds" ->
          f.values.put(name, Fields.number(in));
      case "startTime", "completionTime", "lastScheduleTime", "lastSuccessfulTime" ->
          f.values.put(name, Fields.time(in));
      case "schedule", "timeZone", "concurrencyPolicy" -> f.values.put(name, Fields.string(in));
      case "suspend" -> f.values.put(name, Fields.bool(in));
      default -> {
        return false;
      }
    }
    return true;
  }

  static Job job(JsonReader r, Predicate<String> keep) throws IOException {
    BatchFields f = read(r, keep);
    if (f.meta == null) {
      return null;
    }
    Map<String, Object> v = f.values;
    return new Job(
        f.meta,
        (Long) v.get("startTime"),
        (Long) v.get("completionTime"),
        count(v, "active"),
        count(v, "succeeded"),
        count(v, "failed"),
        f.conditions,
        Boolean.TRUE.equals(v.get("suspend")),
        (Long) v.get("completions"),
        (Long) v.get("backoffLimit"),
        (Long) v.get("activeDeadlineSeconds"));
  }

  /** A CronJob's {@code .status.active} is a list of job references; a Job's is a count. */
  static CronJob cronJob(JsonReader r, Predicate<String> keep) throws IOException {
    BatchFields f = read(r, keep);
    if (f.meta == null) {
      return null;
    }
    Map<String, Object> v = f.values;
    return new CronJob(
        f.meta,
        (String) v.get("schedule"),
        (String) v.get("timeZone"),
        Boolean.TRUE.equals(v.get("suspend")),
        (String) v.get("concurrencyPolicy"),
        (int) count(v, "active"),
        (Long) v.get("lastScheduleTime"),
        (Long) v.get("lastSuccessfulTime"));
  }

  private static long count(Map<String, Object> values, String key) {
    Object value = values.get(key);
    return value instanceof Long l ? l : 0;
  }
}
