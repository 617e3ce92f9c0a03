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

/** Every section's JSON has exactly the keys of its example in docs/sections.md. */
class SectionShapeTest {

  /** Objects whose keys are data (Kubernetes labels, quota resources), not part of the shape. */
  private static final Set<String> FREE_FORM =
      Set.of("labels", "annotations", "selector", "hard", "used");

  private static final Pattern EXAMPLE =
      Pattern.compile(
          "^## (kubemon_\\w+_v1(?: / kubemon_\\w+_v1)*)[^\\n"
              + "]*\\n"
              + "(?:(?!^## )[\\s\\S])*?```json\\n"
              + "(.*?)\\n"
              + "```",
          Pattern.MULTILINE);

  static Map<String, JsonElement> examples() throws IOException {
    Path doc = Path.of(System.getProperty("kubemon.root", ".."), "docs", "sections.md");
    Map<String, JsonElement> out = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(Files.readString(doc));
    while (m.find()) {
      // "## kubemon_cpu_resources_v1 / kubemon_memory_resources_v1" shares one example
      for (String name : m.group(1).split(" / ")) {
        out.put(name, JsonParser.parseString(m.group(2)));
      }
    }
    return out;
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
    for (Map.Entry<String, JsonElement> e : examples.entrySet()) {
      List<JsonElement> bodies = written.get(e.getKey());
      assertFalse(bodies == null, e.getKey() + " was not written by the synthetic cluster");
      for (JsonElement body : bodies) {
        sameShape(e.getKey(), e.getValue(), body);
      }
    }
    assertEquals(
        examples.keySet(), Set.copyOf(written.keySet()), "sections written but not documented");
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
