package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule, through {@link ConfigLoader} so that the label in the message is checked
 * for each place a value can come from: the main file, a module file, the environment and the
 * command line.
 */
class ConfigValidatorTest {

  private static final String WS = "mediaServer.net.websocket.";
  private static final String RES = "mediaServer.resources.";
  private static final String RTP = "modules.kurento.BaseRtpEndpoint.";
  private static final String RTC = "modules.kurento.WebRtcEndpoint.";
  private static final String ME = "modules.kurento.MediaElement.";

  @TempDir
  Path dir;

  /**
   * One way of configuring the server.
   *
   * @param mainJson the main file, or null for built-in defaults
   * @param moduleFile path under modules/ and its content, or null
   */
  record Setup(String mainJson, String moduleFile, String moduleText, Map<String, String> env,
      List<String> args) {}

  private static Setup websocket(String fields) {
    return main("{\"mediaServer\": {\"net\": {\"websocket\": {" + fields + "}}}}");
  }

  private static Setup resources(String fields) {
    return main("{\"mediaServer\": {\"resources\": {" + fields + "},"
        + " \"net\": {\"websocket\": {\"port\": 8888}}}}");
  }

  private static Setup main(String json) {
    return new Setup(json, null, null, Map.of(), List.of());
  }

  private static Setup ini(String type, String lines) {
    return new Setup(null, "kurento/" + type + ".conf.ini", lines, Map.of(), List.of());
  }

  private static Setup json(String type, String json) {
    return new Setup(null, "kurento/" + type + ".conf.json", json, Map.of(), List.of());
  }

  private static Setup env(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return new Setup(null, null, null, env, List.of());
  }

  private static Setup args(String... args) {
    return new Setup(null, null, null, Map.of(), List.of(args));
  }

  private static Arguments invalid(String name, Setup setup, String label, String detail) {
    return Arguments.of(name, setup, label, detail);
  }

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        // main file: WebSocket
        invalid("websocket port not an integer", websocket("\"port\": \"abc\""),
            WS + "port", "\"abc\" is not an integer"),
        invalid("websocket port above 65535", websocket("\"port\": 70000"),
            WS + "port", "70000 is out of range 0..65535"),
        invalid("websocket port negative", websocket("\"port\": -1"),
            WS + "port", "-1 is out of range 0..65535"),
        invalid("websocket port a list", websocket("\"port\": [8888]"),
            WS + "port", "is a list, expected a single value"),
        invalid("secure port above 65535", websocket("\"port\": 8888,"
                + " \"secure\": {\"port\": 65536, \"certificate\": \"c.pem\"}"),
            WS + "secure.port", "65536 is out of range 0..65535"),
        invalid("secure port not an integer", websocket("\"port\": 8888,"
                + " \"secure\": {\"port\": \"wss\", \"certificate\": \"c.pem\"}"),
            WS + "secure.port", "\"wss\" is not an integer"),
        invalid("websocket and secure both disabled", websocket("\"port\": 0"),
            WS + "port and " + WS + "secure.port", "enable at least one"),
        invalid("file without any port", websocket("\"path\": \"kurento\""),
            WS + "port and " + WS + "secure.port", "enable at least one"),
        invalid("secure port without certificate", websocket("\"secure\": {\"port\": 8433}"),
            WS + "secure.certificate", "required when " + WS + "secure.port is set"),
        invalid("secure certificate missing",
            websocket("\"secure\": {\"port\": 8433, \"certificate\": \"missing.pem\"}"),
            WS + "secure.certificate", "missing.pem does not exist"),
        invalid("secure certificate empty",
            websocket("\"secure\": {\"port\": 8433, \"certificate\": \"\"}"),
            WS + "secure.certificate", "must not be empty"),
        invalid("path empty", websocket("\"port\": 8888, \"path\": \"\""),
            WS + "path", "must not be empty"),
        invalid("path with a space", websocket("\"port\": 8888, \"path\": \"my kurento\""),
            WS + "path", "must not contain whitespace"),
        invalid("path with a leading slash", websocket("\"port\": 8888, \"path\": \"/kurento\""),
            WS + "path", "must not start with '/'"),
        invalid("path with a query", websocket("\"port\": 8888, \"path\": \"kurento?x=1\""),
            WS + "path", "must not contain '?' or '#'"),
        invalid("address empty", websocket("\"port\": 8888, \"address\": \" \""),
            WS + "address", "must not be empty"),
        invalid("address with a space", websocket("\"port\": 8888, \"address\": \"0.0.0.0 x\""),
            WS + "address", "must not contain whitespace"),
        // main file: resources
        invalid("garbageCollectorPeriod zero", resources("\"garbageCollectorPeriod\": 0"),
            RES + "garbageCollectorPeriod", "0 is less than 1"),
        invalid("garbageCollectorPeriod not an integer",
            resources("\"garbageCollectorPeriod\": \"4m\""),
            RES + "garbageCollectorPeriod", "\"4m\" is not an integer"),
        invalid("exceptionLimit zero", resources("\"exceptionLimit\": \"0\""),
            RES + "exceptionLimit", "0 is out of range (0, 1]"),
        invalid("exceptionLimit above one", resources("\"exceptionLimit\": 1.5"),
            RES + "exceptionLimit", "1.5 is out of range (0, 1]"),
        invalid("exceptionLimit not a number", resources("\"exceptionLimit\": \"high\""),
            RES + "exceptionLimit", "\"high\" is not a number"),
        invalid("disableRequestCache not a boolean", resources("\"disableRequestCache\": \"yes\""),
            RES + "disableRequestCache", "\"yes\" is not a boolean"),
        // module files
        invalid("minPort not an integer", ini("BaseRtpEndpoint", "minPort=abc"),
            RTP + "minPort", "\"abc\" is not an integer"),
        invalid("minPort zero", ini("BaseRtpEndpoint", "minPort=0"),
            RTP + "minPort", "0 is out of range 1..65535"),
        invalid("maxPort above 65535", ini("BaseRtpEndpoint", "maxPort=65536"),
            RTP + "maxPort", "65536 is out of range 1..65535"),
        invalid("minPort greater than maxPort",
            ini("BaseRtpEndpoint", "minPort=5000\nmaxPort=4000"),
            RTP + "minPort", "5000 is greater than " + RTP + "maxPort 4000"),
        invalid("maxPort below the default minPort", ini("BaseRtpEndpoint", "maxPort=1000"),
            RTP + "minPort (default)", "1024 is greater than " + RTP + "maxPort 1000"),
        invalid("mtu below 68", ini("BaseRtpEndpoint", "mtu=67"),
            RTP + "mtu", "67 is out of range 68..65535"),
        invalid("mtu above 65535", ini("BaseRtpEndpoint", "mtu=65536"),
            RTP + "mtu", "65536 is out of range 68..65535"),
        invalid("mtu not an integer", ini("BaseRtpEndpoint", "mtu=1.5k"),
            RTP + "mtu", "\"1.5k\" is not an integer"),
        invalid("iceTcp not a boolean", ini("WebRtcEndpoint", "iceTcp=yes"),
            RTC + "iceTcp", "\"yes\" is not a boolean"),
        invalid("stunServerPort zero", ini("WebRtcEndpoint", "stunServerPort=0"),
            RTC + "stunServerPort", "0 is out of range 1..65535"),
        invalid("stunServerPort above 65535", ini("WebRtcEndpoint", "stunServerPort=99999"),
            RTC + "stunServerPort", "99999 is out of range 1..65535"),
        invalid("stunServerPort a JSON list",
            json("WebRtcEndpoint", "{\"stunServerPort\": [3478]}"),
            RTC + "stunServerPort", "is a list, expected a single value"),
        invalid("stunServerAddress a host name",
            ini("WebRtcEndpoint", "stunServerAddress=stun.example.com"),
            RTC + "stunServerAddress", "is not an IP address literal"),
        invalid("stunServerAddress malformed IPv4",
            ini("WebRtcEndpoint", "stunServerAddress=192.0.2.256"),
            RTC + "stunServerAddress", "\"192.0.2.256\" is not an IP address literal"),
        invalid("externalIPv4 an IPv6 literal", ini("WebRtcEndpoint", "externalIPv4=2001:db8::1"),
            RTC + "externalIPv4", "\"2001:db8::1\" is not an IPv4 address literal"),
        invalid("externalIPv4 a host name", ini("WebRtcEndpoint", "externalIPv4=media.example.com"),
            RTC + "externalIPv4", "is not an IPv4 address literal"),
        invalid("externalIPv6 an IPv4 literal", ini("WebRtcEndpoint", "externalIPv6=192.0.2.1"),
            RTC + "externalIPv6", "\"192.0.2.1\" is not an IPv6 address literal"),
        invalid("externalIPv6 malformed", ini("WebRtcEndpoint", "externalIPv6=2001:db8:::1"),
            RTC + "externalIPv6", "is not an IPv6 address literal"),
        invalid("turnURL without credentials", ini("WebRtcEndpoint", "turnURL=192.0.2.1:3478"),
            RTC + "turnURL", "is not a TURN URL"),
        invalid("turnURL with a turn scheme",
            ini("WebRtcEndpoint", "turnURL=turn:user:pass@192.0.2.1:3478"),
            RTC + "turnURL", "must not start with a turn: scheme"),
        invalid("turnURL without port", ini("WebRtcEndpoint", "turnURL=user:pass@192.0.2.1"),
            RTC + "turnURL", "is not a TURN URL"),
        invalid("turnURL with port 0", ini("WebRtcEndpoint", "turnURL=user:pass@192.0.2.1:0"),
            RTC + "turnURL", "has port 0, out of range 1..65535"),
        invalid("turnURL with port above 65535",
            ini("WebRtcEndpoint", "turnURL=user:pass@192.0.2.1:65536"),
            RTC + "turnURL", "has port 65536, out of range 1..65535"),
        invalid("turnURL with an unknown transport",
            ini("WebRtcEndpoint", "turnURL=user:pass@192.0.2.1:3478?transport=sctp"),
            RTC + "turnURL", "has transport \"sctp\""),
        invalid("turnURL with an invalid host",
            ini("WebRtcEndpoint", "turnURL=user:pass@turn_server:3478"),
            RTC + "turnURL", "has an invalid host \"turn_server\""),
        invalid("networkInterfaces with an empty entry",
            ini("WebRtcEndpoint", "networkInterfaces=eth0,,eth1"),
            RTC + "networkInterfaces", "is not a comma-separated list of interface names"),
        invalid("networkInterfaces with a space in a name",
            ini("WebRtcEndpoint", "networkInterfaces=eth 0"),
            RTC + "networkInterfaces", "is not a comma-separated list of interface names"),
        invalid("encoderBitrate negative", ini("MediaElement", "encoderBitrate=-1"),
            ME + "encoderBitrate", "-1 is negative"),
        invalid("minEncoderBitrate not an integer", ini("MediaElement", "minEncoderBitrate=1M"),
            ME + "minEncoderBitrate", "\"1M\" is not an integer"),
        invalid("maxEncoderBitrate negative", ini("MediaElement", "maxEncoderBitrate=-5"),
            ME + "maxEncoderBitrate", "-5 is negative"),
        invalid("maxEncoderBitrate above the int range",
            ini("MediaElement", "maxEncoderBitrate=3000000000"),
            ME + "maxEncoderBitrate", "3000000000 is too large"),
        // environment
        invalid("KMS_MIN_PORT not an integer", env("KMS_MIN_PORT", "abc"),
            "KMS_MIN_PORT", "\"abc\" is not an integer"),
        invalid("KMS_MAX_PORT above 65535", env("KMS_MAX_PORT", "70000"),
            "KMS_MAX_PORT", "70000 is out of range 1..65535"),
        invalid("KMS_MIN_PORT greater than KMS_MAX_PORT",
            env("KMS_MIN_PORT", "50000", "KMS_MAX_PORT", "40000"),
            "KMS_MIN_PORT", "50000 is greater than KMS_MAX_PORT 40000"),
        invalid("KMS_MTU below 68", env("KMS_MTU", "10"),
            "KMS_MTU", "10 is out of range 68..65535"),
        invalid("KMS_ICE_TCP not a boolean", env("KMS_ICE_TCP", "on"),
            "KMS_ICE_TCP", "\"on\" is not a boolean"),
        invalid("KMS_STUN_IP a host name",
            env("KMS_STUN_IP", "stun.l.google.com", "KMS_STUN_PORT", "19302"),
            "KMS_STUN_IP", "is not an IP address literal"),
        invalid("KMS_STUN_PORT zero", env("KMS_STUN_IP", "192.0.2.1", "KMS_STUN_PORT", "0"),
            "KMS_STUN_PORT", "0 is out of range 1..65535"),
        invalid("KMS_EXTERNAL_IPV4 auto", env("KMS_EXTERNAL_IPV4", "auto"),
            "KMS_EXTERNAL_IPV4", "\"auto\" (discover the public address) is not supported"),
        invalid("KMS_EXTERNAL_IPV6 auto", env("KMS_EXTERNAL_IPV6", "auto"),
            "KMS_EXTERNAL_IPV6", "\"auto\" (discover the public address) is not supported"),
        invalid("KMS_EXTERNAL_IPV4 not an IPv4 literal", env("KMS_EXTERNAL_IPV4", "1.2.3"),
            "KMS_EXTERNAL_IPV4", "\"1.2.3\" is not an IPv4 address literal"),
        invalid("KMS_EXTERNAL_IPV6 not an IPv6 literal", env("KMS_EXTERNAL_IPV6", "2001:db8"),
            "KMS_EXTERNAL_IPV6", "\"2001:db8\" is not an IPv6 address literal"),
        invalid("KMS_TURN_URL malformed", env("KMS_TURN_URL", "user@192.0.2.1:3478"),
            "KMS_TURN_URL", "is not a TURN URL"),
        invalid("KMS_NETWORK_INTERFACES malformed", env("KMS_NETWORK_INTERFACES", "eth0,"),
            "KMS_NETWORK_INTERFACES", "is not a comma-separated list of interface names"),
        // command line
        invalid("--port not an integer", args("--port", "http"),
            "--port", "\"http\" is not an integer"),
        invalid("--port above 65535", args("--port=65536"),
            "--port", "65536 is out of range 0..65535"),
        invalid("--port 0 without secure WebSocket", args("--port", "0"),
            "--port and " + WS + "secure.port", "enable at least one"),
        invalid("--address empty", args("--address="),
            "--address", "must not be empty"));
  }

  private ServerConfig load(Setup setup) {
    List<String> args = new ArrayList<>(setup.args());
    if (setup.mainJson() != null) {
      Path main = TestFiles.write(dir.resolve("kurento.conf.json"), setup.mainJson());
      args.add("--conf-file=" + main);
    }
    if (setup.moduleFile() != null) {
      TestFiles.write(dir.resolve("modules").resolve(setup.moduleFile()), setup.moduleText());
      args.add("--modules-config-path=" + dir.resolve("modules"));
    }
    return ConfigLoader.load(args.toArray(String[]::new), setup.env(),
        dir.resolve("absent/kurento.conf.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidValues")
  void rejectsNamingTheKey(String name, Setup setup, String label, String detail) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(setup));
    assertAll(
        () -> assertEquals(1, e.problems().size(), e.getMessage()),
        () -> assertTrue(e.getMessage().startsWith(label + ": "),
            "should start with \"" + label + ": \": " + e.getMessage()),
        () -> assertTrue(e.getMessage().contains(detail),
            "should contain \"" + detail + "\": " + e.getMessage()));
  }

  static Stream<Arguments> validValues() {
    return Stream.of(
        Arguments.of("secure WebSocket only", websocket(
            "\"secure\": {\"port\": 8433, \"certificate\": \"./cert.pem\"}")),
        Arguments.of("exceptionLimit one", resources("\"exceptionLimit\": 1")),
        Arguments.of("disableRequestCache 1", resources("\"disableRequestCache\": \"1\"")),
        Arguments.of("minPort equal to maxPort",
            ini("BaseRtpEndpoint", "minPort=5000\nmaxPort=5000")),
        Arguments.of("minPort 65535 with the default maxPort",
            ini("BaseRtpEndpoint", "minPort=65535")),
        Arguments.of("mtu 68", ini("BaseRtpEndpoint", "mtu=68")),
        Arguments.of("iceTcp TRUE", ini("WebRtcEndpoint", "iceTcp=TRUE")),
        Arguments.of("stunServerAddress IPv6",
            ini("WebRtcEndpoint", "stunServerAddress=2001:db8::3")),
        Arguments.of("externalIPv6 mapped IPv4",
            ini("WebRtcEndpoint", "externalIPv6=::ffff:192.0.2.1")),
        Arguments.of("turnURL with tls and a host name", ini("WebRtcEndpoint",
            "turnURL=user:p@ss:word@turn.example.com:5349?transport=tls")),
        Arguments.of("turnURL with a bracketed IPv6 host", ini("WebRtcEndpoint",
            "turnURL=user:pass@[2001:db8::9]:3478?transport=tcp")),
        Arguments.of("turnURL with a bare IPv6 host", ini("WebRtcEndpoint",
            "turnURL=user:pass@2001:db8::9:3478")),
        Arguments.of("networkInterfaces with an alias", ini("WebRtcEndpoint",
            "networkInterfaces=eth0, eth0:1,wlp2s0")),
        Arguments.of("blank values in a module file mean unset", ini("WebRtcEndpoint",
            "externalIPv4=\nstunServerPort=\nturnURL=\"\"")),
        Arguments.of("maxEncoderBitrate 0", ini("MediaElement", "maxEncoderBitrate=0")),
        Arguments.of("unknown keys are kept unchecked", ini("WebRtcEndpoint",
            "qos-dscp=whatever\nenable-h265=maybe")),
        Arguments.of("KMS_ICE_TCP 1", env("KMS_ICE_TCP", "1")),
        Arguments.of("--port on a file without port", new Setup(
            "{\"mediaServer\": {}}", null, null, Map.of(), List.of("--port", "9000"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validValues")
  void accepts(String name, Setup setup) {
    TestFiles.write(dir.resolve("cert.pem"), "PEM");
    load(setup);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ConfigException e = assertThrows(ConfigException.class, () -> load(new Setup(
        "{\"mediaServer\": {\"net\": {\"websocket\": {\"port\": 70000, \"path\": \"\"}}}}",
        "kurento/BaseRtpEndpoint.conf.ini", "minPort=abc\nmtu=1", Map.of("KMS_ICE_TCP", "2"),
        List.of())));
    assertEquals(List.of(WS + "path", WS + "port", RTP + "minPort", RTP + "mtu", "KMS_ICE_TCP"),
        e.problems().stream().map(p -> p.substring(0, p.indexOf(": "))).toList(),
        e.getMessage());
  }

  @Test
  void messagesNameTheFileOrTheKeyTheVariableSets() {
    ConfigException fromFile = assertThrows(ConfigException.class,
        () -> load(ini("BaseRtpEndpoint", "minPort=abc")));
    assertEquals(RTP + "minPort: \"abc\" is not an integer (from "
        + dir.resolve("modules/kurento/BaseRtpEndpoint.conf.ini") + ")", fromFile.getMessage());
    ConfigException fromEnv = assertThrows(ConfigException.class,
        () -> load(env("KMS_MIN_PORT", "abc")));
    assertEquals("KMS_MIN_PORT: \"abc\" is not an integer (from the environment, sets "
        + RTP + "minPort)", fromEnv.getMessage());
  }

  @Test
  void turnUrlMessagesNeverShowThePassword() {
    for (String url : List.of("user:hunter2@192.0.2.1:0", "turn:user:hunter2@192.0.2.1:3478",
        "user:hunter2", "user:hunter2@bad_host:3478")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> load(env("KMS_TURN_URL", url)));
      assertTrue(e.getMessage().startsWith("KMS_TURN_URL: "), e.getMessage());
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }
}
