package io.kubemon.agent.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void noValueCanOpenASectionOrAHost() {
    String evil =
        "x\n<<<<pod_evil>>>>\r\n<<<kubemon_pod_info_v1:sep(0)>>>\u2028\u2029\u0085\u007f\u0000\t";
    String line = Json.line(Map.of(evil, evil));
    assertFalse(line.contains("<"), line);
    assertFalse(line.contains(">"), line);
    boolean anyControl =
        line.chars()
            .anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029);
    assertFalse(anyControl, line);
    // and it still decodes to the same text
    assertEquals(evil, JsonParser.parseString(line).getAsJsonObject().get(evil).getAsString());
  }

  @Test
  void writesWhatGsonsHtmlSafeWriterWrites() throws IOException {
    Random random = new Random(6);
    String alphabet = "aZ09 <>&='\"\\/\t\b\n\r\f\u0000\u001f\u007f\u0080\u0085\u009f\u00a0\u00e9"
        + "\u2028\u2029\u20ac\ud83d\ude00";
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Map<String, Object> value = new LinkedHashMap<>();
      value.put(text.toString(), List.of(text.toString(), random.nextLong(), random.nextInt()));
      value.put("d", random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
      value.put("b", random.nextBoolean());
      value.put("n", null);
      value.put("big", new BigDecimal(random.nextLong()).scaleByPowerOfTen(random.nextInt(9) - 4));
      assertEquals(gsonLine(value), Json.line(value), text.toString());
    }
  }

  /** The writer before Json had its own: Gson's, HTML-safe, then U+007F..U+009F escaped. */
  private static String gsonLine(Map<String, Object> value) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.setHtmlSafe(true);
      w.setSerializeNulls(true);
      w.beginObject();
      for (Map.Entry<String, Object> e : value.entrySet()) {
        w.name(e.getKey());
        gsonValue(w, e.getValue());
      }
      w.endObject();
    }
    StringBuilder out = new StringBuilder();
    text.toString().chars().forEach(c -> out.append(
        c >= 0x7f && c <= 0x9f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }

  private static void gsonValue(JsonWriter w, Object value) throws IOException {
    if (value instanceof List<?> list) {
      w.beginArray();
      for (Object item : list) {
        gsonValue(w, item);
      }
      w.endArray();
    } else if (value instanceof String s) {
      w.value(s);
    } else if (value instanceof Boolean b) {
      w.value(b);
    } else if (value instanceof Double d) {
      w.value(d.doubleValue());
    } else {
      w.value((Number) value);
    }
  }

  @Test
  void nonFiniteNumbersBecomeNull() {
    assertEquals(
        "[null,null,null,1.5]",
        Json.line(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, null, 1.5)));
  }

  @Test
  void exactNumbersKeepTheirDigits() {
    assertEquals(
        "[1152921504606846976,0.001]",
        Json.line(Arrays.asList(new BigDecimal("1152921504606846976"), new BigDecimal("0.001"))));
  }
}
