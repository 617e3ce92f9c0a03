package io.kubemon.agent.piggyback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Piggyback host names as agent_kube builds them: {@code <type>_<cluster>_<namespace>_<name>}, or
 * without namespace for cluster-scoped objects. Checkmk drops piggyback names that are not valid
 * host names (max 240 characters), so odd characters become {@code _} and long names are cut and
 * made unique by a hash of the full name.
 */
public final class PiggybackNames {
  private PiggybackNames() {}

  public static final int MAX_LENGTH = 240;
  private static final int HASH_CHARS = 8;

  /**
   * @param type {@code node}, {@code namespace}, {@code pod}, {@code deployment}, {@code
   *     daemonset}, {@code statefulset} or {@code cronjob}
   * @param namespace null for cluster-scoped objects
   */
  public static String host(String type, String cluster, String namespace, String name) {
    String full =
        namespace == null
            ? type + "_" + cluster + "_" + name
            : type + "_" + cluster + "_" + namespace + "_" + name;
    String safe = full.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() <= MAX_LENGTH) {
      return safe;
    }
    int keep = MAX_LENGTH - HASH_CHARS - 1;
    return safe.substring(0, keep) + "_" + sha256Hex(full).substring(0, HASH_CHARS);
  }

  private static String sha256Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
