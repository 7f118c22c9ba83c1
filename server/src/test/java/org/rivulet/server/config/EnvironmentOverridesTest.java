package org.rivulet.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentOverridesTest {

  private final List<String> warnings = new ArrayList<>();

  private Settings apply(Map<String, String> env) {
    Settings.Builder builder = Settings.builder();
    EnvironmentOverrides.apply(env, builder, warnings);
    return builder.build();
  }

  @ParameterizedTest(name = "{0} sets {1}")
  @CsvSource(delimiter = '|', textBlock = """
      KMS_MIN_PORT              | modules.kurento.BaseRtpEndpoint.minPort            | 40000
      KMS_MAX_PORT              | modules.kurento.BaseRtpEndpoint.maxPort            | 40999
      KMS_MTU                   | modules.kurento.BaseRtpEndpoint.mtu                | 1400
      KMS_NETWORK_INTERFACES    | modules.kurento.WebRtcEndpoint.networkInterfaces   | eth0,eth1
      KMS_EXTERNAL_IPV4         | modules.kurento.WebRtcEndpoint.externalIPv4        | 203.0.113.7
      KMS_EXTERNAL_IPV6         | modules.kurento.WebRtcEndpoint.externalIPv6        | 2001:db8::7
      KMS_ICE_TCP               | modules.kurento.WebRtcEndpoint.iceTcp              | 0
      KMS_TURN_URL              | modules.kurento.WebRtcEndpoint.turnURL             | u:p@[::1]:9
      KMS_PEM_CERTIFICATE_RSA   | modules.kurento.WebRtcEndpoint.pemCertificateRSA   | /etc/rsa.pem
      KMS_PEM_CERTIFICATE_ECDSA | modules.kurento.WebRtcEndpoint.pemCertificateECDSA | /etc/ec.pem
      """)
  void mapsEachVariableToItsKey(String variable, String key, String value) {
    Settings s = apply(Map.of(variable, " " + value + " "));
    assertEquals(Optional.of(value), s.value(key), "trimmed");
    Setting setting = s.setting(key).orElseThrow();
    assertEquals(variable, setting.label());
    assertEquals("from the environment, sets " + key, setting.origin());
    assertEquals(1, s.keys().size());
  }

  @Test
  void stunAddressAndPortApplyTogether() {
    Settings s = apply(Map.of("KMS_STUN_IP", "198.51.100.3", "KMS_STUN_PORT", "19302"));
    assertEquals(Optional.of("198.51.100.3"), s.value(ConfigKeys.STUN_ADDRESS));
    assertEquals(Optional.of("19302"), s.value(ConfigKeys.STUN_PORT));
    assertEquals(List.of(), warnings);
  }

  @Test
  void aLoneStunVariableIsIgnoredWithAWarning() {
    Settings s = apply(Map.of("KMS_STUN_IP", "198.51.100.3"));
    assertEquals(Settings.empty().keys(), s.keys());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("KMS_STUN_IP is ignored because KMS_STUN_PORT"),
        warnings.get(0));
  }

  @Test
  void emptyVariablesCountAsUnset() {
    Settings s = apply(Map.of("KMS_MIN_PORT", "", "KMS_TURN_URL", "  ", "KMS_STUN_IP", ""));
    assertEquals(Settings.empty().keys(), s.keys());
    assertEquals(List.of(), warnings);
  }

  @Test
  void unrelatedVariablesAreIgnored() {
    assertEquals(Settings.empty().keys(),
        apply(Map.of("KMS_UID", "1000", "GST_DEBUG", "3", "PATH", "/bin")).keys());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({"KMS_EXTERNAL_IPV4, auto", "KMS_EXTERNAL_IPV6, auto", "KMS_EXTERNAL_IPV4, AUTO"})
  void autoDiscoveryIsRefused(String variable, String value) {
    ConfigException e = assertThrows(ConfigException.class, () -> apply(Map.of(variable, value)));
    assertTrue(e.getMessage().startsWith(variable + ": \"auto\""), e.getMessage());
  }
}
