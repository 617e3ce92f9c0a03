package io.kubemon.agent.source.kube;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Streaming helpers: read only the fields a reader asks for and skip the rest with {@code
 * skipValue()}. Every helper accepts JSON null and a missing field, so an object without optional
 * fields never fails.
 */
final class Fields {
  private Fields() {}

  /** Handles one field; returns false to let the caller skip it. */
  @FunctionalInterface
  interface FieldHandler {
    boolean field(String name, JsonReader r) throws IOException;
  }

  @FunctionalInterface
  interface ItemReader<T> {
    T read(JsonReader r) throws IOException;
  }

  /** Reads one object of a kind, keeping only the annotations {@code keep} accepts. */
  @FunctionalInterface
  interface KindReader<T> {
    T read(JsonReader r, Predicate<String> keep) throws IOException;
  }

  static void object(JsonReader r, FieldHandler handler) throws IOException {
    if (r.peek() != JsonToken.BEGIN_OBJECT) {
      r.skipValue();
      return;
    }
    r.beginObject();
    while (r.hasNext()) {
      if (!handler.field(r.nextName(), r)) {
        r.skipValue();
      }
    }
    r.endObject();
  }

  /** The items {@code item} reads, null ones left out; read-only and no larger than needed. */
  static <T> List<T> list(JsonReader r, ItemReader<T> item) throws IOException {
    if (r.peek() != JsonToken.BEGIN_ARRAY) {
      r.skipValue();
      return List.of();
    }
    List<T> out = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      T value = item.read(r);
      if (value != null) {
        out.add(value);
      }
    }
    r.endArray();
    return compact(out);
  }

  /**
   * A read-only copy of the size it needs: the snapshot keeps several small lists per object,
   * and an ArrayList's array of ten slots for one or two items doubled their memory.
   */
  static <T> List<T> compact(List<T> list) {
    return list.isEmpty() ? List.of() : List.copyOf(list);
  }

  static String string(JsonReader r) throws IOException {
    JsonToken t = r.peek();
    if (t == JsonToken.STRING || t == JsonToken.NUMBER) {
      return share(r.nextString());
    }
    if (t == JsonToken.BOOLEAN) {
      return Boolean.toString(r.nextBoolean());
    }
    r.skipValue();
    return null;
  }

  /**
   * Condition types, statuses, reasons, phases, label keys and values, images, owner and node
   * names repeat across thousands of objects; one shared copy of each keeps the records small.
   * A table of {@value #SHARED_SLOTS} slots, one string each by its hash, holds whichever string
   * came last: a repeating value finds itself, a unique one (a uid, a pod's name or IP) only
   * takes its slot until the next. A table that kept the first 50,000 distinct strings instead
   * was full of those unique ones after a third of 150,000 pods, and then shared nothing: 2.3
   * million strings, 143 MB of the snapshot. Long values are kept as read. A race between
   * threads only costs a copy, as strings are immutable.
   */
  private static final int SHARED_SLOTS = 1 << 17;

  private static final int SHARED_LENGTH = 64;
  private static final String[] SHARED = new String[SHARED_SLOTS];

  static String share(String value) {
    if (value.length() > SHARED_LENGTH) {
      return value;
    }
    int hash = value.hashCode();
    int slot = (hash ^ (hash >>> 17)) & (SHARED_SLOTS - 1);
    String seen = SHARED[slot];
    if (seen != null && seen.equals(value)) {
      return seen;
    }
    SHARED[slot] = value;
    return value;
  }

  static Long number(JsonReader r) throws IOException {
    if (r.peek() == JsonToken.NUMBER) {
      try {
        return r.nextLong();
      } catch (NumberFormatException e) {
        r.skipValue(); // a fraction or an overflow stays buffered in the reader until skipped
        return null;
      }
    }
    r.skipValue();
    return null;
  }

  static boolean bool(JsonReader r) throws IOException {
    if (r.peek() == JsonToken.BOOLEAN) {
      return r.nextBoolean();
    }
    r.skipValue();
    return false;
  }

  /** An RFC 3339 timestamp as epoch seconds; null when absent or unreadable. */
  static Long time(JsonReader r) throws IOException {
    JsonToken t = r.peek();
    if (t != JsonToken.STRING) {
      string(r);
      return null;
    }
    // Timestamps are nearly all distinct: read as is, never into the shared strings.
    return shareTime(epochSeconds(r.nextString()));
  }

  /**
   * The last time seen with the same slot, as one boxed value: a pod's conditions, start and
   * containers' start mostly fall on the same few seconds, so each kept one {@code Long} of its
   * own (16 bytes, hundreds of thousands at 150,000 pods). A slot holds whichever value came
   * last; a race between threads only costs a copy, as {@code Long} is immutable.
   */
  private static final Long[] TIMES = new Long[1 << 12];

  static Long shareTime(Long time) {
    if (time == null) {
      return null;
    }
    long t = time;
    int slot = (int) (t ^ (t >>> 12)) & (TIMES.length - 1);
    Long seen = TIMES[slot];
    if (seen != null && seen == t) {
      return seen;
    }
    TIMES[slot] = time;
    return time;
  }

  /**
   * {@code Instant.parse(text).getEpochSecond()}, or null when it throws. The API server writes
   * every timestamp as {@code 2006-01-02T15:04:05Z}; that form is read digit by digit (each of
   * 150,000 pods carries several), anything else goes to {@link Instant#parse}.
   */
  static Long epochSeconds(String text) {
    if (text.length() == 20 && text.charAt(19) == 'Z' && text.charAt(4) == '-'
        && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
        && text.charAt(16) == ':') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 2);
      int day = digits(text, 8, 2);
      int hour = digits(text, 11, 2);
      int minute = digits(text, 14, 2);
      int second = digits(text, 17, 2);
      if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && hour >= 0 && hour <= 23
          && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
          && (day <= 28 || day <= LocalDate.of(year, month, 1).lengthOfMonth())) {
        return LocalDate.of(year, month, day).toEpochDay() * 86_400L
            + hour * 3600L + minute * 60L + second;
      }
    }
    try {
      return Instant.parse(text).getEpochSecond();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * A map of strings, read-only, in the order read; values that are not strings (e.g. nested
   * objects) become their text.
   */
  static Map<String, String> stringMap(JsonReader r) throws IOException {
    return stringMap(r, key -> true);
  }

  /** Only the entries whose key {@code keep} accepts; the others are skipped unread. */
  static Map<String, String> stringMap(JsonReader r, Predicate<String> keep) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    object(
        r,
        (name, in) -> {
          if (!keep.test(name)) {
            return false;
          }
          out.put(share(name), string(in));
          return true;
        });
    return CompactMap.of(out);
  }

  static List<String> strings(JsonReader r) throws IOException {
    return list(r, Fields::string);
  }
}
