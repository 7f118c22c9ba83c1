package org.rivulet.server.it.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Serves the test page ({@code browser/peer.html} from the test classpath) on 127.0.0.1 with a
 * free port. Chromium treats a loopback origin as a secure context, so {@code getUserMedia} works
 * over plain HTTP; the JDK's own server is enough and needs nothing from the network.
 */
public final class TestPageServer implements AutoCloseable {
  static final String PAGE_PATH = "/peer.html";
  private static final String RESOURCE = "browser/peer.html";

  private final HttpServer server;
  private final byte[] page;

  private TestPageServer(HttpServer server, byte[] page) {
    this.server = server;
    this.page = page;
  }

  /** Binds to 127.0.0.1, port 0, and starts serving. */
  public static TestPageServer start() throws IOException {
    byte[] page = readPage();
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TestPageServer pages = new TestPageServer(server, page);
    server.createContext("/", pages::handle);
    server.start();
    return pages;
  }

  private static byte[] readPage() throws IOException {
    try (InputStream in = TestPageServer.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is not on the test classpath");
      }
      return in.readAllBytes();
    }
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      boolean found = PAGE_PATH.equals(exchange.getRequestURI().getPath());
      byte[] body = found ? page : new byte[0];
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(found ? 200 : 404, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's address, {@code http://127.0.0.1:<port>/peer.html}. */
  public String pageUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PAGE_PATH;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
