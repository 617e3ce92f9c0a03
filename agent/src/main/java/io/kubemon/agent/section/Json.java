package io.kubemon.agent.section;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Compact one-line JSON for section bodies. Gson's HTML-safe mode escapes {@code <}, {@code >},
 * {@code &}, {@code =} and {@code '}, all control characters below U+0020 and U+2028/U+2029; U+007F
 * to U+009F are escaped here as well. No line break or section marker survives in a value.
 * Non-finite doubles become null.
 */
final class Json {
  private Json() {}

  static String line(Object value) {
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.setHtmlSafe(true);
      w.setSerializeNulls(true);
      write(w, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return escapeC1(text.toString());
  }

  private static void write(JsonWriter w, Object value) throws IOException {
    if (value == null) {
      w.nullValue();
    } else if (value instanceof String s) {
      w.value(s);
    } else if (value instanceof Boolean b) {
      w.value(b);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        w.nullValue();
      } else {
        w.value(d);
      }
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      w.value((Number) value);
    } else if (value instanceof Map<?, ?> map) {
      w.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        w.name(String.valueOf(e.getKey()));
        write(w, e.getValue());
      }
      w.endObject();
    } else if (value instanceof Collection<?> list) {
      w.beginArray();
      for (Object item : list) {
        write(w, item);
      }
      w.endArray();
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static String escapeC1(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c >= 0x7f && c <= 0x9f) {
        if (out == null) {
          out = new StringBuilder(json.length() + 16).append(json, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? json : out.toString();
  }
}
