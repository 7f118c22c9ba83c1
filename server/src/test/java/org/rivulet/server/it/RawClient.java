package org.rivulet.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare JSON-RPC client on the JDK's WebSocket, for what the official clients cannot send:
 * malformed and hostile messages, and exact protocol checks. Responses and events are queued apart.
 */
final class RawClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket socket;
  private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final AtomicInteger ids = new AtomicInteger(100);
  private volatile boolean closed;

  RawClient(String url) throws Exception {
    this(HttpClient.newHttpClient(), url);
  }

  private RawClient(HttpClient http, String url) throws Exception {
    this.socket = http.newWebSocketBuilder()
        .buildAsync(URI.create(url), new Listener()).get(10, TimeUnit.SECONDS);
  }

  /** A wss client that accepts the test's self-signed certificate. */
  static RawClient trustingAnyCertificate(String url) throws Exception {
    javax.net.ssl.TrustManager[] trustAll = {new javax.net.ssl.X509TrustManager() {
      @Override
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
      }

      @Override
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
      }

      @Override
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    }};
    javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
    ssl.init(null, trustAll, new java.security.SecureRandom());
    javax.net.ssl.SSLParameters params = new javax.net.ssl.SSLParameters();
    params.setEndpointIdentificationAlgorithm("");
    return new RawClient(HttpClient.newBuilder().sslContext(ssl).sslParameters(params).build(), url);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode n = JSON.readTree(text.toString());
          (n.has("method") ? events : responses).add(n);
        } catch (Exception e) {
          responses.add(JSON.createObjectNode().put("unparseable", text.toString()));
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed = true;
    }
  }

  boolean isClosed() {
    return closed;
  }

  void sendText(String text) throws Exception {
    socket.sendText(text, true).get(10, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] bytes) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
  }

  /** The next response (not an event), or fails after 10 s. */
  JsonNode nextResponse() throws InterruptedException {
    JsonNode n = responses.poll(10, TimeUnit.SECONDS);
    if (n == null) {
      throw new AssertionError("no response within 10 s");
    }
    return n;
  }

  /** The next event notification within the timeout, or null. */
  JsonNode nextEvent(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }

  List<JsonNode> drainEvents() {
    List<JsonNode> out = new java.util.ArrayList<>();
    events.drainTo(out);
    return out;
  }

  /** Sends a request and returns its response. */
  JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id)
        .put("method", method);
    if (params != null) {
      request.set("params", params);
    }
    sendText(JSON.writeValueAsString(request));
    JsonNode response = nextResponse();
    if (response.path("id").asInt(-1) != id) {
      throw new AssertionError("response to another request: " + response);
    }
    return response;
  }

  /** {@code call} that expects success and returns {@code result}. */
  JsonNode ok(String method, ObjectNode params) throws Exception {
    JsonNode r = call(method, params);
    if (!r.has("result")) {
      throw new AssertionError(method + " failed: " + r);
    }
    return r.get("result");
  }

  static ObjectNode params(Object... namesAndValues) {
    ObjectNode p = JSON.createObjectNode();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      p.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
    }
    return p;
  }

  @Override
  public void close() {
    if (!closed) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
    }
  }
}
