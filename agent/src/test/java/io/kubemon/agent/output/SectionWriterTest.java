package io.kubemon.agent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kubemon.agent.http.Limits;
import io.kubemon.agent.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SectionWriterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static void host(SectionWriter w, String name) {
    w.beginHost(name);
    w.section("s_v1", Map.of("name", name));
    w.endHost();
  }

  @Test
  void afterTheDeadlineBlocksAreLeftOutWholeAndCounted() {
    AtomicBoolean expired = new AtomicBoolean();
    SectionWriter w = new SectionWriter(out, Limits.DEFAULT, expired::get, null);
    host(w, "a");
    w.beginHost("b");
    w.section("s_v1", Map.of("name", "b"));
    expired.set(true); // a block begun in time is written whole
    w.endHost();
    host(w, "c");
    assertEquals(true, w.leaveOutIfLate());
    w.unbounded().beginHost("");
    w.unbounded().section("status_v1", Map.of());
    assertEquals(
        "<<<<a>>>>\n<<<s_v1:sep(0)>>>\n{\"name\":\"a\"}\n<<<<>>>>\n"
            + "<<<<b>>>>\n<<<s_v1:sep(0)>>>\n{\"name\":\"b\"}\n<<<<>>>>\n"
            + "<<<status_v1:sep(0)>>>\n{}\n",
        text());
    assertEquals(2, w.leftOutByDeadline());
  }

  @Test
  void pastTheOutputLimitBlocksAreLeftOutWholeAndCounted() {
    Limits limits = new Limits(100, 100, 1 << 20, 100, 100);
    SectionWriter w = new SectionWriter(out, limits, () -> false, null);
    host(w, "a"); // 50 bytes
    host(w, "b"); // 100 in all
    host(w, "c"); // would be 150
    assertEquals(100, text().getBytes(StandardCharsets.UTF_8).length, text());
    assertEquals(100, w.bytes());
    assertEquals(1, w.leftOutBySize());
    assertFalse(text().contains("<<<<c>>>>"), text());
  }

  @Test
  void hostNamesAreCutAndMaskedLikeStrings() {
    String token = "tok-1b2c3d4e5f6a";
    Limits limits = new Limits(100, 100, 1 << 20, 64, 1 << 20);
    SectionWriter w = new SectionWriter(out, limits, () -> false, Secret.of(token));
    host(w, "pod_" + token + "x".repeat(100));
    assertFalse(text().contains(token), text());
    assertEquals("<<<<pod_***" + "x".repeat(57) + "_truncated>>>>", text().lines().findFirst()
        .orElseThrow());
  }
}
