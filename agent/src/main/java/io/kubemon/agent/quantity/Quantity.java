package io.kubemon.agent.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 1Gi}, {@code 1e3}), parsed exactly. Rounding
 * follows the API server: CPU up to the millicore, bytes up to the whole byte. Anything unparsable
 * is null, so no {@code NaN} ever reaches a section.
 */
public final class Quantity {
  private Quantity() {}

  // A decimal exponent is "e"/"E" followed by digits; a lone "E" is the exa suffix.
  private static final Pattern FORM =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))"
              + "(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]{1,3}|[numkMGTPE])?");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", new BigDecimal(BigInteger.TWO.pow(10))),
          Map.entry("Mi", new BigDecimal(BigInteger.TWO.pow(20))),
          Map.entry("Gi", new BigDecimal(BigInteger.TWO.pow(30))),
          Map.entry("Ti", new BigDecimal(BigInteger.TWO.pow(40))),
          Map.entry("Pi", new BigDecimal(BigInteger.TWO.pow(50))),
          Map.entry("Ei", new BigDecimal(BigInteger.TWO.pow(60))));

  /**
   * Parsed values by text. A cluster's requests and limits repeat ("100m", "128Mi") and every
   * pod's are summed for its node, namespace, workloads and the cluster: 150,000 pods made a
   * million parses of a few hundred distinct texts. The values are immutable; at most
   * {@value #MEMO_MAX} short texts per kind are kept, the rest parsed each time.
   */
  private static final int MEMO_MAX = 4096;

  private static final int MEMO_LENGTH = 32;
  private static final Object UNPARSABLE = new Object();
  private static final Map<String, Object> PARSED = new ConcurrentHashMap<>();
  private static final Map<String, Object> CORES = new ConcurrentHashMap<>();
  private static final Map<String, Object> BYTES = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  private static <T> T memo(Map<String, Object> memo, String text, Function<String, T> parse) {
    if (text == null) {
      return null;
    }
    Object known = memo.get(text);
    if (known == null) {
      T value = parse.apply(text);
      if (text.length() <= MEMO_LENGTH && memo.size() < MEMO_MAX) {
        memo.put(text, value == null ? UNPARSABLE : value);
      }
      return value;
    }
    return known == UNPARSABLE ? null : (T) known;
  }

  /** The exact value, or null when {@code text} is not a Kubernetes quantity. */
  public static BigDecimal parse(String text) {
    return memo(PARSED, text, Quantity::parseText);
  }

  private static BigDecimal parseText(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    if (suffix == null) {
      return number;
    }
    if (SUFFIXES.containsKey(suffix)) {
      return number.multiply(SUFFIXES.get(suffix));
    }
    return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
  }

  /** CPU in cores, rounded up to the millicore; null when unparsable. */
  public static BigDecimal cpuCores(String text) {
    return memo(CORES, text, t -> {
      BigDecimal value = parse(t);
      return value == null ? null : value.setScale(3, RoundingMode.CEILING).stripTrailingZeros();
    });
  }

  /** Bytes, rounded up to the whole byte; null when unparsable. */
  public static BigInteger bytes(String text) {
    return memo(BYTES, text, t -> {
      BigDecimal value = parse(t);
      return value == null ? null : value.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    });
  }

  /**
   * A resource-quota value by its key: CPU keys in cores, memory and storage keys in bytes, any
   * other count as an integer when whole.
   */
  public static Number byResourceKey(String key, String text) {
    if (key.endsWith("cpu")) {
      BigDecimal cores = cpuCores(text);
      return cores == null ? null : cores.doubleValue();
    }
    if (key.endsWith("memory") || key.endsWith("storage")) {
      return bytes(text);
    }
    BigDecimal value = parse(text);
    if (value == null) {
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.toBigInteger() : stripped;
  }
}
