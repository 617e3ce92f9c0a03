package io.kubemon.it.flow;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agent output taken apart per {@code docs/sections.md}: hosts ({@code ""} for the cluster host)
 * mapped to their sections, each section the one JSON line under its header. Sections without
 * {@code :sep(0)} are Checkmk's own Linux agent sections ("Node OS sections"): their lines are
 * kept as text.
 */
public final class AgentOutput {
  private static final Pattern PIGGYBACK = Pattern.compile("^<<<<(.*)>>>>$");
  private static final Pattern SECTION = Pattern.compile("^<<<([a-z0-9_]+)(:[^>]*)?>>>$");

  private final Map<String, Map<String, JsonObject>> hosts = new LinkedHashMap<>();
  private final Map<String, Map<String, List<String>>> text = new LinkedHashMap<>();

  private AgentOutput() {}

  /** Throws with the line number when a section does not hold exactly one JSON object line. */
  public static AgentOutput parse(String text) {
    AgentOutput output = new AgentOutput();
    String host = "";
    String section = null;
    List<String> plain = null;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      Matcher piggyback = PIGGYBACK.matcher(line);
      Matcher header = SECTION.matcher(line);
      if (piggyback.matches()) {
        host = piggyback.group(1);
        section = null;
        plain = null;
      } else if (header.matches() && !":sep(0)".equals(header.group(2))) {
        section = null;
        plain = output.text.computeIfAbsent(host, h -> new LinkedHashMap<>())
            .computeIfAbsent(header.group(1), k -> new ArrayList<>());
      } else if (header.matches()) {
        section = header.group(1);
        plain = null;
      } else if (plain != null) {
        plain.add(line);
      } else if (!line.isEmpty()) {
        if (section == null) {
          throw new IllegalArgumentException(
              "line " + (n + 1) + " is outside any section: " + abbreviate(line));
        }
        if (output.section(host, section) != null) {
          throw new IllegalArgumentException(
              "line "
                  + (n + 1)
                  + ": section "
                  + section
                  + " of host '"
                  + host
                  + "' has more than one line");
        }
        output
            .hosts
            .computeIfAbsent(host, h -> new LinkedHashMap<>())
            .put(section, JsonParser.parseString(line).getAsJsonObject());
      }
    }
    return output;
  }

  public Map<String, Map<String, JsonObject>> hosts() {
    return hosts;
  }

  /** The lines of a section without {@code :sep(0)}, or null when the host has none. */
  public List<String> textSection(String host, String section) {
    return text.getOrDefault(host, Map.of()).get(section);
  }

  public JsonObject section(String host, String section) {
    return hosts.getOrDefault(host, Map.of()).get(section);
  }

  private static String abbreviate(String line) {
    return line.length() > 100 ? line.substring(0, 97) + "..." : line;
  }
}
