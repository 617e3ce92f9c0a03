package io.kubemon.agent.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the bytes of a response body into {@code total} and stops a body beyond {@code limit}. */
final class BoundedInputStream extends FilterInputStream {

  /** A body grew past the limit; a hostile or broken server, never a real list. */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
      super("the body exceeds " + (limit >= 1 << 20 ? (limit >> 20) + " MiB" : limit + " bytes"));
    }
  }

  private final long limit;
  private final AtomicLong total;
  private long count;

  BoundedInputStream(InputStream in, long limit, AtomicLong total) {
    super(in);
    this.limit = limit;
    this.total = total;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  private void add(int n) throws BodyTooLargeException {
    count += n;
    total.addAndGet(n);
    if (count > limit) {
      throw new BodyTooLargeException(limit);
    }
  }
}
