package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every anchor the transport can report has its heading in docs/troubleshooting.md. */
class TroubleshootingAnchorsTest {
  private static final Pattern HEADING = Pattern.compile("^## <a id=\"([a-z0-9-]+)\"></a>\\S.*$");

  @Test
  void everyAnchorHasOneHeading() throws Exception {
    Path root = Path.of(System.getProperty("kubemon.root", ".."));
    List<String> headings = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("docs/troubleshooting.md"))) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        headings.add(m.group(1));
      }
    }
    assertEquals(headings.size(), new TreeSet<>(headings).size(), "duplicate anchors: " + headings);
    Set<String> anchors = new TreeSet<>();
    for (Class<?> type : List.of(Failures.class, StatusFailures.class)) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          anchors.add((String) field.get(null));
        }
      }
    }
    assertTrue(anchors.size() >= 20, "anchors found: " + anchors);
    for (String anchor : anchors) {
      assertTrue(headings.contains(anchor), "no heading for anchor " + anchor);
    }
  }
}
