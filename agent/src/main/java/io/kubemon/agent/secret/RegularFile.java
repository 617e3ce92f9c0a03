package io.kubemon.agent.secret;

import io.kubemon.agent.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file the agent is given (token, CA, password store): a regular file only, and at most
 * a bounded number of bytes. A FIFO would block the run forever and {@code /dev/zero} would read
 * until the heap is gone; both, a directory and any device are refused at once with one line.
 */
public final class RegularFile {
  private RegularFile() {}

  /**
   * @param what the option or description that names the file in the error line, e.g. {@code
   *     --token-file}
   * @param maxBytes the largest file accepted
   * @throws ConfigurationException naming {@code what}, the file and what is wrong with it
   */
  public static byte[] read(String what, Path file, long maxBytes) throws ConfigurationException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new ConfigurationException(
          what + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    if (!attributes.isRegularFile()) {
      throw new ConfigurationException(what + " " + file + " is " + kind(file, attributes)
          + ", not a regular file; give the path of the file itself");
    }
    if (attributes.size() > maxBytes) {
      throw new ConfigurationException(
          what + " " + file + " is larger than " + size(maxBytes) + "; it is not the right file");
    }
    // Read through the bound, too: a file that grows after the size check (or a /proc file of
    // size 0) cannot make the agent read without end.
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw new ConfigurationException(what + " " + file + " is larger than " + size(maxBytes)
            + "; it is not the right file");
      }
      return bytes;
    } catch (IOException e) {
      throw new ConfigurationException(
          what + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** "a directory", "a FIFO (named pipe)", "a character device", … */
  static String kind(Path file, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a directory";
    }
    try {
      int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
      switch (type) {
        case 0010000:
          return "a FIFO (named pipe)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No unix attribute view: say what is known.
    }
    return "a special file";
  }

  private static String size(long bytes) {
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB"
        : (bytes >> 10) + " KiB";
  }
}
