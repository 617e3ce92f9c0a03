package io.kubemon.agent.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward proxy on loopback that only tunnels (CONNECT) and demands Basic credentials: without
 * the right {@code Proxy-Authorization} it answers 407 with a Basic challenge and closes. It
 * records each CONNECT it got, with the credentials it carried, so a test can prove they were
 * sent and the tunnel was used.
 */
final class AuthProxy implements AutoCloseable {
  /** One CONNECT as received: its target, the Proxy-Authorization value (or null), the answer. */
  record Connect(String target, String authorization, int status) {}

  private final ServerSocket server;
  private final String expected;
  private final List<Connect> connects = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  AuthProxy(String user, String password) throws IOException {
    this.expected = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "auth-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  List<Connect> connects() {
    return List.copyOf(connects);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread t = new Thread(() -> serve(client), "auth-proxy-client");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] request = head.get(0).split(" ");
      String authorization = null;
      for (String line : head.subList(1, head.size())) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
            .equals("proxy-authorization")) {
          authorization = line.substring(colon + 1).trim();
        }
      }
      if (request.length < 2 || !request[0].equals("CONNECT")) {
        connects.add(new Connect(head.get(0), authorization, 405));
        write(out, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n");
        return;
      }
      if (!expected.equals(authorization)) {
        connects.add(new Connect(request[1], authorization, 407));
        write(out, "HTTP/1.1 407 Proxy Authentication Required\r\n"
            + "Proxy-Authenticate: Basic realm=\"kubemon-test\"\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n");
        return;
      }
      String[] hostPort = request[1].split(":");
      try (Socket target = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
        open.add(target);
        connects.add(new Connect(request[1], authorization, 200));
        write(out, "HTTP/1.1 200 Connection established\r\n\r\n");
        Thread back = new Thread(() -> pipe(target, client), "auth-proxy-back");
        back.setDaemon(true);
        back.start();
        pipe(client, target);
        back.join(5000);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // the client or the target went away
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // one side closed
    }
  }

  /** The request line and headers, up to the empty line; empty when the client sent nothing. */
  private static List<String> readHead(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int state = 0;
    for (int b; (b = in.read()) >= 0 && bytes.size() < 16384; ) {
      bytes.write(b);
      state = (b == '\r' && state % 2 == 0) || (b == '\n' && state % 2 == 1) ? state + 1 : 0;
      if (state == 4) {
        break;
      }
    }
    String text = bytes.toString(StandardCharsets.ISO_8859_1);
    return text.isBlank() ? List.of() : List.of(text.strip().split("\r\n"));
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
