package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code use_srtp} rules of RFC 5764 section 4.1, including server answers that Rivulet's own server
 * never sends and so the handshake tests cannot reach.
 */
@Timeout(10)
class UseSrtpNegotiationTest {
  private static final List<DtlsSrtpProfile> ALL = DtlsSrtpProfile.PREFERENCE;

  private static Hashtable<Integer, byte[]> extensions(int[] ids, byte[] mki) throws IOException {
    Hashtable<Integer, byte[]> ext = new Hashtable<>();
    TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(ids, mki));
    return ext;
  }

  @Test
  void offerListsTheProfilesInOrderWithoutMki() {
    UseSRTPData offer = UseSrtpNegotiation.offer(ALL);
    assertArrayEquals(new int[] {0x0007, 0x0008, 0x0001, 0x0002}, offer.getProtectionProfiles());
    assertEquals(0, offer.getMki().length);
  }

  @Test
  void serverPrefersItsOwnOrderAmongTheOffer() throws IOException {
    assertEquals(DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM,
        UseSrtpNegotiation.select(extensions(new int[] {0x0001, 0x0008, 0x0002}, new byte[0]), ALL));
    assertEquals(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80,
        UseSrtpNegotiation.select(extensions(new int[] {0x0005, 0x0001}, new byte[] {1}), ALL));
  }

  static Stream<Arguments> serverRefusals() throws IOException {
    return Stream.of(
        Arguments.of("no extensions at all", null),
        Arguments.of("no use_srtp", new Hashtable<Integer, byte[]>()),
        Arguments.of("only unknown profiles", extensions(new int[] {0x0003, 0x0005}, new byte[0])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverRefusals")
  void serverRefusesWithNoSrtpProfile(String name, Hashtable<Integer, byte[]> clientExtensions) {
    RejectedHandshake e = assertThrows(RejectedHandshake.class,
        () -> UseSrtpNegotiation.select(clientExtensions, ALL));
    assertEquals(DtlsFailureReason.NO_SRTP_PROFILE, e.reason());
    assertEquals(AlertDescription.handshake_failure, e.getAlertDescription());
  }

  @Test
  void clientAcceptsOneOfferedProfile() throws IOException {
    assertEquals(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32,
        UseSrtpNegotiation.accept(extensions(new int[] {0x0002}, new byte[0]), ALL));
  }

  static Stream<Arguments> clientRefusals() throws IOException {
    return Stream.of(
        Arguments.of("server sent no extensions", null, AlertDescription.handshake_failure),
        Arguments.of("server left out use_srtp", new Hashtable<Integer, byte[]>(),
            AlertDescription.handshake_failure),
        Arguments.of("server chose a profile not offered (RFC 5764 4.1.2)",
            extensions(new int[] {0x0001}, new byte[0]), AlertDescription.illegal_parameter),
        Arguments.of("server answered two profiles", extensions(new int[] {0x0007, 0x0008}, new byte[0]),
            AlertDescription.illegal_parameter),
        Arguments.of("server answered an MKI nobody offered (RFC 5764 4.1.1)",
            extensions(new int[] {0x0007}, new byte[] {1, 2}), AlertDescription.illegal_parameter));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientRefusals")
  void clientRefusesWithNoSrtpProfile(String name, Hashtable<Integer, byte[]> serverExtensions,
      short alert) {
    List<DtlsSrtpProfile> offered = List.of(DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM,
        DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM);
    RejectedHandshake e = assertThrows(RejectedHandshake.class,
        () -> UseSrtpNegotiation.accept(serverExtensions, offered));
    assertEquals(DtlsFailureReason.NO_SRTP_PROFILE, e.reason());
    assertEquals(alert, e.getAlertDescription());
  }
}
