package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rivulet.elements.config.ModuleConfig;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private Path absentDefault() {
    return dir.resolve("etc/kurento/kurento.conf.json");
  }

  private ServerConfig load(Map<String, String> env, String... args) {
    return ConfigLoader.load(args, env, absentDefault());
  }

  @Test
  void builtInDefaultsWhenNoFileIsGiven() {
    ServerConfig c = load(Map.of());
    assertEquals("0.0.0.0", c.address());
    assertEquals(8888, c.port());
    assertTrue(c.webSocketEnabled());
    assertEquals("kurento", c.path());
    assertEquals(0, c.securePort());
    assertFalse(c.secureWebSocketEnabled());
    assertEquals(Optional.empty(), c.secureCertificate());
    assertEquals("", c.securePassword());
    assertEquals(Duration.ofSeconds(240), c.garbageCollectorPeriod());
    assertEquals(0.8, c.exceptionLimit());
    assertFalse(c.disableRequestCache());
    assertEquals("", c.metadata());
    assertEquals(Optional.empty(), c.configFile());
    assertEquals(dir.resolve("etc/kurento"), c.configDir());
    assertEquals(List.of(dir.resolve("etc/kurento/modules")), c.modulesConfigPath());
    assertEquals(Optional.empty(), c.moduleConfig().value("WebRtcEndpoint", "stunServerPort"));
    assertEquals(List.of(ConfigKeys.WS_PORT), List.copyOf(c.settings().keys()));
    assertEquals("built-in default",
        c.settings().setting(ConfigKeys.WS_PORT).orElseThrow().origin());
    assertEquals(List.of(), c.warnings(), "a bare start does not warn about /etc/kurento/modules");
  }

  @Test
  void missingModulesDirectoryIsAWarningOnceAFileIsRead() {
    Path conf = TestFiles.write(dir.resolve("conf/kurento.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 8888}}}}");
    ServerConfig c = load(Map.of(), "-f", conf.toString());
    assertEquals(1, c.warnings().size(), c.warnings().toString());
    assertTrue(c.warnings().get(0).contains(dir.resolve("conf/modules").toString()));
  }

  @Test
  void missingModulesDirectoryGivenExplicitlyIsAWarning() {
    ServerConfig c = load(Map.of("KURENTO_MODULES_CONFIG_PATH", dir.resolve("none").toString()));
    assertEquals(1, c.warnings().size(), c.warnings().toString());
  }

  @Test
  void defaultFileIsReadWhenItExists() {
    TestFiles.write(absentDefault(),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 9999}}}}");
    TestFiles.write(dir.resolve("etc/kurento/modules/kurento/BaseRtpEndpoint.conf.ini"),
        "mtu=1300\n");
    ServerConfig c = load(Map.of());
    assertEquals(9999, c.port());
    assertEquals(Optional.of(absentDefault()), c.configFile());
    assertEquals(1300, c.moduleConfig().intValue("BaseRtpEndpoint", "mtu", 0));
    assertEquals(List.of(), c.warnings());
  }

  @Test
  void readsKurentosShippedFile() {
    Path file = TestFiles.fixture("kurento.conf.json", dir);
    TestFiles.kurentoModuleFixtures(dir);
    ServerConfig c = load(Map.of(), "--conf-file", file.toString());
    assertEquals(Optional.of(file), c.configFile());
    assertEquals(dir, c.configDir());
    assertEquals("0.0.0.0", c.address());
    assertEquals(8888, c.port());
    assertEquals("kurento", c.path());
    assertFalse(c.secureWebSocketEnabled(), "commented out");
    assertEquals(Duration.ofSeconds(240), c.garbageCollectorPeriod());
    assertEquals(0.8, c.exceptionLimit(), "given as the string \"0.8\"");
    assertFalse(c.disableRequestCache());
    assertEquals("", c.metadata());
    assertEquals(Optional.of("10"), c.settings().value("mediaServer.net.websocket.threads"),
        "keys Rivulet does not read are kept");
    assertEquals(Optional.of("0.7"), c.settings().value("mediaServer.resources.killLimit"));
    ModuleConfig m = c.moduleConfig();
    assertEquals(40000, m.intValue("BaseRtpEndpoint", "minPort", 0));
    assertEquals(Optional.of("198.51.100.20"), m.value("WebRtcEndpoint", "stunServerAddress"));
    assertEquals(List.of("opus/48000/2", "PCMU/8000", "PCMA/8000", "AMR/8000"),
        m.list("SdpEndpoint", "audioCodecs"));
    assertEquals(List.of(), c.warnings());
  }

  @Test
  void readsEverySettingOfAFullFile() {
    Path file = TestFiles.fixture("kurento-full.conf.json", dir);
    Path certificate = TestFiles.write(dir.resolve("cert+key.pem"), "PEM");
    ServerConfig c = load(Map.of(), "-f", file.toString());
    assertEquals("127.0.0.1", c.address());
    assertEquals(18888, c.port());
    assertEquals("media", c.path());
    assertEquals(18433, c.securePort());
    assertTrue(c.secureWebSocketEnabled());
    assertEquals(Optional.of(certificate), c.secureCertificate());
    assertEquals("s3cret", c.securePassword());
    assertEquals(Duration.ofSeconds(120), c.garbageCollectorPeriod());
    assertEquals(0.5, c.exceptionLimit());
    assertTrue(c.disableRequestCache());
    assertFalse(c.toString().contains("s3cret"), c.toString());
    assertEquals(Optional.of("ws://localhost:9090"),
        c.settings().value("mediaServer.net.websocket.registrar.address"));
  }

  @Test
  void metadataIsReturnedAsJsonText() {
    Path file = TestFiles.fixture("kurento-full.conf.json", dir);
    TestFiles.write(dir.resolve("cert+key.pem"), "PEM");
    ServerConfig c = load(Map.of(), "--conf-file=" + file);
    assertEquals(
        "{\"region\":\"eu-west\",\"tags\":[\"edge\",7,true],\"owner\":{\"team\":\"media\"}}",
        c.metadata());
    assertTrue(c.settings().keys().stream().noneMatch(k -> k.startsWith("metadata")),
        "metadata is not flattened into settings: " + c.settings().keys());
  }

  @Test
  void metadataMayBeAnyJsonValue() {
    Path file = TestFiles.write(dir.resolve("k.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 8888}}}, \"metadata\": \"x\"}");
    assertEquals("\"x\"", load(Map.of(), "-f", file.toString()).metadata());
  }

  @Test
  void relativeCertificateResolvesAgainstTheConfigDirectory() {
    Path conf = TestFiles.write(dir.resolve("conf/kurento.conf.json"), """
        {"mediaServer": {"net": {"websocket": {
          "secure": {"port": 8433, "certificate": "tls/../tls/server.pem"}}}}}
        """);
    Path certificate = TestFiles.write(dir.resolve("conf/tls/server.pem"), "PEM");
    ServerConfig c = load(Map.of(), "-f", conf.toString());
    assertEquals(Optional.of(certificate), c.secureCertificate());
    assertEquals(0, c.port(), "a file without port disables the plain WebSocket, as in Kurento");
    assertFalse(c.webSocketEnabled());
    assertEquals(8433, c.securePort());
  }

  @Test
  void absoluteCertificateIsKept() {
    Path certificate = TestFiles.write(dir.resolve("elsewhere/server.pem"), "PEM");
    Path conf = TestFiles.write(dir.resolve("conf/kurento.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"secure\": {\"port\": 8433,"
            + " \"certificate\": \"" + certificate + "\"}}}}}");
    assertEquals(Optional.of(certificate),
        load(Map.of(), "-f", conf.toString()).secureCertificate());
  }

  @Test
  void relativeConfFileResolvesAgainstTheWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    Path conf = TestFiles.write(dir.resolve("kurento.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 8888}}}}");
    ServerConfig c = load(Map.of(), "-f", cwd.relativize(conf).toString());
    assertEquals(Optional.of(conf), c.configFile());
    assertEquals(dir, c.configDir());
  }

  @Test
  void confFileFromTheEnvironment() {
    Path conf = TestFiles.write(dir.resolve("env.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 7777}}}}");
    assertEquals(7777, load(Map.of("KURENTO_CONF_FILE", conf.toString())).port());
  }

  @Test
  void commandLineWinsOverTheEnvironment() {
    Path fromEnv = TestFiles.write(dir.resolve("env.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 7777}}}}");
    Path fromArgs = TestFiles.write(dir.resolve("args.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 6666}}}}");
    TestFiles.write(dir.resolve("m1/kurento/BaseRtpEndpoint.conf.ini"), "mtu=1001\n");
    TestFiles.write(dir.resolve("m2/kurento/BaseRtpEndpoint.conf.ini"), "mtu=1002\n");
    ServerConfig c = load(
        Map.of("KURENTO_CONF_FILE", fromEnv.toString(),
            "KURENTO_MODULES_CONFIG_PATH", dir.resolve("m1").toString()),
        "--conf-file", fromArgs.toString(), "-c", dir.resolve("m2").toString());
    assertEquals(6666, c.port());
    assertEquals(1002, c.moduleConfig().intValue("BaseRtpEndpoint", "mtu", 0));
  }

  @Test
  void modulesDirectoryDefaultsToConfigDirModules() {
    Path conf = TestFiles.write(dir.resolve("conf/kurento.conf.json"),
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 8888}}}}");
    TestFiles.write(dir.resolve("conf/modules/kurento/WebRtcEndpoint.conf.ini"),
        "stunServerPort=3479\n");
    ServerConfig c = load(Map.of(), "-f", conf.toString());
    assertEquals(List.of(dir.resolve("conf/modules")), c.modulesConfigPath());
    assertEquals(3479, c.moduleConfig().intValue("WebRtcEndpoint", "stunServerPort", 0));
  }

  @Test
  void severalModuleDirectoriesLaterWins() {
    TestFiles.write(dir.resolve("a/kurento/BaseRtpEndpoint.conf.ini"), "minPort=2000\nmtu=1300\n");
    TestFiles.write(dir.resolve("b/kurento/BaseRtpEndpoint.conf.ini"), "minPort=3000\n");
    ServerConfig c = load(Map.of("KURENTO_MODULES_CONFIG_PATH",
        dir.resolve("a") + ":" + dir.resolve("b")));
    assertEquals(List.of(dir.resolve("a"), dir.resolve("b")), c.modulesConfigPath());
    assertEquals(3000, c.moduleConfig().intValue("BaseRtpEndpoint", "minPort", 0));
    assertEquals(1300, c.moduleConfig().intValue("BaseRtpEndpoint", "mtu", 0));
  }

  @Test
  void moduleIniAndJsonFilesAreMerged() {
    TestFiles.write(dir.resolve("m/kurento/SdpEndpoint.conf.json"), """
        {"numAudioMedias": 1, "numVideoMedias": 0,
         "audioCodecs": [{"name": "opus/48000/2"}], "videoCodecs": [{"name": "VP8/90000"}]}
        """);
    TestFiles.write(dir.resolve("m/kurento/SdpEndpoint.conf.ini"), "numVideoMedias=1\nextra=x\n");
    TestFiles.write(dir.resolve("m/kurento/WebRtcEndpoint.conf.ini"),
        "stunServerAddress=192.0.2.10\nstunServerPort=3478\n");
    TestFiles.write(dir.resolve("m/chroma/ChromaFilter.conf.ini"), "color=green\n");
    ServerConfig c = load(Map.of(), "-c", dir.resolve("m").toString());
    ModuleConfig m = c.moduleConfig();
    assertEquals(0, m.intValue("SdpEndpoint", "numVideoMedias", -1), "JSON read after ini");
    assertEquals(Optional.of("x"), m.value("SdpEndpoint", "extra"));
    assertEquals(List.of("opus/48000/2"), m.list("SdpEndpoint", "audioCodecs"));
    assertEquals(List.of("VP8/90000"), m.list("SdpEndpoint", "videoCodecs"));
    assertEquals(Optional.of("192.0.2.10"), m.value("WebRtcEndpoint", "stunServerAddress"));
    assertEquals(Optional.empty(), m.value("ChromaFilter", "color"), "another module");
    assertEquals(Optional.of("green"),
        c.settings().forModule("chroma").value("ChromaFilter", "color"));
    assertEquals(Optional.of("green"), c.settings().value("modules.chroma.ChromaFilter.color"));
  }

  @Test
  void environmentWinsOverModuleFiles() {
    TestFiles.kurentoModuleFixtures(dir);
    Map<String, String> env = Map.ofEntries(
        Map.entry("KMS_MIN_PORT", "50000"),
        Map.entry("KMS_MAX_PORT", "50100"),
        Map.entry("KMS_MTU", "1400"),
        Map.entry("KMS_NETWORK_INTERFACES", "ens5"),
        Map.entry("KMS_EXTERNAL_IPV4", "203.0.113.7"),
        Map.entry("KMS_EXTERNAL_IPV6", "2001:db8::7"),
        Map.entry("KMS_ICE_TCP", "1"),
        Map.entry("KMS_STUN_IP", "203.0.113.8"),
        Map.entry("KMS_STUN_PORT", "19302"),
        Map.entry("KMS_TURN_URL", "kms:pw@203.0.113.9:3478?transport=tcp"),
        Map.entry("KMS_PEM_CERTIFICATE_RSA", "/certs/rsa.pem"),
        Map.entry("KMS_PEM_CERTIFICATE_ECDSA", "/certs/ecdsa.pem"));
    ServerConfig c = load(env, "-c", dir.resolve("modules").toString());
    ModuleConfig m = c.moduleConfig();
    assertEquals(50000, m.intValue("BaseRtpEndpoint", "minPort", 0));
    assertEquals(50100, m.intValue("BaseRtpEndpoint", "maxPort", 0));
    assertEquals(1400, m.intValue("BaseRtpEndpoint", "mtu", 0));
    assertEquals(Optional.of("ens5"), m.value("WebRtcEndpoint", "networkInterfaces"));
    assertEquals(Optional.of("203.0.113.7"), m.value("WebRtcEndpoint", "externalIPv4"));
    assertEquals(Optional.of("2001:db8::7"), m.value("WebRtcEndpoint", "externalIPv6"));
    assertTrue(m.booleanValue("WebRtcEndpoint", "iceTcp", false));
    assertEquals(Optional.of("203.0.113.8"), m.value("WebRtcEndpoint", "stunServerAddress"));
    assertEquals(19302, m.intValue("WebRtcEndpoint", "stunServerPort", 0));
    assertEquals(Optional.of("kms:pw@203.0.113.9:3478?transport=tcp"),
        m.value("WebRtcEndpoint", "turnURL"));
    assertEquals(Optional.of("/certs/rsa.pem"), m.value("WebRtcEndpoint", "pemCertificateRSA"));
    assertEquals(Optional.of("/certs/ecdsa.pem"), m.value("WebRtcEndpoint", "pemCertificateECDSA"));
    assertEquals("KMS_NETWORK_INTERFACES", c.settings()
        .setting("modules.kurento.WebRtcEndpoint.networkInterfaces").orElseThrow().label(),
        "the file said eth0,eth1");
    assertEquals(300000, m.intValue("MediaElement", "encoderBitrate", 0),
        "values no variable sets stay as the files say");
  }

  @Test
  void loneStunVariableGivesAWarning() {
    ServerConfig c = load(Map.of("KMS_STUN_PORT", "3478"));
    assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("KMS_STUN_PORT is ignored")),
        c.warnings().toString());
    assertEquals(Optional.empty(), c.moduleConfig().value("WebRtcEndpoint", "stunServerPort"));
  }

  @Test
  void portAndAddressOptionsWinOverTheFile() {
    Path conf = TestFiles.write(dir.resolve("kurento.conf.json"), """
        {"mediaServer": {"net": {"websocket": {"port": 8888, "address": "10.0.0.1"}}}}
        """);
    ServerConfig c = load(Map.of(), "-f", conf.toString(), "--port", "18080",
        "--address=127.0.0.1");
    assertEquals(18080, c.port());
    assertEquals("127.0.0.1", c.address());
    assertEquals("--port", c.settings().setting(ConfigKeys.WS_PORT).orElseThrow().label());
  }

  @Test
  void portOptionWithoutAFile() {
    assertEquals(9000, load(Map.of(), "--port", "9000").port());
  }

  @Test
  void missingConfFileIsAnError() {
    Path missing = dir.resolve("nope.conf.json");
    ConfigException fromArgs = assertThrows(ConfigException.class,
        () -> load(Map.of(), "--conf-file", missing.toString()));
    assertEquals("--conf-file: " + missing + " does not exist or is not a file",
        fromArgs.getMessage());
    ConfigException fromEnv = assertThrows(ConfigException.class,
        () -> load(Map.of("KURENTO_CONF_FILE", missing.toString())));
    assertTrue(fromEnv.getMessage().startsWith("KURENTO_CONF_FILE: "), fromEnv.getMessage());
    ConfigException empty = assertThrows(ConfigException.class,
        () -> load(Map.of(), "--conf-file="));
    assertEquals("--conf-file: a path is required", empty.getMessage());
  }

  @Test
  void invalidJsonNamesTheFile() {
    Path conf =
        TestFiles.write(dir.resolve("kurento.conf.json"), "{\"mediaServer\": {\n  port\n}}");
    ConfigException e = assertThrows(ConfigException.class,
        () -> load(Map.of(), "-f", conf.toString()));
    assertTrue(e.getMessage().startsWith(conf + ": invalid JSON at line 2"), e.getMessage());
  }

  @Test
  void unknownArgumentIsAnError() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(), "--help"));
    assertTrue(e.getMessage().startsWith("Unknown command-line argument \"--help\""),
        e.getMessage());
  }

  @Test
  void theDefaultFileIsKurentos() {
    assertEquals(Path.of("/etc/kurento/kurento.conf.json"), ConfigLoader.DEFAULT_CONF_FILE);
  }
}
