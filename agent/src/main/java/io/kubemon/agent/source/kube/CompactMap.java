package io.kubemon.agent.source.kube;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A small read-only map of strings in one array of keys and values, in the order they were read.
 * The snapshot keeps a few of these per object (labels, kept annotations, requests, limits): a
 * {@code LinkedHashMap} of three entries takes about 250 bytes, this one 64, which at 150,000
 * pods is tens of MiB of heap the run keeps to its end. Look-ups scan the array, so only maps up
 * to {@value #MAX_SIZE} entries are made compact; {@link #of} leaves larger ones as they are.
 */
final class CompactMap extends AbstractMap<String, String> {
  static final int MAX_SIZE = 16;

  /** Keys at even, values at odd positions. */
  private final Object[] pairs;

  private CompactMap(Object[] pairs) {
    this.pairs = pairs;
  }

  /** A read-only map with the entries of {@code map}, in its order. */
  static Map<String, String> of(Map<String, String> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    if (map.size() > MAX_SIZE) {
      return map;
    }
    Object[] pairs = new Object[map.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : map.entrySet()) {
      pairs[i++] = e.getKey();
      pairs[i++] = e.getValue();
    }
    return new CompactMap(pairs);
  }

  @Override
  public int size() {
    return pairs.length / 2;
  }

  @Override
  public String get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (String) pairs[i + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return pairs.length / 2;
      }

      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < pairs.length;
          }

          @Override
          public Map.Entry<String, String> next() {
            if (next >= pairs.length) {
              throw new NoSuchElementException();
            }
            var entry = new SimpleImmutableEntry<>((String) pairs[next], (String) pairs[next + 1]);
            next += 2;
            return entry;
          }
        };
      }
    };
  }
}
