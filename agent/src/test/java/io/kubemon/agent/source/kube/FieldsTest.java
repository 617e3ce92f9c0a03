package io.kubemon.agent.source.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
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
}
