package io.kubemon.agent.http;

/**
 * What one run may take from a server and give to Checkmk (docs/agent-cli.md, "Bounds"): a
 * hostile or broken server meets these before it meets the machine's memory or disk.
 *
 * @param maxObjects objects per list (--max-objects); a list with more fails
 * @param maxPages pages per list (--max-pages); a list with more fails
 * @param maxResponseBytes bytes of one response body after decompression (--max-response-mib)
 * @param maxStringChars characters of any string written into a section (--max-string-chars); a
 *     longer one is cut and ends in {@link #TRUNCATED}
 * @param maxOutputBytes bytes written to stdout besides the status section (--max-output-mib);
 *     host blocks past it are left out whole
 */
public record Limits(
    int maxObjects, int maxPages, long maxResponseBytes, int maxStringChars, long maxOutputBytes) {

  public static final int DEFAULT_MAX_OBJECTS = 200_000;
  public static final int DEFAULT_MAX_PAGES = 2_000;
  public static final int DEFAULT_MAX_RESPONSE_MIB = 256;
  public static final int DEFAULT_MAX_STRING_CHARS = 4096;
  public static final int DEFAULT_MAX_OUTPUT_MIB = 1024;

  /** Ends a string cut at {@link #maxStringChars}. */
  public static final String TRUNCATED = "…[truncated]";

  /** Longest continue token taken: real ones are a few hundred characters of base64. */
  public static final int MAX_CONTINUE_CHARS = 16_384;

  public static final Limits DEFAULT =
      new Limits(
          DEFAULT_MAX_OBJECTS,
          DEFAULT_MAX_PAGES,
          (long) DEFAULT_MAX_RESPONSE_MIB << 20,
          DEFAULT_MAX_STRING_CHARS,
          (long) DEFAULT_MAX_OUTPUT_MIB << 20);
}
