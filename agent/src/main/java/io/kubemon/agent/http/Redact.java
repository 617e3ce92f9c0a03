package io.kubemon.agent.http;

import java.util.regex.Pattern;

/**
 * Server text on its way into a section or a log line (error pages, version strings, content
 * types, Prometheus errors): the token, any {@code Bearer …} value and any {@code Authorization:
 * …} header become {@code ***}, control characters become spaces, and the text is cut short.
 */
public final class Redact {
  private Redact() {}

  public static final String MASK = "***";
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)(authorization\"?\\s*[:=]\\s*\"?)[^\\r\\n\"]*");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

  /**
   * @param token the token to mask, or null
   * @param max the longest text kept; longer text ends in {@code …}
   */
  public static String text(String text, String token, int max, boolean keepLines) {
    if (text == null) {
      return null;
    }
    // Cut generously first, so the patterns never scan a huge body; cut again after masking.
    String s = text.length() > 4 * max + 256 ? text.substring(0, 4 * max + 256) : text;
    if (token != null && !token.isEmpty()) {
      s = s.replace(token, MASK);
    }
    s = BEARER.matcher(s).replaceAll("$1" + MASK);
    s = AUTHORIZATION.matcher(s).replaceAll("$1" + MASK);
    if (keepLines) {
      s = s.replace("\r", "");
      s = Pattern.compile("[\\p{Cc}&&[^\\n]]").matcher(s).replaceAll(" ");
    } else {
      s = CONTROL.matcher(s).replaceAll(" ");
    }
    if (s.length() > max) {
      // Never end inside a surrogate pair.
      int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
      s = s.substring(0, end) + "…";
    }
    return s;
  }
}
