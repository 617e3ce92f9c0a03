package io.kubemon.agent.secret;

import io.kubemon.agent.ConfigurationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Checkmk's password store: resolves the {@code <id>:<file>} reference that the server-side call
 * passes for a {@code Secret}.
 *
 * <p>File layout (cmk/utils/password_store/_pwstore.py, cmk/password_store/v1_unstable/_impl.py,
 * omd's cmk_password_store.h): 2-byte big-endian version (0) ‖ 16-byte salt ‖ 16-byte nonce ‖
 * 16-byte GCM tag ‖ ciphertext. Key = scrypt(master secret, salt, N=2^14, r=8, p=1, 32 bytes),
 * AES-256-GCM without associated data. The plaintext holds one {@code id:password} per line.
 */
public final class PasswordStore {
  private PasswordStore() {}

  static final int VERSION = 0;
  static final int SALT_BYTES = 16;
  static final int NONCE_BYTES = 16;
  static final int TAG_BYTES = 16;
  private static final int HEADER_BYTES = 2 + SALT_BYTES + NONCE_BYTES + TAG_BYTES;

  /**
   * @param reference {@code <password_id>:<path of the store file>}
   * @param env the process environment ({@code PASSWORD_STORE_SECRET_FILE}, {@code OMD_ROOT})
   * @throws ConfigurationException with one line naming what is wrong (never the secret)
   */
  public static Secret lookup(String reference, Map<String, String> env)
      throws ConfigurationException {
    int colon = reference == null ? -1 : reference.indexOf(':');
    if (colon <= 0 || colon == reference.length() - 1) {
      throw new ConfigurationException(
          "--token-id must be <password id>:<password store file>, as Checkmk passes a stored"
              + " password; got a value without both parts");
    }
    String id = reference.substring(0, colon);
    Path store = Path.of(reference.substring(colon + 1));
    byte[] plain = decrypt(read(store, "password store"), masterSecret(env), store);
    String password = find(new String(plain, StandardCharsets.UTF_8), id);
    Arrays.fill(plain, (byte) 0);
    if (password == null) {
      throw new ConfigurationException(
          "--token-id: password id \""
              + id
              + "\" is not in the password store "
              + store
              + "; check the rule's stored password and activate the changes");
    }
    if (password.isBlank()) {
      throw new ConfigurationException(
          "--token-id: password id \"" + id + "\" is empty in the password store " + store);
    }
    return Secret.of(password);
  }

  private static Path secretFile(Map<String, String> env) throws ConfigurationException {
    String explicit = env.get("PASSWORD_STORE_SECRET_FILE");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String omdRoot = env.get("OMD_ROOT");
    if (omdRoot != null && !omdRoot.isBlank()) {
      return Path.of(omdRoot, "etc", "password_store.secret");
    }
    throw new ConfigurationException(
        "--token-id: neither PASSWORD_STORE_SECRET_FILE nor OMD_ROOT is set; run the agent as the"
            + " Checkmk site user or set PASSWORD_STORE_SECRET_FILE");
  }

  private static byte[] masterSecret(Map<String, String> env) throws ConfigurationException {
    return read(secretFile(env), "password store secret");
  }

  /** Checkmk's store holds a few hundred passwords; its secret file is 256 bytes. */
  static final long MAX_STORE_BYTES = 16L << 20;

  private static byte[] read(Path file, String what) throws ConfigurationException {
    try {
      return RegularFile.read("--token-id: the " + what, file, MAX_STORE_BYTES);
    } catch (ConfigurationException e) {
      if (e.getCause() instanceof java.io.IOException) {
        throw new ConfigurationException(
            e.getMessage() + "; check the path and that the site user may read it", e);
      }
      throw e;
    }
  }

  static byte[] decrypt(byte[] blob, byte[] secret, Path store) throws ConfigurationException {
    if (blob.length < HEADER_BYTES) {
      throw new ConfigurationException(
          "--token-id: the password store "
              + store
              + " is truncated ("
              + blob.length
              + " bytes, header alone is "
              + HEADER_BYTES
              + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(blob);
    int version = Short.toUnsignedInt(in.getShort());
    if (version != VERSION) {
      throw new ConfigurationException(
          "--token-id: the password store "
              + store
              + " has format version "
              + version
              + ", this agent reads version "
              + VERSION
              + "; update kubemon");
    }
    byte[] salt = new byte[SALT_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    byte[] tag = new byte[TAG_BYTES];
    in.get(salt).get(nonce).get(tag);
    // Java's GCM wants ciphertext ‖ tag; Checkmk stores the tag in front of the ciphertext.
    byte[] sealed = new byte[in.remaining() + TAG_BYTES];
    in.get(sealed, 0, sealed.length - TAG_BYTES);
    System.arraycopy(tag, 0, sealed, sealed.length - TAG_BYTES, TAG_BYTES);
    byte[] key = SCrypt.generate(secret, salt, 1 << 14, 8, 1, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(TAG_BYTES * 8, nonce));
      return cipher.doFinal(sealed);
    } catch (AEADBadTagException e) {
      throw new ConfigurationException(
          "--token-id: the password store "
              + store
              + " does not authenticate (GCM tag mismatch):"
              + " it was modified or belongs to another site's password_store.secret");
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          "--token-id: cannot decrypt the password store " + store + ": " + e.getMessage());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The first {@code :} splits id from password; the password itself may contain colons. */
  static String find(String plaintext, String id) {
    for (String line : plaintext.split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equals(id)) {
        return line.substring(colon + 1);
      }
    }
    return null;
  }
}
