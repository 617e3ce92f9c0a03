package io.kubemon.agent.section;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Compact one-line JSON for section bodies, as Gson's HTML-safe mode writes it: {@code <}, {@code >},
 * {@code &}, {@code =} and {@code '}, all control characters below U+0020 and U+2028/U+2029 are
 * escaped; U+007F to U+009F are escaped as well. No line break or section marker survives in a value.
 * Non-finite doubles become null.
 */
final class Json {
  private Json() {}

  /** Gson's HTML-safe replacements for U+0000 to U+007F; null where a char stays as it is. */
  private static final String[] REPLACEMENTS = new String[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      REPLACEMENTS[c] = String.format("\\u%04x", c);
    }
    REPLACEMENTS['"'] = "\\\"";
    REPLACEMENTS['\\'] = "\\\\";
    REPLACEMENTS['\t'] = "\\t";
    REPLACEMENTS['\b'] = "\\b";
    REPLACEMENTS['\n'] = "\\n";
    REPLACEMENTS['\r'] = "\\r";
    REPLACEMENTS['\f'] = "\\f";
    for (char c : "<>&='".toCharArray()) {
      REPLACEMENTS[c] = String.format("\\u%04x", (int) c);
    }
    REPLACEMENTS[0x7f] = "\\u007f";
  }

  static String line(Object value) {
    StringBuilder out = new StringBuilder(256);
    append(out, value);
    return out.toString();
  }

  /**
   * Appends {@code value} as {@link #line} writes it. A string builder instead of Gson's writer:
   * 150,000 pods make hundreds of thousands of section lines, and Gson's StringWriter (a synchronized
   * StringBuffer) with a second pass for U+007F to U+009F was the largest cost of writing them.
   */
  static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : Double.toString(d));
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      out.append(value.toString());
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        append(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "" : ",");
        first = false;
        append(out, item);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    int last = 0;
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      String replacement;
      if (c < 128) {
        replacement = REPLACEMENTS[c];
      } else if (c <= 0x9f || c == 0x2028 || c == 0x2029) {
        replacement = null;
        out.append(s, last, i).append("\\u").append(Integer.toHexString(c | 0x10000), 1, 5);
        last = i + 1;
      } else {
        continue;
      }
      if (replacement != null) {
        out.append(s, last, i).append(replacement);
        last = i + 1;
      }
    }
    out.append(s, last, length).append('"');
  }
}
