package io.kubemon.agent.source.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test's own reading of the Prometheus text format (name, labels, value; the sample timestamp
 * dropped), independent of the agent's code, to compute expected figures and to re-serve the
 * series with moving counters.
 */
final class Exposition {
  private Exposition() {}

  record Series(String name, Map<String, String> labels, double value) {
    String label(String n) {
      return labels.getOrDefault(n, "");
    }

    String render(double v) {
      StringBuilder b = new StringBuilder(name).append('{');
      labels.forEach((k, x) -> b.append(k).append("=\"")
          .append(x.replace("\\", "\\\\").replace("\"", "\\\"")).append("\","));
      if (!labels.isEmpty()) {
        b.setLength(b.length() - 1);
      }
      return b.append("} ").append(v).toString();
    }
  }

  private static final Pattern LINE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)(?: \\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  static List<Series> parse(List<String> lines) {
    List<Series> result = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("unreadable exposition line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
      result.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return result;
  }
}
