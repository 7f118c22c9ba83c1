package org.rivulet.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.server.it.RawClient.params;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server as a process: its start-up line, configuration from Kurento's files and
 * variables, refusal of bad values naming the key, clean SIGTERM, and session garbage collection.
 */
@Timeout(90)
class ServerLifecycleIT {

  @Test
  void startsWithOneClearLineAndStopsCleanlyOnSigterm() throws Exception {
    RivuletProcess server = RivuletProcess.start(Map.of("KMS_MIN_PORT", "40000",
        "KMS_MAX_PORT", "40100"));
    String started = server.output().stream().filter(l -> l.contains(" listening on "))
        .findFirst().orElseThrow();
    assertTrue(started.contains("ws://127.0.0.1:" + server.port() + "/kurento"), started);
    assertTrue(started.contains("RTP ports 40000-40100"), started);
    assertTrue(started.matches(".*Rivulet \\S+ \\(Kurento API 7\\.3\\.0\\).*started in \\d+ ms.*"),
        started);
    int code = server.stop();
    assertEquals(143, code, "the JVM's exit code after SIGTERM");
    assertTrue(server.output().stream().anyMatch(l -> l.contains("Rivulet stopped")),
        String.join("\n", server.output()));
    server.close();
  }

  @Test
  void aBadVariableStopsStartUpNamingIt() throws Exception {
    RivuletProcess p = RivuletProcess.run(Map.of("KMS_MIN_PORT", "abc"), "--port", "0");
    assertEquals(2, p.waitForExit(30));
    assertTrue(p.output().stream().anyMatch(l -> l.contains("KMS_MIN_PORT")),
        String.join("\n", p.output()));
  }

  @Test
  void aBadFileValueStopsStartUpNamingTheKey(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("kurento.conf.json");
    Files.writeString(conf, """
        // Kurento ships this file with comments
        {"mediaServer": {"net": {"websocket": {"port": 70000, "path": "kurento"}}}}
        """);
    RivuletProcess p = RivuletProcess.run(Map.of(), "--conf-file", conf.toString());
    assertEquals(2, p.waitForExit(30));
    assertTrue(p.output().stream().anyMatch(l -> l.contains("mediaServer.net.websocket.port")),
        String.join("\n", p.output()));
  }

  @Test
  void kurentoConfigurationFilesAreRead(@TempDir Path dir) throws Exception {
    Path modules = Files.createDirectories(dir.resolve("modules/kurento"));
    Files.writeString(modules.resolve("WebRtcEndpoint.conf.ini"), """
        ; as in Kurento's /etc/kurento/modules/kurento/WebRtcEndpoint.conf.ini
        stunServerAddress=192.0.2.10
        stunServerPort=3480
        """);
    Files.writeString(modules.resolve("BaseRtpEndpoint.conf.ini"), "mtu=1100\n");
    Path conf = dir.resolve("kurento.conf.json");
    Files.writeString(conf, """
        {"mediaServer": {"net": {"websocket": {"port": 8888, "path": "kurento"}},
                         "resources": {"garbageCollectorPeriod": 1}},
         "metadata": {"region": "test"}}
        """);
    try (RivuletProcess server = RivuletProcess.start("--conf-file", conf.toString());
        RawClient c = new RawClient(server.url())) {
      String pipeline = c.ok("create", params("type", "MediaPipeline")).path("value").asText();
      String webRtc = c.ok("create", params("type", "WebRtcEndpoint", "constructorParams",
          params("mediaPipeline", pipeline))).path("value").asText();
      assertEquals("192.0.2.10", c.ok("invoke", params("object", webRtc,
          "operation", "getStunServerAddress")).path("value").asText());
      assertEquals(3480, c.ok("invoke", params("object", webRtc,
          "operation", "getStunServerPort")).path("value").asInt());
      assertEquals(1100, c.ok("invoke", params("object", webRtc, "operation", "getMtu"))
          .path("value").asInt());
      JsonNode metadata = RawClient.JSON.readTree(c.ok("invoke", params("object",
          "manager_ServerManager", "operation", "getMetadata")).path("value").asText());
      assertEquals("test", metadata.path("region").asText());
    }
  }

  @Test
  void secureWebSocketWithAPemCertificate(@TempDir Path dir) throws Exception {
    // One PEM file with the certificate and its key, as Kurento's secure.certificate.
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
        .redirectErrorStream(true).start();
    assertEquals(0, openssl.waitFor(), new String(openssl.getInputStream().readAllBytes()));
    Files.writeString(dir.resolve("cert+key.pem"), Files.readString(dir.resolve("cert.pem"))
        + Files.readString(dir.resolve("key.pem")));
    int securePort = RivuletProcess.freePort();
    Path conf = dir.resolve("kurento.conf.json");
    Files.writeString(conf, """
        {"mediaServer": {"net": {"websocket": {"port": 8888, "path": "kurento",
            "secure": {"port": %d, "certificate": "cert+key.pem", "password": ""}}}}}
        """.formatted(securePort));
    try (RivuletProcess server = RivuletProcess.start("--conf-file", conf.toString())) {
      String started = server.output().stream().filter(l -> l.contains(" listening on "))
          .findFirst().orElseThrow();
      assertTrue(started.contains("wss://127.0.0.1:" + securePort + "/kurento"), started);
      try (RawClient c = RawClient.trustingAnyCertificate("wss://127.0.0.1:" + securePort
          + "/kurento")) {
        assertEquals("pong", c.ok("ping", null).path("value").asText());
      }
    }
  }

  @Test
  void objectsOfADisconnectedSessionAreCollectedUnlessItReconnects(@TempDir Path dir)
      throws Exception {
    Path conf = dir.resolve("kurento.conf.json");
    Files.writeString(conf, """
        {"mediaServer": {"net": {"websocket": {"port": 8888, "path": "kurento"}},
                         "resources": {"garbageCollectorPeriod": 1}}}
        """);
    try (RivuletProcess server = RivuletProcess.start("--conf-file", conf.toString())) {
      String abandoned;
      String kept;
      String keptSession;
      try (RawClient a = new RawClient(server.url()); RawClient b = new RawClient(server.url())) {
        abandoned = a.ok("create", params("type", "MediaPipeline")).path("value").asText();
        JsonNode created = b.ok("create", params("type", "MediaPipeline"));
        kept = created.path("value").asText();
        keptSession = created.path("sessionId").asText();
      }
      try (RawClient b2 = new RawClient(server.url())) {
        b2.ok("connect", params("sessionId", keptSession));
        // The collector runs every second; an unused session goes after one to two periods.
        long deadline = System.currentTimeMillis() + 8000;
        boolean gone = false;
        while (!gone && System.currentTimeMillis() < deadline) {
          Thread.sleep(250);
          JsonNode pipelines = b2.ok("invoke", params("object", "manager_ServerManager",
              "operation", "getPipelines")).path("value");
          gone = !pipelines.toString().contains(abandoned);
        }
        assertTrue(gone, "the abandoned session's pipeline was released");
        JsonNode pipelines = b2.ok("invoke", params("object", "manager_ServerManager",
            "operation", "getPipelines")).path("value");
        assertTrue(pipelines.toString().contains(kept), "the reconnected session keeps its pipeline");
        assertFalse(b2.ok("invoke", params("object", kept, "operation", "getName")).isNull());
        assertNotEquals(40007, b2.call("connect", params("sessionId", keptSession))
            .path("error").path("code").asInt());
      }
    }
  }
}
