package io.kubemon.agent.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void suffixesAreExact() {
    assertEquals(0, new BigDecimal("10.5").compareTo(Quantities.parse("10500m")));
    assertEquals(0, new BigDecimal("0.487558164").compareTo(Quantities.parse("487558164n")));
    assertEquals(0, new BigDecimal("749785088").compareTo(Quantities.parse("732212Ki")));
    assertEquals(0, new BigDecimal("1610612736").compareTo(Quantities.parse("1.5Gi")));
    assertEquals(0, new BigDecimal("1000").compareTo(Quantities.parse("1e3")));
    assertEquals(0, new BigDecimal("2000000").compareTo(Quantities.parse("2M")));
  }

  @Test
  void garbageNamesTheText() {
    NumberFormatException e =
        assertThrows(NumberFormatException.class, () -> Quantities.parse("12 cores"));
    assertEquals("not a Kubernetes quantity: \"12 cores\"", e.getMessage());
  }
}
