package io.kubemon.agent.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import io.kubemon.agent.http.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
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
        "x\n<<<<pod_evil>>>>\r\n<<<kubemon_pod_info_v2:sep(0)>>>\u2028\u2029\u0085\u007f\u0000\t";
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

  @Test
  void aLongStringIsCutWithAMarker() {
    String line = Json.line(List.of("x".repeat(10_000)));
    String value = JsonParser.parseString(line).getAsJsonArray().get(0).getAsString();
    assertEquals("x".repeat(Limits.DEFAULT_MAX_STRING_CHARS) + Limits.TRUNCATED, value);
    StringBuilder out = new StringBuilder();
    Json.append(out, "\ud83d\ude00".repeat(10), new Json.Style(5, null));
    // never half a surrogate pair
    assertEquals("\"\ud83d\ude00\ud83d\ude00" + Limits.TRUNCATED + "\"", out.toString());
  }

  @Test
  void theTokenIsMaskedInValuesAndKeys() {
    String token = "tok-5d1e9c0b7a3f";
    StringBuilder out = new StringBuilder();
    Json.append(out, Map.of("k" + token, "Bearer " + token + " and " + token, "short", "tok"),
        new Json.Style(100, token));
    assertFalse(out.toString().contains(token), out.toString());
    assertTrue(out.toString().contains("\"Bearer *** and ***\""), out.toString());
    assertTrue(out.toString().contains("\"k***\""), out.toString());
  }

  /** Python's json.loads refuses integers of more than 4,300 digits (CVE-2020-10735). */
  @Test
  void numbersStayWhatThePlugInsParse() {
    String huge = "9".repeat(5000);
    assertEquals("[1.0E300,-1.0E300,1.0E300]", Json.line(List.of(new BigInteger(huge),
        new BigInteger("-" + huge), new BigDecimal("1E+100000"))));
    assertEquals("[123456789012345678901234567890]",
        Json.line(List.of(new BigInteger("123456789012345678901234567890"))));
    String many = Json.line(List.of(new BigDecimal("0." + "1".repeat(5000))));
    assertTrue(many.length() < 60, many);
    assertEquals("[1E-100000]", Json.line(List.of(new BigDecimal("1E-100000"))));
  }

  /** The usage sections' Gson trees go through the same writer, U+007F to U+009F included. */
  @Test
  void gsonTreesAreWrittenByTheSameRules() {
    JsonObject o = new JsonObject();
    o.addProperty("s", "a\u0085b<\u009f");
    o.add("n", JsonNull.INSTANCE);
    o.addProperty("l", 3L);
    o.addProperty("d", 1.5);
    o.addProperty("big", new BigInteger("1" + "0".repeat(5000)));
    JsonArray a = new JsonArray();
    a.add(true);
    o.add("a", a);
    assertEquals("{\"s\":\"a\\u0085b\\u003c\\u009f\",\"n\":null,\"l\":3,\"d\":1.5,"
        + "\"big\":1.0E300,\"a\":[true]}", Json.line(o));
  }
}
