package io.kubemon.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {
  @Test
  void countsAndStopsPastTheLimit() throws Exception {
    AtomicLong total = new AtomicLong();
    InputStream small = new BoundedInputStream(new ByteArrayInputStream(new byte[100]), 100, total);
    assertEquals(100, small.readAllBytes().length);
    assertEquals(100, total.get());
    InputStream big = new BoundedInputStream(new ByteArrayInputStream(new byte[101]), 100, total);
    BoundedInputStream.BodyTooLargeException e =
        assertThrows(BoundedInputStream.BodyTooLargeException.class, big::readAllBytes);
    assertEquals("the body exceeds 100 bytes", e.getMessage());
    assertEquals(256L << 20, HttpJsonSource.MAX_BODY_BYTES);
  }
}
