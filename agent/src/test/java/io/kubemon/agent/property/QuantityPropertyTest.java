package io.kubemon.agent.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemon.agent.quantity.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The quantity parser against the Kubernetes definition (apimachinery resource.Quantity): decimal
 * and binary suffixes, exponents, and rounding up; and any other text is null, never an exception.
 */
class QuantityPropertyTest {
  /** The suffixes as apimachinery defines them, written out independently of the parser. */
  private static final Map<String, BigDecimal> FACTORS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("0.000000001")),
          Map.entry("u", new BigDecimal("0.000001")),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", new BigDecimal("1000")),
          Map.entry("M", new BigDecimal("1000000")),
          Map.entry("G", new BigDecimal("1000000000")),
          Map.entry("T", new BigDecimal("1000000000000")),
          Map.entry("P", new BigDecimal("1000000000000000")),
          Map.entry("E", new BigDecimal("1000000000000000000")),
          Map.entry("Ki", new BigDecimal(1024)),
          Map.entry("Mi", new BigDecimal(1024 * 1024)),
          Map.entry("Gi", new BigDecimal(1024L * 1024 * 1024)),
          Map.entry("Ti", new BigDecimal(1024L * 1024 * 1024 * 1024)),
          Map.entry("Pi", new BigDecimal(1024L * 1024 * 1024 * 1024 * 1024)),
          Map.entry("Ei", new BigDecimal(1024L * 1024 * 1024 * 1024 * 1024 * 1024)));

  @Provide
  Arbitrary<String> suffixes() {
    return Arbitraries.of(FACTORS.keySet());
  }

  @Property(tries = 500)
  void aNumberWithASuffixIsTheNumberTimesTheFactor(
      @ForAll @BigRange(min = "0", max = "1000000") BigDecimal number,
      @ForAll("suffixes") String suffix) {
    BigDecimal expected = number.multiply(FACTORS.get(suffix));
    assertEquals(0, expected.compareTo(Quantity.parse(number.toPlainString() + suffix)));
  }

  @Property(tries = 300)
  void anExponentScalesByPowersOfTen(
      @ForAll @IntRange(min = 0, max = 100000) int number,
      @ForAll @IntRange(min = -30, max = 30) int exponent) {
    BigDecimal expected = BigDecimal.valueOf(number).scaleByPowerOfTen(exponent);
    assertEquals(0, expected.compareTo(Quantity.parse(number + "e" + exponent)));
  }

  @Property(tries = 500)
  void cpuRoundsUpToTheMillicoreAndBytesToTheByte(
      @ForAll @BigRange(min = "0", max = "100000") BigDecimal number,
      @ForAll("suffixes") String suffix) {
    String text = number.toPlainString() + suffix;
    BigDecimal exact = Quantity.parse(text);
    BigDecimal cores = Quantity.cpuCores(text);
    assertTrue(
        cores.compareTo(exact) >= 0
            && cores.subtract(exact).compareTo(new BigDecimal("0.001")) < 0);
    assertTrue(cores.stripTrailingZeros().scale() <= 3, "whole millicores: " + cores);
    BigInteger bytes = Quantity.bytes(text);
    BigDecimal whole = new BigDecimal(bytes);
    assertTrue(whole.compareTo(exact) >= 0 && whole.subtract(exact).compareTo(BigDecimal.ONE) < 0);
  }

  /** Arbitrary text, hostile bytes included: null unless it is a quantity, and never a throw. */
  @Property(tries = 1000)
  void anyOtherTextIsNull(@ForAll String text) {
    BigDecimal value = Quantity.parse(text);
    if (value != null) {
      assertTrue(text.trim().matches("[+-]?[0-9.]+([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?"), text);
    }
  }

  /** Inside a quantity; around it, surrounding blanks and controls are trimmed (String.trim). */
  @Property(tries = 200)
  void markersAndControlCharactersAreNeverQuantities(
      @ForAll @IntRange(min = 0, max = 100000) int number,
      @ForAll("unitSuffixes") String suffix,
      @ForAll("noise") String noise) {
    assertNull(Quantity.parse(number + noise + suffix));
    assertNull(Quantity.bytes(number + noise + suffix));
    assertNull(Quantity.cpuCores(number + noise + suffix));
  }

  @Provide
  Arbitrary<String> unitSuffixes() {
    return Arbitraries.of(FACTORS.keySet()).filter(s -> !s.isEmpty());
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.of(
        "\n",
        "\u0000",
        "<<<",
        ">>>",
        "<<<<x>>>>",
        "\n<<<<x>>>>\n",
        "\ufffd",
        "NaN",
        "Infinity",
        "e",
        "ee1",
        "i",
        " ",
        "\u2028");
  }
}
