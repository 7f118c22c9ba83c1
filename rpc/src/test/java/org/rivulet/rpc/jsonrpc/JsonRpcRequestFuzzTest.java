package org.rivulet.rpc.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.rpc.KurentoServer;
import org.rivulet.rpc.session.RpcConnection;

/**
 * Fuzzes the front door of the protocol: arbitrary bytes as a WebSocket message go through the
 * request decoder and, value by value, into the protocol. Properties: nothing throws, and every
 * answer the server sends is a JSON-RPC 2.0 object with exactly one of {@code result} and
 * {@code error}.
 */
class JsonRpcRequestFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KurentoServer server;
  private static final JsonRpcDecoder DECODER = new JsonRpcDecoder();

  @BeforeAll
  static void start() {
    server = KurentoServer.unbound(new KurentoServer.Settings("127.0.0.1", 0, "kurento", -1, null,
        null, 240, "", ModuleConfig.empty()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @FuzzTest(maxDuration = "60s")
  void anyMessageGetsAWellFormedAnswerOrNone(byte[] message) throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    ClientState client = new ClientState(new RpcConnection() {
      @Override
      public void send(String json) {
        sent.add(json);
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public String describe() {
        return "fuzz";
      }
    });
    JsonRpcDecoder.Result result = DECODER.decode(message);
    for (JsonNode value : result.values()) {
      server.protocol().onMessage(client, value);
    }
    // Queued requests complete on the pipeline loops: wait for their answers too.
    client.drained().get(10, java.util.concurrent.TimeUnit.SECONDS);
    for (String text : sent) {
      JsonNode answer = JSON.readTree(text);
      if (answer.has("method")) {
        continue; // an event notification
      }
      assertEquals("2.0", answer.path("jsonrpc").asText(), text);
      assertTrue(answer.has("result") ^ answer.has("error"), text);
      if (answer.has("error")) {
        assertTrue(answer.path("error").path("code").isInt(), text);
        assertTrue(answer.path("error").path("message").isTextual(), text);
      }
    }
  }
}
