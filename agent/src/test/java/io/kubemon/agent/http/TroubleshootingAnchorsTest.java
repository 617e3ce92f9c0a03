package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every anchor the agent can report has its heading in docs/troubleshooting.md: the transport's
 * constants, and each anchor literal given to a {@code new SourceException(...)} in the main code.
 */
class TroubleshootingAnchorsTest {
  private static final Pattern HEADING = Pattern.compile("^## <a id=\"([a-z0-9-]+)\"></a>\\S.*$");
  private static final Pattern ANCHOR_LITERAL = Pattern.compile("\"([a-z0-9]+(?:-[a-z0-9]+)+)\"");

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
    Set<String> literals = sourceExceptionAnchors(root.resolve("agent/src/main/java"));
    assertTrue(literals.containsAll(Set.of("metrics-api", "prometheus-unreachable")), "" + literals);
    anchors.addAll(literals);
    for (String anchor : anchors) {
      assertTrue(headings.contains(anchor), "no heading for anchor " + anchor);
    }
  }

  /** Anchor-shaped literals (words joined by "-") inside each new SourceException(...) call. */
  private static Set<String> sourceExceptionAnchors(Path mainJava) throws IOException {
    Set<String> found = new TreeSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(mainJava)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      String text = Files.readString(file);
      for (int at = text.indexOf("new SourceException("); at >= 0;
          at = text.indexOf("new SourceException(", at + 1)) {
        Matcher m = ANCHOR_LITERAL.matcher(call(text, at + "new SourceException".length()));
        while (m.find()) {
          found.add(m.group(1));
        }
      }
    }
    return found;
  }

  /** The argument list starting at the "(" at {@code open}, up to its matching ")". */
  private static String call(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth == 0) {
        return text.substring(open, i + 1);
      }
    }
    return text.substring(open);
  }
}
