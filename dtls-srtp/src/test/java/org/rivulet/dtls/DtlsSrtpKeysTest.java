package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The split of exported keying material, RFC 5764 section 4.2. */
@Timeout(10)
class DtlsSrtpKeysTest {

  /** Bytes 0, 1, 2...: every position is recognisable after the split. */
  private static byte[] counting(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private static byte[] range(int from, int length) {
    return Arrays.copyOfRange(counting(from + length), from, from + length);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(DtlsSrtpProfile.class)
  @DisplayName("RFC 5764 4.2: client key | server key | client salt | server salt")
  void splitFollowsTheRfcLayout(DtlsSrtpProfile profile) {
    int k = profile.masterKeyLength();
    int s = profile.masterSaltLength();
    byte[] material = counting(profile.keyingMaterialLength());

    DtlsSrtpKeys client = DtlsSrtpKeys.split(profile, DtlsRole.CLIENT, material);
    DtlsSrtpKeys server = DtlsSrtpKeys.split(profile, DtlsRole.SERVER, material);

    assertArrayEquals(range(0, k), client.localMasterKey());
    assertArrayEquals(range(k, k), client.remoteMasterKey());
    assertArrayEquals(range(2 * k, s), client.localMasterSalt());
    assertArrayEquals(range(2 * k + s, s), client.remoteMasterSalt());

    assertArrayEquals(client.localMasterKey(), server.remoteMasterKey());
    assertArrayEquals(client.remoteMasterKey(), server.localMasterKey());
    assertArrayEquals(client.localMasterSalt(), server.remoteMasterSalt());
    assertArrayEquals(client.remoteMasterSalt(), server.localMasterSalt());
    assertEquals(profile.id(), client.profileId());
  }

  @Test
  void lengthsPerProfile() {
    assertEquals(60, DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.keyingMaterialLength());
    assertEquals(60, DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32.keyingMaterialLength());
    assertEquals(56, DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM.keyingMaterialLength());
    assertEquals(88, DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM.keyingMaterialLength());
    assertEquals(DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM, DtlsSrtpProfile.fromId(0x0008).orElseThrow());
    assertFalse(DtlsSrtpProfile.fromId(0x0005).isPresent());
  }

  @Test
  void wrongMaterialLengthIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> DtlsSrtpKeys.split(DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM, DtlsRole.CLIENT, new byte[60]));
  }

  @Test
  @DisplayName("accessors hand out copies, and toString shows no key")
  void keysAreCopiedAndNotPrinted() {
    DtlsSrtpKeys keys = DtlsSrtpKeys.split(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, DtlsRole.CLIENT,
        counting(60));
    keys.localMasterKey()[0] = 99;
    assertEquals(0, keys.localMasterKey()[0]);
    assertEquals("DtlsSrtpKeys[SRTP_AES128_CM_HMAC_SHA1_80]", keys.toString());
  }
}
