package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every section's JSON has exactly the keys of its example in docs/sections.md; a {@code _v2} or
 * later section (which leaves defaults out) only keys its text names, and never a default value.
 */
class SectionShapeTest {

  /** Objects whose keys are data (Kubernetes labels, quota resources), not part of the shape. */
  private static final Set<String> FREE_FORM =
      Set.of("labels", "annotations", "selector", "hard", "used");

  private static final Pattern EXAMPLE =
      Pattern.compile(
          "^## (kubemon_\\w+_v\\d(?: / kubemon_\\w+_v\\d)*)[^\\n"
              + "]*\\n"
              + "((?:(?!^## )[\\s\\S])*?)```json\\n"
              + "(.*?)\\n"
              + "```",
          Pattern.MULTILINE);

  /** Sections whose top-level keys are data (condition types); each value has the shape. */
  private static final Set<String> KEYED_BY_DATA =
      Set.of("kubemon_pod_conditions_v3", "kubemon_workload_conditions_v2");

  /** Keys whose default is not null (a repeat, or a usual value), so a null is written. */
  private static final Set<String> NULL_WRITTEN =
      Set.of("start_time", "phase", "observed_generation");

  private static final Pattern NAMED = Pattern.compile("[`\"]([a-z_]+)[`\"]");

  static Map<String, JsonElement> examples() throws IOException {
    Map<String, JsonElement> out = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(doc());
    while (m.find()) {
      // "## kubemon_cpu_resources_v2 / kubemon_memory_resources_v2" shares one example
      for (String name : m.group(1).split(" / ")) {
        out.put(name, JsonParser.parseString(m.group(3)));
      }
    }
    return out;
  }

  /** Per {@code _v2} section: every key its text names in backquotes (the omittable ones too). */
  static Map<String, Set<String>> namedKeys() throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(doc());
    while (m.find()) {
      Set<String> named = new java.util.HashSet<>();
      Matcher n = NAMED.matcher(m.group(2));
      while (n.find()) {
        named.add(n.group(1));
      }
      for (String name : m.group(1).split(" / ")) {
        out.put(name, named);
      }
    }
    return out;
  }

  private static String doc() throws IOException {
    return Files.readString(
        Path.of(System.getProperty("kubemon.root", ".."), "docs", "sections.md"));
  }

  /** Every body written under each section name, in output order. */
  static Map<String, List<JsonElement>> sections(String output) {
    Map<String, List<JsonElement>> out = new LinkedHashMap<>();
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].startsWith("<<<kubemon_")) {
        String name = lines[i].substring(3, lines[i].indexOf(':'));
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(JsonParser.parseString(lines[i + 1]));
      }
    }
    return out;
  }

  @Test
  void everyExampleSectionIsWrittenWithTheSameKeys() throws IOException {
    Map<String, JsonElement> examples = examples();
    assertTrue(examples.size() == 26, "examples found: " + examples.keySet());
    // --kubelet-health too: its section is written only when asked.
    String output = Fixtures.run(
        SyntheticCluster.api(), Fixtures.options("synthetic").withKubeletHealth());
    Map<String, List<JsonElement>> written = sections(output);
    Map<String, Set<String>> named = namedKeys();
    for (Map.Entry<String, JsonElement> e : examples.entrySet()) {
      List<JsonElement> bodies = written.get(e.getKey());
      assertFalse(bodies == null, e.getKey() + " was not written by the synthetic cluster");
      for (JsonElement body : bodies) {
        if (e.getKey().endsWith("_v1")) {
          sameShape(e.getKey(), e.getValue(), body);
        } else if (KEYED_BY_DATA.contains(e.getKey())) {
          JsonElement first =
              e.getValue().getAsJsonObject().entrySet().iterator().next().getValue();
          for (Map.Entry<String, JsonElement> entry : body.getAsJsonObject().entrySet()) {
            leanShape(e.getKey() + "." + entry.getKey(), first, entry.getValue(),
                named.get(e.getKey()));
          }
        } else {
          leanShape(e.getKey(), e.getValue(), body, named.get(e.getKey()));
        }
      }
    }
    assertEquals(
        examples.keySet(), Set.copyOf(written.keySet()), "sections written but not documented");
  }

  /**
   * A {@code _v2} body: only keys the section's text names, no default (null, false, empty list or
   * object) below the top level, and the example's shape where the example has the key.
   */
  private static void leanShape(
      String path, JsonElement example, JsonElement actual, Set<String> named) {
    if (actual.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : actual.getAsJsonObject().entrySet()) {
        String at = path + "." + e.getKey();
        JsonElement v = e.getValue();
        // null is left out, except where the default is another value (docs/sections.md)
        assertFalse(v.isJsonNull() && !NULL_WRITTEN.contains(e.getKey()),
            at + " is null: a _v2 section leaves it out");
        assertFalse(
            v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() && !v.getAsBoolean(),
            at + " is false: a _v2 section leaves it out");
        assertFalse(
            v.isJsonArray() && v.getAsJsonArray().isEmpty()
                || v.isJsonObject() && v.getAsJsonObject().isEmpty(),
            at + " is empty: a _v2 section leaves it out");
        if (FREE_FORM.contains(e.getKey())) {
          continue;
        }
        assertTrue(named.contains(e.getKey()), at + " is not named in docs/sections.md");
        JsonElement ex =
            example != null && example.isJsonObject() ? example.getAsJsonObject().get(e.getKey())
                : null;
        leanShape(at, ex, v, named);
      }
    } else if (actual.isJsonArray()) {
      JsonElement ex =
          example != null && example.isJsonArray() && !example.getAsJsonArray().isEmpty()
              ? example.getAsJsonArray().get(0)
              : null;
      for (JsonElement item : actual.getAsJsonArray()) {
        leanShape(path + "[]", ex, item, named);
      }
    } else if (example != null && example.isJsonPrimitive()) {
      assertEquals(
          example.getAsJsonPrimitive().isString(),
          actual.getAsJsonPrimitive().isString(),
          path + " type");
    }
  }

  private static void sameShape(String path, JsonElement example, JsonElement actual) {
    if (example.isJsonNull() || actual.isJsonNull()) {
      return; // an optional value may be null on either side
    }
    if (example.isJsonObject()) {
      assertTrue(actual.isJsonObject(), path + " is not an object: " + actual);
      JsonObject ex = example.getAsJsonObject();
      JsonObject ac = actual.getAsJsonObject();
      assertEquals(ex.keySet(), ac.keySet(), path + " keys");
      for (String key : ex.keySet()) {
        if (!FREE_FORM.contains(key)) {
          sameShape(path + "." + key, ex.get(key), ac.get(key));
        }
      }
    } else if (example.isJsonArray()) {
      assertTrue(actual.isJsonArray(), path + " is not a list: " + actual);
      JsonArray ex = example.getAsJsonArray();
      if (!ex.isEmpty()) {
        for (JsonElement item : actual.getAsJsonArray()) {
          sameShape(path + "[]", ex.get(0), item);
        }
      }
    } else {
      assertEquals(
          example.getAsJsonPrimitive().isString(),
          actual.getAsJsonPrimitive().isString(),
          path + " type");
    }
  }
}
