package io.kubemon.agent.source.kube;

import java.util.regex.Pattern;

/**
 * The syntax of a Kubernetes label (apimachinery's IsQualifiedName and IsValidLabelValue): what
 * --all-annotations imports as host labels. Most annotations fail it (JSON, URLs, long texts).
 */
public final class LabelSyntax {
  private LabelSyntax() {}

  /** A name part or a value: alphanumeric at both ends, "-", "_", "." inside, at most 63. */
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  /** A DNS-1123 subdomain, the optional prefix of a key, at most 253 characters. */
  private static final Pattern PREFIX =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** {@code [prefix/]name}. */
  public static boolean validKey(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return NAME.matcher(key).matches();
    }
    String prefix = key.substring(0, slash);
    return prefix.length() <= 253
        && PREFIX.matcher(prefix).matches()
        && NAME.matcher(key.substring(slash + 1)).matches();
  }

  /** Empty, or a name part. */
  public static boolean validValue(String value) {
    return value != null && (value.isEmpty() || NAME.matcher(value).matches());
  }
}
