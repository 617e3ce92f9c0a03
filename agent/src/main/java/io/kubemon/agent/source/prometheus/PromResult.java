package io.kubemon.agent.source.prometheus;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code /api/v1/query}: the envelope {@code {"status", "data": {"resultType",
 * "result"}, "errorType", "error"}} read with the streaming reader. A {@code scalar} result
 * becomes one sample without labels; {@code matrix} and {@code string} results are refused.
 */
public record PromResult(String status, String resultType, List<Sample> samples, String error) {

  /** One series: its labels and the value; Prometheus writes NaN and ±Inf as strings. */
  public record Sample(Map<String, String> labels, double timestamp, double value) {
    public String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }

  public boolean success() {
    return "success".equals(status);
  }

  public static PromResult read(JsonReader in) throws IOException {
    String status = null;
    String error = null;
    String errorType = null;
    String[] type = {null};
    List<Sample> samples = new ArrayList<>();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "status" -> status = in.nextString();
        case "error" -> error = in.nextString();
        case "errorType" -> errorType = in.nextString();
        case "data" -> readData(in, type, samples);
        default -> in.skipValue();
      }
    }
    in.endObject();
    String message = error == null ? null : (errorType == null ? error : errorType + ": " + error);
    return new PromResult(status, type[0], List.copyOf(samples), message);
  }

  private static void readData(JsonReader in, String[] type, List<Sample> samples)
      throws IOException {
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "resultType" -> type[0] = in.nextString();
        case "result" -> readResult(in, type[0], samples);
        default -> in.skipValue();
      }
    }
    in.endObject();
  }

  private static void readResult(JsonReader in, String type, List<Sample> samples)
      throws IOException {
    if ("scalar".equals(type)) {
      samples.add(readPoint(in, Map.of()));
      return;
    }
    if (!"vector".equals(type)) {
      throw new IOException(
          "expected an instant vector or scalar at data.result, got resultType " + type);
    }
    in.beginArray();
    while (in.hasNext()) {
      samples.add(readSeries(in));
    }
    in.endArray();
  }

  private static Sample readSeries(JsonReader in) throws IOException {
    Map<String, String> labels = new HashMap<>();
    Sample point = null;
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "metric" -> {
          in.beginObject();
          while (in.hasNext()) {
            labels.put(in.nextName(), in.nextString());
          }
          in.endObject();
        }
        case "value" -> point = readPoint(in, Map.of());
        default -> in.skipValue();
      }
    }
    in.endObject();
    if (point == null) {
      throw new IOException("a series at data.result has no \"value\" (native histogram?)");
    }
    return new Sample(Map.copyOf(labels), point.timestamp(), point.value());
  }

  private static Sample readPoint(JsonReader in, Map<String, String> labels) throws IOException {
    in.beginArray();
    double ts = in.nextDouble();
    double value = parseValue(in.peek() == JsonToken.STRING ? in.nextString() : "" + in.nextDouble());
    in.endArray();
    return new Sample(labels, ts, value);
  }

  static double parseValue(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
