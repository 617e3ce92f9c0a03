package io.kubemon.agent.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "100m, 0.1",
    "1, 1",
    "1.5, 1.5",
    "10500m, 10.5",
    "1e3, 1000",
    "1E3, 1000",
    "2e-3, 0.002",
    "1k, 1000",
    "1Ki, 1024",
    "1Mi, 1048576",
    "1Gi, 1073741824",
    "1.5Gi, 1610612736",
    "1Ti, 1099511627776",
    "1Pi, 1125899906842624",
    "1Ei, 1152921504606846976",
    "1M, 1000000",
    "1G, 1000000000",
    "1T, 1000000000000",
    "1P, 1000000000000000",
    "1E, 1000000000000000000",
    "250000n, 0.00025",
    "5u, 0.000005",
    "+3, 3",
    "-2, -2",
    ".5, 0.5",
    "0, 0",
  })
  void parsesExactly(String text, String expected) {
    assertEquals(0, new BigDecimal(expected).compareTo(Quantity.parse(text)), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "abc", "1Z", "1ki", "1 Gi", "Gi", "1e", "NaN", "Infinity", "1..2", "--1"})
  void rejectsWhatKubernetesRejects(String text) {
    assertNull(Quantity.parse(text), text);
    assertNull(Quantity.cpuCores(text), text);
    assertNull(Quantity.bytes(text), text);
  }

  @ParameterizedTest(name = "{0} CPU = {1} cores")
  @CsvSource({"100m, 0.1", "1, 1", "250000n, 0.001", "1500001u, 1.501", "0.0001, 0.001", "2, 2"})
  void roundsCpuUpToTheMillicore(String text, String cores) {
    assertEquals(0, new BigDecimal(cores).compareTo(Quantity.cpuCores(text)), text);
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource({"1.5Ki, 1536", "0.1Ki, 103", "100m, 1", "1e3, 1000", "129M, 129000000"})
  void roundsBytesUpToTheByte(String text, String bytes) {
    assertEquals(new BigInteger(bytes), Quantity.bytes(text), text);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
    "requests.cpu, 500m, 0.5",
    "limits.memory, 1Gi, 1073741824",
    "requests.storage, 10Gi, 10737418240",
    "pods, 20, 20",
    "count/configmaps, 1k, 1000",
  })
  void quotaValuesByKey(String key, String text, String expected) {
    assertEquals(expected, Quantity.byResourceKey(key, text).toString());
  }

  @Test
  void absentOrUnparsableIsNull() {
    assertNull(Quantity.parse(null));
    assertNull(Quantity.byResourceKey("pods", "x"));
  }

  @Test
  void answersTheSameWhenAskedAgain() {
    // The second answer comes from the memo: the same value, null again for what is unparsable,
    // and a text too long for the memo is parsed each time.
    String longText = "0".repeat(40) + "1500m";
    for (int round = 0; round < 2; round++) {
      assertEquals(0, new BigDecimal("0.1").compareTo(Quantity.cpuCores("100m")));
      assertEquals(BigInteger.valueOf(134217728), Quantity.bytes("128Mi"));
      assertEquals(0, new BigDecimal("0.1").compareTo(Quantity.parse("100m")));
      assertNull(Quantity.parse("1Z"));
      assertNull(Quantity.cpuCores("1Z"));
      assertNull(Quantity.bytes("1Z"));
      assertEquals(0, new BigDecimal("1.5").compareTo(Quantity.cpuCores(longText)));
    }
  }
}
