package io.kubemon.agent.source.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldsTest {

  @Test
  void timestampsAreReadAsInstantParseReadsThem() {
    List<String> edges = List.of("2026-11-27T04:31:59Z", "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59Z", "2023-02-29T12:00:00Z", "2026-04-31T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-12-31T24:00:00Z", "2026-12-31T23:60:00Z",
        "2016-12-31T23:59:60Z", "2026-11-27T04:31:59.123Z", "2026-11-27T04:31:59+01:00",
        "2026-11-27 04:31:59Z", "2026-1a-27T04:31:59Z", "0000-01-01T00:00:00Z", "", "now");
    for (String text : edges) {
      assertEquals(reference(text), Fields.epochSeconds(text), text);
    }
    Random random = new Random(6);
    for (int n = 0; n < 5000; n++) {
      String text = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", random.nextInt(10_000),
          random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61),
          random.nextInt(61));
      assertEquals(reference(text), Fields.epochSeconds(text), text);
    }
  }

  private static Long reference(String text) {
    try {
      return Instant.parse(text).getEpochSecond();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static JsonReader json(String text) {
    return new JsonReader(new StringReader(text));
  }

  @Test
  void mapsKeepTheOrderReadAndTheLastValueOfARepeatedKey() throws IOException {
    Map<String, String> read =
        Fields.stringMap(json("{\"b\":\"2\",\"a\":\"1\",\"o\":{\"x\":1},\"b\":\"3\"}"));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("b", "3");
    expected.put("a", "1");
    expected.put("o", null);
    assertEquals(expected, read);
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(read.entrySet()));
    assertEquals(expected.toString(), read.toString());
    assertEquals(expected.hashCode(), read.hashCode());
    assertEquals("3", read.get("b"));
    assertNull(read.get("o"));
    assertTrue(read.containsKey("o"));
    assertFalse(read.containsKey("c"));
    assertNull(read.get("c"));
    assertThrows(UnsupportedOperationException.class, () -> read.put("c", "4"));
    assertEquals(Map.of(), Fields.stringMap(json("{}")));
    assertEquals(Map.of(), Fields.stringMap(json("null")));
  }

  @Test
  void largeMapsKeepTheirOrderToo() throws IOException {
    StringBuilder text = new StringBuilder("{");
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < CompactMap.MAX_SIZE * 2; i++) {
      String key = "k" + (CompactMap.MAX_SIZE * 2 - i);
      keys.add(key);
      text.append(i == 0 ? "" : ",").append('"').append(key).append("\":\"").append(i).append('"');
    }
    Map<String, String> read = Fields.stringMap(json(text.append('}').toString()));
    assertEquals(keys, List.copyOf(read.keySet()));
    assertEquals("7", read.get(keys.get(7)));
  }

  @Test
  void listsAreReadOnlyAndLeaveOutNulls() throws IOException {
    List<String> read = Fields.strings(json("[\"a\",{},\"b\"]"));
    assertEquals(List.of("a", "b"), read);
    assertThrows(UnsupportedOperationException.class, () -> read.add("c"));
    assertEquals(List.of(), Fields.strings(json("[]")));
    assertEquals(List.of(), Fields.strings(json("{\"a\":1}")));
  }

  @Test
  void aTimeReadAgainIsTheSameObject() throws IOException {
    Long first = Fields.time(json("\"2026-11-27T04:31:59Z\""));
    Long again = Fields.time(json("\"2026-11-27T04:31:59Z\""));
    assertEquals(Instant.parse("2026-11-27T04:31:59Z").getEpochSecond(), first);
    assertSame(first, again);
    assertEquals(first + 1, Fields.time(json("\"2026-11-27T04:32:00Z\"")));
    assertNull(Fields.time(json("null")));
    assertNull(Fields.time(json("\"soon\"")));
  }

  @Test
  void aRepeatedShortStringIsOneCopyEvenAfterManyUniqueOnes() throws IOException {
    String first = Fields.string(json("\"Ready\""));
    for (int i = 0; i < 300_000; i++) { // more unique values than the table has slots
      Fields.share("uid-" + i);
    }
    String again = Fields.string(json("\"ContainersReady\""));
    assertSame(again, Fields.string(json("\"ContainersReady\"")));
    assertEquals("Ready", first);
    String label = new String("team-7");
    assertSame(label, Fields.share(label));
    assertSame(label, Fields.share(new String("team-7")));
    String longValue = "x".repeat(65);
    assertFalse(longValue == Fields.share(new String(longValue)), "long values are kept as read");
  }
}
