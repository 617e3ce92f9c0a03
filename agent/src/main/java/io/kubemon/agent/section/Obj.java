package io.kubemon.agent.section;

import java.util.LinkedHashMap;

/** A JSON object under construction, keys in the order of docs/sections.md. */
final class Obj extends LinkedHashMap<String, Object> {
  private static final long serialVersionUID = 1L;

  Obj with(String key, Object value) {
    put(key, value);
    return this;
  }
}
