package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SrtpProfileTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // profile, DTLS-SRTP id (-1: none), key, salt, auth key, SRTP tag, SRTCP tag
        Arguments.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 0x0001, 16, 14, 20, 10, 10),
        Arguments.of(SrtpProfile.AES_CM_128_HMAC_SHA1_32, 0x0002, 16, 14, 20, 4, 10),
        Arguments.of(SrtpProfile.AEAD_AES_128_GCM, 0x0007, 16, 12, 0, 16, 16),
        Arguments.of(SrtpProfile.AEAD_AES_256_GCM, 0x0008, 32, 12, 0, 16, 16),
        Arguments.of(SrtpProfile.AES_256_CM_HMAC_SHA1_80, -1, 32, 14, 20, 10, 10),
        Arguments.of(SrtpProfile.AES_256_CM_HMAC_SHA1_32, -1, 32, 14, 20, 4, 10));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void lengthsAndIds(SrtpProfile p, int dtlsId, int key, int salt, int authKey, int srtpTag,
      int srtcpTag) {
    assertEquals(dtlsId < 0 ? OptionalInt.empty() : OptionalInt.of(dtlsId), p.dtlsProfileId());
    assertEquals(key, p.masterKeyLength());
    assertEquals(salt, p.masterSaltLength());
    assertEquals(authKey, p.authKeyLength());
    assertEquals(srtpTag, p.srtpAuthTagLength());
    assertEquals(srtcpTag, p.srtcpAuthTagLength());
    assertEquals(srtpTag, p.srtpOverhead());
    assertEquals(4 + srtcpTag, p.srtcpOverhead());
    assertEquals(2 * (key + salt), p.keyingMaterialLength());
    assertEquals(authKey == 0, p.isAead());
    assertEquals(Optional.of(p), SrtpProfile.fromSdesName(p.sdesName()));
    if (dtlsId >= 0) {
      assertEquals(Optional.of(p), SrtpProfile.fromDtlsProfileId(dtlsId));
    }
  }

  @Test
  void unknownIdsAndNames() {
    assertFalse(SrtpProfile.fromDtlsProfileId(-1).isPresent());
    assertFalse(SrtpProfile.fromDtlsProfileId(0x0005).isPresent()); // SRTP_NULL_HMAC_SHA1_80
    assertFalse(SrtpProfile.fromSdesName("aes_cm_128_hmac_sha1_80").isPresent());
    assertFalse(SrtpProfile.fromSdesName("F8_128_HMAC_SHA1_80").isPresent());
    assertTrue(SrtpProfile.fromSdesName("AES_256_CM_HMAC_SHA1_32").isPresent());
  }
}
