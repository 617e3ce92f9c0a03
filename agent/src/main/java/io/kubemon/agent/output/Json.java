package io.kubemon.agent.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubemon.agent.http.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Collection;
import java.util.Map;

/**
 * Compact one-line JSON for section bodies, as Gson's HTML-safe mode writes it: {@code <}, {@code >},
 * {@code &}, {@code =} and {@code '}, all control characters below U+0020 and U+2028/U+2029 are
 * escaped; U+007F to U+009F are escaped as well. No line break or section marker survives in a value.
 * Non-finite doubles become null.
 *
 * <p>Two last filters on the way out, each cheap on the hot path: a string longer than the run's
 * limit is cut and ends in {@link Limits#TRUNCATED}; a string at least as long as the token is
 * searched for it, and the token becomes {@code ***}. Numbers the check plug-ins could not parse
 * (Python's {@code json.loads} refuses integers of more than 4,300 digits) are clamped: more than
 * {@value #MAX_SIGNIFICANT} significant digits are rounded, magnitudes of {@code 1E+300} or more
 * written as {@code ±1.0E300}.
 */
public final class Json {
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

  static final int MAX_SIGNIFICANT = 40;
  static final int MAX_EXPONENT = 300;
  private static final BigDecimal CLAMP = BigDecimal.ONE.scaleByPowerOfTen(MAX_EXPONENT);

  /** The string limit and the secret to mask, for one run. */
  record Style(int maxChars, String token) {
    static final Style DEFAULT = new Style(Limits.DEFAULT_MAX_STRING_CHARS, null);
  }

  /** One line of JSON with the default string limit and no token to mask. */
  public static String line(Object value) {
    StringBuilder out = new StringBuilder(256);
    append(out, value, Style.DEFAULT);
    return out.toString();
  }

  static void append(StringBuilder out, Object value) {
    append(out, value, Style.DEFAULT);
  }

  /**
   * Appends {@code value} as {@link #line} writes it. A string builder instead of Gson's writer:
   * 150,000 pods make hundreds of thousands of section lines, and Gson's StringWriter (a synchronized
   * StringBuffer) with a second pass for U+007F to U+009F was the largest cost of writing them.
   */
  static void append(StringBuilder out, Object value, Style style) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s, style);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : Double.toString(d));
    } else if (value instanceof Long || value instanceof Integer) {
      out.append(value.toString());
    } else if (value instanceof BigInteger i) {
      decimal(out, new BigDecimal(i));
    } else if (value instanceof BigDecimal d) {
      decimal(out, d);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(out, String.valueOf(e.getKey()), style);
        out.append(':');
        append(out, e.getValue(), style);
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "" : ",");
        first = false;
        append(out, item, style);
      }
      out.append(']');
    } else if (value instanceof JsonElement element) {
      gson(out, element, style);
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  /** Gson's tree (the usage sections), written by the same rules. */
  private static void gson(StringBuilder out, JsonElement element, Style style) {
    if (element.isJsonNull()) {
      out.append("null");
    } else if (element instanceof JsonPrimitive p) {
      if (p.isBoolean()) {
        out.append(p.getAsBoolean());
      } else if (!p.isNumber()) {
        string(out, p.getAsString(), style);
      } else {
        Number n = p.getAsNumber();
        if (n instanceof Double || n instanceof Float) {
          append(out, n.doubleValue(), style);
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short
            || n instanceof Byte) {
          out.append(n.longValue());
        } else {
          decimal(out, p.getAsBigDecimal());
        }
      }
    } else if (element instanceof JsonObject o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonElement> e : o.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(out, e.getKey(), style);
        out.append(':');
        gson(out, e.getValue(), style);
      }
      out.append('}');
    } else if (element instanceof JsonArray a) {
      out.append('[');
      boolean first = true;
      for (JsonElement item : a) {
        out.append(first ? "" : ",");
        first = false;
        gson(out, item, style);
      }
      out.append(']');
    }
  }

  /** A decimal as the plug-ins can parse it: bounded digits, bounded magnitude. */
  private static void decimal(StringBuilder out, BigDecimal d) {
    if (d.precision() > MAX_SIGNIFICANT) {
      d = d.round(new MathContext(MAX_SIGNIFICANT));
    }
    if (d.abs().compareTo(CLAMP) >= 0) {
      out.append(d.signum() < 0 ? "-1.0E300" : "1.0E300");
      return;
    }
    out.append(d.toString());
  }

  private static void string(StringBuilder out, String s, Style style) {
    String token = style.token();
    if (token != null && s.length() >= token.length() && s.contains(token)) {
      s = s.replace(token, "***");
    }
    boolean cut = s.length() > style.maxChars();
    if (cut) {
      int end = style.maxChars();
      if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
        end--;
      }
      s = s.substring(0, end);
    }
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
    out.append(s, last, length);
    if (cut) {
      out.append(Limits.TRUNCATED);
    }
    out.append('"');
  }
}
