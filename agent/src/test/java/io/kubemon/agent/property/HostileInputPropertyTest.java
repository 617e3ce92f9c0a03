package io.kubemon.agent.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.kubemon.agent.http.Limits;
import io.kubemon.agent.piggyback.PiggybackNames;
import io.kubemon.agent.section.KubeReport;
import io.kubemon.agent.source.kube.KubeOptions;
import io.kubemon.agent.status.SourceLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever an API server puts into names, labels and annotations (line breaks, section and host
 * markers, NUL, malformed UTF-8, a megabyte) comes out as one JSON line per section, under host
 * names Checkmk accepts, and reads back as sent: no value can open a section or a host.
 */
class HostileInputPropertyTest {
  /** Checkmk's piggyback host names after its own replacement (cmk HostAddress), at most 240. */
  static final Pattern CHECKMK_HOST = Pattern.compile("\\w[-0-9a-zA-Z_.]{0,239}");

  private static final Pattern HOST_LINE = Pattern.compile("<<<<(.*)>>>>");
  private static final Pattern SECTION_LINE = Pattern.compile("<<<([a-z0-9_]+):sep\\(0\\)>>>");
  private static final List<String> MARKERS =
      List.of(
          "<<<",
          ">>>",
          "<<<<evil>>>>",
          "\n<<<<evil>>>>\n",
          "<<<<>>>>",
          "\n<<<x:sep(0)>>>\n",
          "\u0000",
          "\r\n",
          "\u2028",
          "\u0085",
          "\"",
          "\\",
          "}\n{");

  /** Malformed UTF-8: a stray continuation, an overlong NUL, a CESU surrogate, a cut sequence. */
  private static final List<byte[]> MALFORMED =
      List.of(
          new byte[] {(byte) 0x80},
          new byte[] {(byte) 0xC0, (byte) 0x80},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          new byte[] {(byte) 0xFF},
          new byte[] {(byte) 0xE2, (byte) 0x82});

  /** A string value as the API server would send it: valid JSON text plus raw malformed bytes. */
  record Value(String text, byte[] malformed) {
    byte[] json() {
      String quoted = new JsonPrimitive(text).toString();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(quoted.substring(0, quoted.length() - 1).getBytes(StandardCharsets.UTF_8));
      out.writeBytes(malformed);
      out.write('"');
      return out.toByteArray();
    }

    /** What the agent reads: the text, and U+FFFD for the malformed bytes. */
    String decoded() {
      return text + new String(malformed, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return new JsonPrimitive(text).toString() + " + " + malformed.length + " malformed bytes";
    }
  }

  @Provide
  Arbitrary<Value> values() {
    Arbitrary<String> plain =
        Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(80);
    Arbitrary<String> marked =
        Combinators.combine(plain, Arbitraries.of(MARKERS), plain).as((a, m, b) -> a + m + b);
    Arbitrary<byte[]> malformed =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.just(new byte[0])),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(MALFORMED)));
    return Combinators.combine(Arbitraries.oneOf(plain, marked), malformed).as(Value::new);
  }

  @Provide
  Arbitrary<Value> megabyteValues() {
    return Arbitraries.of(MARKERS)
        .map(m -> new Value(m.repeat((1 << 20) / m.length() + 1), new byte[] {(byte) 0xFF}));
  }

  @Property(tries = 300)
  void hostileNamesLabelsAndAnnotationsCannotInject(
      @ForAll("values") Value name, @ForAll("values") Value key, @ForAll("values") Value value) {
    String out = report(name, key, value);
    Map<String, JsonObject> labels = framed(out, "kubemon_object_labels_v3");
    String pod = PiggybackNames.host("pod", "c", "ns", name.decoded());
    String node = PiggybackNames.host("node", "c", null, name.decoded());
    assertEquals(
        Set.of("", pod, node, PiggybackNames.host("namespace", "c", null, "ns")),
        labels.keySet(),
        "the piggyback hosts");
    for (String host : List.of(pod, node)) {
      JsonObject written = labels.get(host);
      assertEquals(name.decoded(), written.get("name").getAsString());
      assertEquals(
          value.decoded(), written.getAsJsonObject("labels").get(key.decoded()).getAsString());
      assertEquals(
          value.decoded(), written.getAsJsonObject("annotations").get(key.decoded()).getAsString());
    }
    JsonObject container =
        framed(out, "kubemon_pod_containers_v2")
            .get(pod)
            .getAsJsonArray("containers")
            .get(0)
            .getAsJsonObject();
    assertEquals(value.decoded(), container.get("image").getAsString());
    assertEquals(value.decoded(), container.getAsJsonObject("state").get("message").getAsString());
  }

  @Property(tries = 4)
  void megabyteValuesStayOnTheirLine(@ForAll("megabyteValues") Value value) {
    Value name = new Value("web-0", new byte[0]);
    Value key = new Value("app", new byte[0]);
    Map<String, JsonObject> labels = framed(report(name, key, value), "kubemon_object_labels_v3");
    JsonObject pod = labels.get(PiggybackNames.host("pod", "c", "ns", "web-0"));
    assertEquals(cut(value.decoded()), pod.getAsJsonObject("labels").get("app").getAsString());
  }

  /** A value as the writer's string limit leaves it (--max-string-chars, default). */
  private static String cut(String value) {
    int max = Limits.DEFAULT_MAX_STRING_CHARS;
    if (value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end) + Limits.TRUNCATED;
  }

  /**
   * Checks the framing of docs/sections.md line by line and returns each host's section {@code
   * wanted}.
   */
  static Map<String, JsonObject> framed(String out, String wanted) {
    assertTrue(out.endsWith("<<<<>>>>\n"), "the output does not end with a closed host block");
    Map<String, JsonObject> labels = new HashMap<>();
    String host = null;
    String section = null;
    for (String line : out.substring(0, out.length() - 1).split("\n", -1)) {
      var hostLine = HOST_LINE.matcher(line);
      var sectionLine = SECTION_LINE.matcher(line);
      if (hostLine.matches()) {
        assertTrue(section == null, "a host marker right after a section header");
        host = hostLine.group(1);
        assertTrue(host.isEmpty() || CHECKMK_HOST.matcher(host).matches(), "host " + host);
      } else if (sectionLine.matches()) {
        assertTrue(section == null && host != null, "a section header without its line");
        section = sectionLine.group(1);
      } else {
        assertTrue(section != null, "a line outside a section: " + abbreviate(line));
        assertTrue(line.startsWith("{") && line.endsWith("}"), "not a JSON object line");
        JsonObject body = JsonParser.parseString(line).getAsJsonObject();
        if (section.equals(wanted)) {
          labels.put(host, body);
        }
        section = null;
      }
    }
    return labels;
  }

  private static String report(Value name, Value key, Value value) {
    String meta =
        "\"labels\":{"
            + json(key)
            + ":"
            + json(value)
            + "},\"annotations\":{"
            + json(key)
            + ":"
            + json(value)
            + "}";
    HostileApi api =
        new HostileApi()
            .list(
                "/api/v1/nodes",
                bytes("{\"metadata\":{\"name\":", name, "," + meta + "},\"status\":{}}"))
            .list(
                "/api/v1/namespaces",
                bytes("{\"metadata\":{\"name\":\"ns\"},\"status\":{\"phase\":\"Active\"}}"))
            .list(
                "/api/v1/pods",
                bytes(
                    "{\"metadata\":{\"name\":",
                    name,
                    ",\"namespace\":\"ns\"," + meta + "},\"spec\":{\"nodeName\":",
                    name,
                    ",\"containers\":[{\"name\":",
                    value,
                    ",\"image\":",
                    value,
                    "}]},\"status\":{\"phase\":\"Running\",\"reason\":",
                    value,
                    ",\"message\":",
                    value,
                    ",\"containerStatuses\":[{\"name\":",
                    value,
                    ",\"image\":",
                    value,
                    ",\"state\":{\"waiting\":{\"reason\":",
                    value,
                    ",\"message\":",
                    value,
                    "}}}]}}"));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    KubeReport.write(api, options(), new SourceLog(), out);
    out.flush();
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static KubeOptions options() {
    return new KubeOptions(
        "c",
        "c",
        "https://127.0.0.1:6443",
        KubeOptions.ALL_OBJECTS,
        List.of(),
        List.of(),
        Pattern.compile(""),
        Set.of(),
        Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC));
  }

  private static String json(Value v) {
    return new String(v.json(), StandardCharsets.ISO_8859_1);
  }

  /** Concatenates text and values; ISO-8859-1 carries each byte of a value through unchanged. */
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      out.writeBytes(
          part instanceof Value v
              ? v.json()
              : ((String) part).getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }

  private static String abbreviate(String line) {
    return line.length() > 120 ? line.substring(0, 117) + "..." : line;
  }
}
