package io.kubemon.it.sim.cluster;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects of one resource, addressed by index. Generated clusters compute an item when it is asked
 * for, so a list of 150,000 pods is streamed page by page and never held in memory.
 */
public interface ObjectSource {
  int size();

  JsonObject get(int index);

  /**
   * Whether {@link #get} answers an equal object for an index every time, so a server may keep
   * its encoding (a generated cluster, fixed by its seed and time). Stored objects can change.
   */
  default boolean immutable() {
    return false;
  }

  /** Objects held in memory: the recorded cluster and everything applied from manifests. */
  final class Stored implements ObjectSource {
    private final List<JsonObject> items = new ArrayList<>();

    @Override
    public synchronized int size() {
      return items.size();
    }

    @Override
    public synchronized JsonObject get(int index) {
      return items.get(index);
    }

    /** Adds the object, or replaces the one with the same namespace and name (kubectl apply). */
    synchronized void put(JsonObject object) {
      for (int i = 0; i < items.size(); i++) {
        if (Json.sameIdentity(items.get(i), object)) {
          items.set(i, object);
          return;
        }
      }
      items.add(object);
    }
  }
}
