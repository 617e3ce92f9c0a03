package io.kubemon.agent.section;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object under construction, keys in the order of docs/sections.md. */
final class Obj extends LinkedHashMap<String, Object> {
  private static final long serialVersionUID = 1L;

  Obj with(String key, Object value) {
    put(key, value);
    return this;
  }

  /**
   * Puts the value unless it is the default a {@code _v2} section leaves out (docs/sections.md,
   * Framing): null, false, an empty list or map.
   */
  Obj lean(String key, Object value) {
    boolean omitted =
        value == null
            || Boolean.FALSE.equals(value)
            || value instanceof Collection<?> c && c.isEmpty()
            || value instanceof Map<?, ?> m && m.isEmpty();
    if (!omitted) {
      put(key, value);
    }
    return this;
  }

  /** Puts the number unless it is zero (or null), the default of a count or sum in a v2 section. */
  Obj nonZero(String key, Number value) {
    if (value != null && value.doubleValue() != 0) {
      put(key, value);
    }
    return this;
  }

  /** Puts the value unless it equals {@code usual}, the default documented for the key. */
  Obj unless(String key, Object value, Object usual) {
    return java.util.Objects.equals(usual, value) ? this : lean(key, value);
  }
}
