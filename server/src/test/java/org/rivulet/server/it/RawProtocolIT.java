package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.server.it.RawClient.params;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kurento Protocol on the wire, against the packaged server: exact response shapes, session
 * binding and injection, reconnection with {@code connect}, and the catalogue of bad input
 * (RELIABILITY.md B10), each answered with Kurento's error while the connection keeps working.
 */
@Timeout(60)
class RawProtocolIT {
  private static RivuletProcess server;

  @BeforeAll
  static void start() throws Exception {
    server = RivuletProcess.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void pingAnswersPongAsAnObject() throws Exception {
    try (RawClient c = new RawClient(server.url())) {
      JsonNode r = c.call("ping", params("interval", 240000));
      assertEquals("2.0", r.path("jsonrpc").asText());
      assertEquals("pong", r.path("result").path("value").asText());
      assertFalse(r.path("result").has("sessionId"), "no session yet");
      String session = c.ok("create", params("type", "MediaPipeline")).path("sessionId").asText();
      JsonNode again = c.call("ping", null);
      assertEquals(session, again.path("result").path("sessionId").asText(),
          "the bound session is injected into later requests");
    }
  }

  @Test
  void responsesHaveKurentosShapes() throws Exception {
    try (RawClient c = new RawClient(server.url())) {
      JsonNode created = c.ok("create", params("type", "kurento.MediaPipeline", "properties",
          params()));
      String session = created.path("sessionId").asText();
      String pipeline = created.path("value").asText();
      assertTrue(pipeline.matches("[0-9a-f-]{36}_kurento\\.MediaPipeline"), pipeline);
      // Same session without sending it: injected from the connection.
      JsonNode w = c.ok("create", params("type", "WebRtcEndpoint", "constructorParams",
          params("mediaPipeline", pipeline)));
      assertEquals(session, w.path("sessionId").asText());
      String webRtc = w.path("value").asText();

      JsonNode described = c.ok("describe", params("object", webRtc));
      assertEquals("WebRtcEndpoint", described.path("type").asText());
      assertEquals("kurento.WebRtcEndpoint", described.path("qualifiedType").asText());
      assertEquals(List.of("kurento.BaseRtpEndpoint", "kurento.SdpEndpoint",
          "kurento.SessionEndpoint", "kurento.Endpoint", "kurento.MediaElement",
          "kurento.MediaObject"), RawClient.JSON.convertValue(described.path("hierarchy"), List.class));
      JsonNode manager = c.ok("describe", params("object", "manager_ServerManager"));
      assertEquals("kurento.ServerManager", manager.path("qualifiedType").asText());

      JsonNode voidResult = c.ok("invoke", params("object", webRtc, "operation", "setName",
          "operationParams", params("name", "x")));
      assertTrue(voidResult.has("value") && voidResult.get("value").isNull(), voidResult.toString());

      JsonNode remb = c.ok("invoke", params("object", webRtc, "operation", "getRembParams"))
          .path("value");
      assertEquals("kurento", remb.path("__module__").asText());
      assertEquals("RembParams", remb.path("__type__").asText());
      assertEquals(12, remb.path("upLosses").asInt());
      assertEquals(50, remb.path("linealFactorMin").asInt());

      JsonNode info = c.ok("invoke", params("object", "manager_ServerManager",
          "operation", "getInfo")).path("value");
      assertEquals("ServerInfo", info.path("__type__").asText());
      assertEquals("ModuleInfo", info.path("modules").get(0).path("__type__").asText());

      JsonNode badEnum = c.call("invoke", params("object", webRtc, "operation", "connect",
          "operationParams", params("sink", webRtc, "mediaType", "SMELL")));
      assertEquals(40001, badEnum.path("error").path("code").asInt());
      assertEquals("Invalid value for 'MediaType'", badEnum.path("error").path("message").asText());

      String sub = c.ok("subscribe", params("object", webRtc, "type", "ElementConnected"))
          .path("value").asText();
      c.ok("subscribe", params("object", webRtc, "type", "ElementConnected"));
      c.ok("invoke", params("object", webRtc, "operation", "connect", "operationParams",
          params("sink", webRtc, "mediaType", "VIDEO")));
      JsonNode event = c.nextEvent(5000);
      assertNotNull(event, "ElementConnected event");
      assertFalse(event.has("id"), "events are notifications");
      assertEquals("onEvent", event.path("method").asText());
      JsonNode value = event.path("params").path("value");
      assertEquals(webRtc, value.path("object").asText());
      assertEquals("ElementConnected", value.path("type").asText());
      JsonNode data = value.path("data");
      assertTrue(data.path("timestampMillis").isTextual(), "timestampMillis is a string");
      assertTrue(data.path("tags").isArray());
      assertEquals(webRtc, data.path("source").asText());
      assertEquals(webRtc, data.path("sink").asText());
      assertEquals("VIDEO", data.path("mediaType").asText());
      assertEquals("ElementConnected", data.path("type").asText());
      Thread.sleep(300);
      assertTrue(c.drainEvents().isEmpty(), "one delivery per session, object and type");

      JsonNode unsubscribed = c.ok("unsubscribe", params("object", webRtc, "subscription", sub));
      assertEquals(session, unsubscribed.path("sessionId").asText());
      JsonNode released = c.ok("release", params("object", pipeline));
      assertFalse(released.has("value"));
      assertTrue(c.ok("release", params("object", pipeline)).has("sessionId"),
          "releasing twice is not an error");
      assertEquals(40101, c.call("invoke", params("object", webRtc, "operation", "getName"))
          .path("error").path("code").asInt());
      assertTrue(c.call("closeSession", params("sessionId", session)).path("result").isNull());
    }
  }

  @Test
  void reconnectWithConnectKeepsTheSessionAndItsEvents() throws Exception {
    String session;
    String pipeline;
    String element;
    try (RawClient first = new RawClient(server.url())) {
      JsonNode created = first.ok("create", params("type", "MediaPipeline"));
      session = created.path("sessionId").asText();
      pipeline = created.path("value").asText();
      element = first.ok("create", params("type", "PassThrough", "constructorParams",
          params("mediaPipeline", pipeline))).path("value").asText();
      first.ok("subscribe", params("object", element, "type", "ElementConnected"));
    }
    try (RawClient second = new RawClient(server.url())) {
      JsonNode connected = second.ok("connect", params("sessionId", session));
      assertEquals(session, connected.path("sessionId").asText());
      assertFalse(connected.path("serverId").asText().isEmpty());
      assertEquals(element, second.ok("invoke", params("object", element, "operation", "getName"))
          .path("value").asText());
      second.ok("invoke", params("object", element, "operation", "connect", "operationParams",
          params("sink", element, "mediaType", "AUDIO")));
      assertNotNull(second.nextEvent(5000), "events follow the session to its new connection");

      JsonNode unknown = second.call("connect", params("sessionId", "not-a-session"));
      assertEquals(40007, unknown.path("error").path("code").asInt());
      assertEquals("INVALID_SESSION", unknown.path("error").path("data").path("type").asText());
      JsonNode fresh = second.ok("connect", null);
      assertFalse(fresh.path("sessionId").asText().equals(session));
      second.ok("release", params("object", pipeline, "sessionId", session));
    }
  }

  static Stream<Arguments> badInput() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String nested = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":"
        + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}";
    return Stream.of(
        Arguments.of("malformed JSON", "{\"jsonrpc\":\"2.0\",\"id\":1,", -32700),
        Arguments.of("not JSON at all", "hello", -32700),
        Arguments.of("an array (batch)", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", -32600),
        Arguments.of("a number", "42", -32600),
        Arguments.of("no jsonrpc member", "{\"id\":1,\"method\":\"ping\"}", -32600),
        Arguments.of("method not a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", -32600),
        Arguments.of("id of type object", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", -32600),
        Arguments.of("unknown method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"fly\"}", -32601),
        Arguments.of("params not an object",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":[1]}", -32602),
        Arguments.of("create without params", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\"}",
            -32602),
        Arguments.of("unknown factory",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"Teleporter\"}}",
            40108),
        Arguments.of("abstract class",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"MediaElement\"}}",
            40108),
        Arguments.of("missing constructorParams",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"WebRtcEndpoint\"}}",
            40001),
        Arguments.of("wrong parameter type",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"WebRtcEndpoint\","
                + "\"constructorParams\":{\"mediaPipeline\":17}}}", 40001),
        Arguments.of("unknown object id",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"invoke\",\"params\":{\"object\":\"nope_kurento.MediaPipeline\","
                + "\"operation\":\"getName\"}}", 40101),
        Arguments.of("unknown parent id",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"create\",\"params\":{\"type\":\"PassThrough\","
                + "\"constructorParams\":{\"mediaPipeline\":\"nope_kurento.MediaPipeline\"}}}", 40101),
        Arguments.of("newref outside a transaction",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"describe\",\"params\":{\"object\":\"newref:0\"}}",
            40109),
        Arguments.of("unknown operation",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"invoke\",\"params\":{\"object\":\"manager_ServerManager\","
                + "\"operation\":\"explode\"}}", 40008),
        Arguments.of("setter of a read-only property",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"invoke\",\"params\":{\"object\":\"manager_ServerManager\","
                + "\"operation\":\"setMetadata\",\"operationParams\":{\"metadata\":\"x\"}}}", 40008),
        Arguments.of("wrong operation parameter type",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"invoke\",\"params\":{\"object\":\"manager_ServerManager\","
                + "\"operation\":\"getKmd\",\"operationParams\":{\"moduleName\":3}}}", 40001),
        Arguments.of("unsupported event",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subscribe\",\"params\":{\"object\":\"manager_ServerManager\","
                + "\"type\":\"IceCandidateFound\"}}", 40106),
        Arguments.of("unknown session in connect",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"connect\",\"params\":{\"sessionId\":\"gone\"}}", 40007),
        Arguments.of("unknown session in keepAlive",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"keepAlive\",\"params\":{\"sessionId\":\"gone\"}}", 40007),
        Arguments.of("transaction with wrong ids",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"transaction\",\"params\":{\"operations\":"
                + "[{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}]}}", 40008),
        Arguments.of("deep nesting (100 000 levels)", deep, -32700),
        Arguments.of("nesting past the limit inside a request", nested, -32700));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputGetsKurentosErrorAndTheConnectionKeepsWorking(String name, String message,
      int code) throws Exception {
    try (RawClient c = new RawClient(server.url())) {
      c.sendText(message);
      JsonNode r = c.nextResponse();
      assertEquals(code, r.path("error").path("code").asInt(), r.toString());
      assertFalse(r.has("result"), "never both result and error");
      assertEquals("2.0", r.path("jsonrpc").asText());
      assertNormalRequestStillWorks(c);
    }
  }

  @Test
  void theWholeCatalogueOnOneConnectionThenANormalCreate() throws Exception {
    try (RawClient c = new RawClient(server.url())) {
      for (Arguments a : badInput().toList()) {
        c.sendText((String) a.get()[1]);
        JsonNode r = c.nextResponse();
        assertEquals(a.get()[2], r.path("error").path("code").asInt(), a.get()[0] + ": " + r);
      }
      byte[] oversized = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
          + "x".repeat(2 << 20) + "\"}}").getBytes(StandardCharsets.UTF_8);
      c.sendText(new String(oversized, StandardCharsets.UTF_8));
      assertEquals(-32600, c.nextResponse().path("error").path("code").asInt(), "oversized frame");
      assertNormalRequestStillWorks(c);
    }
  }

  @Test
  void binaryFramesAndConcatenatedMessagesAreAccepted() throws Exception {
    try (RawClient c = new RawClient(server.url())) {
      c.sendBinary("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"
          .getBytes(StandardCharsets.UTF_8));
      assertEquals("pong", c.nextResponse().path("result").path("value").asText());
      c.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"
          + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
      assertEquals(2, c.nextResponse().path("id").asInt());
      assertEquals(3, c.nextResponse().path("id").asInt());
    }
  }

  private static void assertNormalRequestStillWorks(RawClient c) throws Exception {
    JsonNode created = c.ok("create", params("type", "MediaPipeline"));
    String pipeline = created.path("value").asText();
    assertTrue(pipeline.endsWith("_kurento.MediaPipeline"));
    c.ok("release", params("object", pipeline));
  }
}
