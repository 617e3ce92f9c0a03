package io.kubemon.agent.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UsageDataTest {
  @Test
  void quantitiesOfTheMetricsApis() {
    assertEquals(10.5, UsageData.quantity("10500m"));
    assertEquals(0.487558164, UsageData.quantity("487558164n"));
    assertEquals(749785088.0, UsageData.quantity("732212Ki"));
  }

  @Test
  void garbageNamesTheText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UsageData.quantity("12 cores"));
    assertEquals("not a Kubernetes quantity: \"12 cores\"", e.getMessage());
  }
}
