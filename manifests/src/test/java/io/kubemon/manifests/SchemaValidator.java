package io.kubemon.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The structural subset of OpenAPI v3 that CRD schemas use: type, properties, required, enum,
 * items, additionalProperties, x-kubernetes-preserve-unknown-fields, x-kubernetes-int-or-string.
 * Unknown fields are errors unless the schema allows them, as the API server's pruning would
 * silently drop them.
 */
final class SchemaValidator {
  private final List<String> errors = new ArrayList<>();

  /**
   * Checks a whole object. Its {@code metadata} is left out: CRD schemas declare it as a bare
   * object because the API server validates ObjectMeta itself (ManifestModelTest does that here).
   */
  static List<String> validate(Map<?, ?> schema, Map<?, ?> object) {
    Map<Object, Object> withoutMetadata = new java.util.LinkedHashMap<>(object);
    withoutMetadata.remove("metadata");
    SchemaValidator v = new SchemaValidator();
    v.check(schema, withoutMetadata, "");
    return v.errors;
  }

  private void check(Map<?, ?> schema, Object value, String path) {
    if (value == null) {
      if (!Boolean.TRUE.equals(schema.get("nullable"))) {
        errors.add(path + ": null is not allowed");
      }
      return;
    }
    if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
      errors.add(path + ": " + value + " is not one of " + allowed);
    }
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
        errors.add(path + ": expected an integer or a string, got " + value);
      }
      return;
    }
    Object type = schema.get("type");
    if (type == null) {
      return;
    }
    switch (type.toString()) {
      case "object" -> checkObject(schema, value, path);
      case "array" -> checkArray(schema, value, path);
      case "string" -> expect(value instanceof String, "a string", value, path);
      case "integer" ->
          expect(value instanceof Integer || value instanceof Long, "an integer", value, path);
      case "number" -> expect(value instanceof Number, "a number", value, path);
      case "boolean" -> expect(value instanceof Boolean, "a boolean", value, path);
      default -> errors.add(path + ": schema type " + type + " is unknown to this validator");
    }
  }

  private void checkObject(Map<?, ?> schema, Object value, String path) {
    if (!(value instanceof Map<?, ?> object)) {
      errors.add(path + ": expected an object, got " + value);
      return;
    }
    if (schema.get("required") instanceof List<?> required) {
      for (Object key : required) {
        if (!object.containsKey(key)) {
          errors.add(path + ": required field " + key + " is missing");
        }
      }
    }
    Map<?, ?> properties = schema.get("properties") instanceof Map<?, ?> p ? p : Map.of();
    Object additional = schema.get("additionalProperties");
    boolean open = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
    for (Map.Entry<?, ?> field : object.entrySet()) {
      String child = path + "." + field.getKey();
      if (properties.get(field.getKey()) instanceof Map<?, ?> sub) {
        check(sub, field.getValue(), child);
      } else if (additional instanceof Map<?, ?> sub) {
        check(sub, field.getValue(), child);
      } else if (!open && !Boolean.TRUE.equals(additional)) {
        errors.add(child + ": unknown field");
      }
    }
  }

  private void checkArray(Map<?, ?> schema, Object value, String path) {
    if (!(value instanceof List<?> list)) {
      errors.add(path + ": expected an array, got " + value);
      return;
    }
    if (schema.get("items") instanceof Map<?, ?> items) {
      for (int i = 0; i < list.size(); i++) {
        check(items, list.get(i), path + "[" + i + "]");
      }
    }
  }

  private void expect(boolean ok, String what, Object value, String path) {
    if (!ok) {
      errors.add(path + ": expected " + what + ", got " + value);
    }
  }
}
