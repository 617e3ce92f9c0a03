package io.kubemon.manifests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the fabric8 model did not recognise. Its classes keep unknown JSON fields in {@code
 * additionalProperties} instead of failing, so a typo such as {@code readOnlyRootFileSystem} would
 * parse silently; this walks every getter and reports each non-empty one by path.
 */
final class ModelWalker {
  private final List<String> unknown = new ArrayList<>();

  static List<String> unknownFields(Object model) {
    ModelWalker walker = new ModelWalker();
    walker.walk(model, "");
    return walker.unknown;
  }

  private void walk(Object value, String path) {
    if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
      if (value instanceof Collection<?> list) {
        int i = 0;
        for (Object item : list) {
          walk(item, path + "[" + i++ + "]");
        }
      } else if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> walk(v, path + "[" + k + "]"));
      }
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object child = invoke(getter, value);
      String name = getter.getName().replaceFirst("^(get|is)", "");
      if (name.equals("AdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": unknown " + extra.keySet());
        }
      } else {
        walk(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1));
      }
    }
  }

  private static boolean isGetter(Method m) {
    return m.getParameterCount() == 0
        && !Modifier.isStatic(m.getModifiers())
        && m.getDeclaringClass() != Object.class
        && (m.getName().startsWith("get") || m.getName().startsWith("is"))
        && !m.getName().equals("getClass");
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(getter + " failed", e);
    }
  }
}
