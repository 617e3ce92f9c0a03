package io.kubemon.agent.cli;

import io.kubemon.agent.ConfigurationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Converts one option's text, failing with one line that names the option and the value. */
final class OptionValues {
  private OptionValues() {}

  /** Positive seconds, decimals allowed ("0.5"), at most one hour. */
  static Duration seconds(String option, String value) throws ConfigurationException {
    try {
      BigDecimal seconds = new BigDecimal(value.strip());
      if (seconds.signum() > 0 && seconds.compareTo(BigDecimal.valueOf(3600)) <= 0) {
        return Duration.ofNanos(seconds.movePointRight(9).longValue());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(
        option + " must be seconds between 0 and 3600, got \"" + value + "\"");
  }

  static int integer(String option, String value, int min, int max)
      throws ConfigurationException {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(
        option + " must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
  }

  /** A comma-separated list; every item must be one of {@code allowed} (null: anything). */
  static Set<String> commaList(String option, String value, Set<String> allowed)
      throws ConfigurationException {
    Set<String> items = new LinkedHashSet<>();
    for (String raw : value.split(",")) {
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      if (allowed != null && !allowed.contains(item)) {
        throw new ConfigurationException(
            option + ": unknown value \"" + item + "\", expected any of "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
      items.add(item);
    }
    return items;
  }

  static List<Pattern> patterns(String option, List<String> values)
      throws ConfigurationException {
    List<Pattern> patterns = new ArrayList<>();
    for (String value : values) {
      patterns.add(pattern(option, value));
    }
    return patterns;
  }

  static Pattern pattern(String option, String value) throws ConfigurationException {
    if (value == null) {
      return null;
    }
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new ConfigurationException(
          option + ": \"" + value + "\" is not a regular expression: " + e.getDescription());
    }
  }

  /** Splits {@code text} at the first {@code count - 1} separators; fails on fewer. */
  static String[] split(String option, String text, String separator, int count, String form)
      throws ConfigurationException {
    String[] parts = text.split(Pattern.quote(separator), count);
    if (parts.length != count || Arrays.stream(parts).anyMatch(p -> p.strip().isEmpty())) {
      throw new ConfigurationException(option + " must be " + form + ", got \"" + text + "\"");
    }
    return parts;
  }
}
