package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration defaults and validation, and the a=setup to role mapping. */
@Timeout(10)
class DtlsConfigTest {
  private static DtlsCertificate certificate;

  @BeforeAll
  static void certificate() {
    certificate = DtlsCertificate.generate(DtlsKeyType.ECDSA);
  }

  private static DtlsConfig.Builder builder() {
    return DtlsConfig.builder(DtlsRole.SERVER, certificate, List.of(certificate.fingerprint()));
  }

  @Test
  void defaultsAreKurentos() {
    DtlsConfig c = builder().build();
    assertEquals(1200, c.mtu());
    assertEquals(30_000, c.handshakeTimeoutMillis());
    assertEquals(64, c.queueCapacity());
    assertEquals(DtlsSrtpProfile.PREFERENCE, c.srtpProfiles());
    assertEquals(DtlsRole.SERVER, c.role());
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> DtlsConfig.builder(DtlsRole.CLIENT, certificate, List.of()));
    assertThrows(IllegalArgumentException.class, () -> builder().srtpProfiles(List.of()));
    assertThrows(IllegalArgumentException.class, () -> builder().srtpProfiles(
        List.of(DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM, DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM)));
    assertThrows(IllegalArgumentException.class, () -> builder().mtu(100));
    assertThrows(IllegalArgumentException.class, () -> builder().mtu(70_000));
    assertThrows(IllegalArgumentException.class, () -> builder().handshakeTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder().queueCapacity(0));
  }

  @ParameterizedTest(name = "a=setup:{0} -> {1}")
  @CsvSource({"active, CLIENT", "passive, SERVER", "ACTIVE, CLIENT", "' passive ', SERVER"})
  void resolvedSetupNamesTheRole(String setup, DtlsRole role) {
    assertEquals(role, DtlsRole.forLocalSetup(setup));
  }

  @ParameterizedTest(name = "a=setup:{0} is not a role yet")
  @ValueSource(strings = {"actpass", "holdconn", "", "server"})
  void unresolvedSetupIsRefused(String setup) {
    assertThrows(IllegalArgumentException.class, () -> DtlsRole.forLocalSetup(setup));
  }
}
