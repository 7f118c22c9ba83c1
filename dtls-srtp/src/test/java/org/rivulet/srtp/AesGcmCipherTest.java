package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.srtp.HexText.hex;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 7714 sections 16 (AEAD_AES_128_GCM) and 17 (AEAD_AES_256_GCM) test vectors. */
class AesGcmCipherTest {

  private static final String KEY_128 = "000102030405060708090a0b0c0d0e0f   # session key, 128 bits";
  private static final String KEY_256 = """
      000102030405060708090a0b0c0d0e0f   # session key, 256 bits
      101112131415161718191a1b1c1d1e1f
      """;
  private static final String SALT = "517569642070726f2071756f   # session salt, 96 bits (\"Quid pro quo\")";

  private static final String RTP_PLAIN = """
      8040f17b   # V=2, PT=64, sequence number 0xf17b
      8041f8d3   # timestamp
      5501a0b2   # SSRC; ROC is 0, so the packet index is 0xf17b
      47616c6c 69612065 7374206f 6d6e6973   # payload: "Gallia est omnis divisa in partes tres"
      20646976 69736120 696e2070 61727465
      73207472 6573
      """;
  private static final String RTCP_PLAIN = """
      81c8000d   # V=2, RC=1, PT=200 (SR), length
      4d617273   # SSRC of sender
      4e545031 4e545032 52545020 0000042a   # sender info and report block (encrypted)
      0000e930 4c756e61 deadbeef deadbeef
      deadbeef deadbeef deadbeef
      """;
  private static final int RTCP_SSRC = 0x4d617273;
  private static final int SRTCP_INDEX = 0x5d4;

  @Test
  @DisplayName("RFC 7714 section 16: AEAD_AES_128_GCM SRTP protect and unprotect")
  void rfc7714Section16Srtp() {
    checkSrtp(SrtpProfile.AEAD_AES_128_GCM, KEY_128, """
        8040f17b 8041f8d3 5501a0b2            # header, in clear (AAD)
        f24de3a3 fb34de6c acba861c 9d7e4bca   # ciphertext
        be633bd5 0d294e6f 42a5f47a 51c7d19b
        36de3adf 8833
        899d 7f27beb1 6a9152cf 765ee439 0cce  # tag, 16 bytes
        """);
  }

  @Test
  @DisplayName("RFC 7714 section 16: AEAD_AES_128_GCM SRTCP protect and unprotect")
  void rfc7714Section16Srtcp() {
    checkSrtcp(SrtpProfile.AEAD_AES_128_GCM, KEY_128, """
        81c8000d 4d617273                     # header, in clear (AAD)
        63e94885 dcdab67c a727d766 2f6b7e99   # ciphertext
        7ff5c0f7 6c06f32d c676a5f1 730d6fda
        4ce09b46 86303ded 0bb9275b
        c84aa458 96cf4d2f c5abf872 45d9eade   # tag, 16 bytes
        800005d4                              # E=1, SRTCP index 0x5d4 (AAD)
        """);
  }

  @Test
  @DisplayName("RFC 7714 section 17: AEAD_AES_256_GCM SRTP protect and unprotect")
  void rfc7714Section17Srtp() {
    checkSrtp(SrtpProfile.AEAD_AES_256_GCM, KEY_256, """
        8040f17b 8041f8d3 5501a0b2            # header, in clear (AAD)
        32b1de78 a822fe12 ef9f78fa 332e33aa   # ciphertext
        b1801238 9a58e2f3 b50b2a02 76ffae0f
        1ba63799 b87b
        7aa3 db36dfff d6b0f9bb 7878d7a7 6c13  # tag, 16 bytes
        """);
  }

  @Test
  @DisplayName("RFC 7714 section 17: AEAD_AES_256_GCM SRTCP protect and unprotect")
  void rfc7714Section17Srtcp() {
    checkSrtcp(SrtpProfile.AEAD_AES_256_GCM, KEY_256, """
        81c8000d 4d617273                     # header, in clear (AAD)
        d50ae4d1 f5ce5d30 4ba297e4 7d470c28   # ciphertext
        2c3ece5d bffe0a50 a2eaa5c1 110555be
        8415f658 c61de047 6f1b6fad
        1d1eb30c 4446839f 57ff6f6c b26ac3be   # tag, 16 bytes
        800005d4                              # E=1, SRTCP index 0x5d4 (AAD)
        """);
  }

  private static AesGcmCipher cipher(SrtpProfile profile, String key) {
    SrtpSessionKeys keys = new SrtpSessionKeys(hex(key), hex(SALT), new byte[0]);
    return new AesGcmCipher(profile, keys, keys);
  }

  private static void checkSrtp(SrtpProfile profile, String key, String protectedHex) {
    byte[] plain = hex(RTP_PLAIN);
    byte[] expected = hex(protectedHex);
    int ssrc = 0x5501a0b2;
    long index = 0xf17b;

    byte[] a = Arrays.copyOf(plain, expected.length);
    assertTrue(cipher(profile, key).protectRtp(a, 0, plain.length, 12, ssrc, index));
    assertArrayEquals(expected, a, "protect");

    byte[] b = expected.clone();
    assertTrue(cipher(profile, key).unprotectRtp(b, 0, b.length, 12, ssrc, index));
    assertArrayEquals(plain, Arrays.copyOf(b, plain.length), "unprotect");

    byte[] forged = expected.clone();
    forged[20] ^= 0x01;
    assertFalse(cipher(profile, key).unprotectRtp(forged, 0, forged.length, 12, ssrc, index));
    forged[20] ^= 0x01;
    assertArrayEquals(expected, forged, "a failed unprotect leaves the packet alone");
  }

  private static void checkSrtcp(SrtpProfile profile, String key, String protectedHex) {
    byte[] plain = hex(RTCP_PLAIN);
    byte[] expected = hex(protectedHex);

    byte[] a = Arrays.copyOf(plain, expected.length);
    assertTrue(cipher(profile, key).protectRtcp(a, 0, plain.length, RTCP_SSRC, SRTCP_INDEX));
    assertArrayEquals(expected, a, "protect");

    AesGcmCipher receiver = cipher(profile, key);
    assertEquals(expected.length - 4, receiver.srtcpIndexOffset(expected.length));
    byte[] b = expected.clone();
    assertTrue(receiver.unprotectRtcp(b, 0, b.length, RTCP_SSRC, SRTCP_INDEX));
    assertArrayEquals(plain, Arrays.copyOf(b, plain.length), "unprotect");

    byte[] wrongIndex = expected.clone();
    assertFalse(receiver.unprotectRtcp(wrongIndex, 0, wrongIndex.length, RTCP_SSRC, SRTCP_INDEX + 1),
        "the index is part of the IV");
  }

  @Test
  @DisplayName("RFC 7714 section 8.1: SRTP IV = 00 00 | SSRC | ROC | SEQ, XOR salt")
  void srtpIvLayout() {
    byte[] salt = new byte[12];
    byte[] iv = new byte[12];
    AesGcmCipher.srtpIv(salt, 0x11223344, 0x5566_7788_99AAL, iv);
    assertArrayEquals(hex("0000 11223344 55667788 99aa"), iv);
    AesGcmCipher.srtpIv(hex(SALT), 0x5501a0b2, 0xf17b, iv);
    assertArrayEquals(hex("5175 3c65 80c2 726f 2071 84 14"), iv);
  }

  @Test
  @DisplayName("RFC 7714 section 9.1: SRTCP IV = 00 00 | SSRC | 00 00 | 0 | index, XOR salt")
  void srtcpIvLayout() {
    byte[] iv = new byte[12];
    AesGcmCipher.srtcpIv(new byte[12], 0x11223344, 0x7fffffff, iv);
    assertArrayEquals(hex("0000 11223344 0000 7fffffff"), iv);
  }

  @Test
  @DisplayName("No two (SSRC, index) pairs share an IV under one key (RELIABILITY.md B4 item 48)")
  void ivsAreDistinct() {
    byte[] salt = hex(SALT);
    Set<String> seen = new HashSet<>();
    int[] ssrcs = {0, 1, 0x5501a0b2, 0xffffffff};
    long[] indices = {0, 1, 0xffff, 0x10000, 0x1_0000_ffffL, (1L << 48) - 1};
    for (int ssrc : ssrcs) {
      for (long index : indices) {
        byte[] iv = new byte[12];
        AesGcmCipher.srtpIv(salt, ssrc, index, iv);
        assertTrue(seen.add(HexText.toHex(iv)), "IV reused for " + ssrc + "/" + index);
      }
    }
  }
}
