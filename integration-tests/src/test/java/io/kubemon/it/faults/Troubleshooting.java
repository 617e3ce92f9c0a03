package io.kubemon.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubemon.it.flow.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/troubleshooting.md as the failures' reference: a failed source must name an anchor that
 * exists, and the stable part of its message must be the text that anchor's entry quotes.
 */
final class Troubleshooting {
  static final String DEADLINE = "deadline-reached";
  static final String KUBELET_DEADLINE = "kubelet-timeout";
  private static final Pattern ANCHOR = Pattern.compile("<a id=\"([a-z0-9-]+)\"></a>");

  private final String text;

  private Troubleshooting(String text) {
    this.text = text;
  }

  static Troubleshooting load(Repository repository) {
    try {
      return new Troubleshooting(
          Files.readString(repository.root().resolve("docs/troubleshooting.md")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entry under the anchor's heading, up to the next heading. */
  String entry(String anchor) {
    Matcher m = ANCHOR.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(anchor)) {
        int end = text.indexOf("\n## ", m.end());
        return text.substring(m.end(), end < 0 ? text.length() : end);
      }
    }
    throw new AssertionError("docs/troubleshooting.md has no anchor " + anchor);
  }

  /**
   * The source failed with {@code anchor}, its message holds {@code fragment}, the text that
   * anchor's entry quotes, and it says what to fix.
   */
  void assertFailed(JsonObject source, String anchor, String fragment) {
    assertFailed(source, anchor, fragment, fragment);
  }

  /** As above where the message fills in what the entry leaves open ({@code HOST:PORT}). */
  void assertFailed(JsonObject source, String anchor, String fragment, String documented) {
    String id = source.get("source").getAsString();
    assertEquals("failed", source.get("state").getAsString(), id + ": " + source);
    assertEquals(anchor, string(source, "anchor"), id + ": " + source);
    String message = string(source, "message");
    assertFalse(message.contains("\n"), id + ": message of more than one line");
    assertTrue(message.contains(fragment), id + ": \"" + message + "\" lacks \"" + fragment + "\"");
    assertTrue(entry(anchor).contains(documented), "the entry #" + anchor + " lacks " + documented);
    assertFalse(string(source, "hint").isBlank(), id + ": no hint what to fix");
  }

  /** As {@link #assertFailed}, or cut by the run's deadline first, which is as good an answer. */
  void assertFailedOrDeadline(
      JsonObject source, String anchor, String fragment, Duration deadline) {
    if (DEADLINE.equals(string(source, "anchor"))) {
      assertFailed(source, DEADLINE, "deadline reached (--deadline ");
      assertTrue(string(source, "message").contains("(--deadline " + deadline.toSeconds() + " s)"));
    } else if (KUBELET_DEADLINE.equals(string(source, "anchor"))) {
      // The kubelet source waits for its nodes under the same deadline and says so per node.
      assertTrue(string(source, "source").startsWith("kubelet/"), source.toString());
      assertFailed(source, KUBELET_DEADLINE, "did not answer before the run's deadline",
          "did not answer");
    } else {
      assertFailed(source, anchor, fragment);
    }
  }

  private static String string(JsonObject object, String key) {
    JsonElement value = object.get(key);
    assertNotNull(value, key + " missing in " + object);
    assertFalse(value.isJsonNull(), key + " is null in " + object);
    return value.getAsString();
  }
}
