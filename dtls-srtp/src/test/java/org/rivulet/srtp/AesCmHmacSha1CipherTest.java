package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.srtp.HexText.hex;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AesCmHmacSha1CipherTest {

  /** RTP header with sequence number 0 and SSRC 0, so the IV is the session salt itself. */
  private static final String ZERO_INDEX_HEADER = """
      800f 0000   # V=2, PT=15, sequence number 0
      decafbad    # timestamp
      00000000    # SSRC 0
      """;

  @Test
  @DisplayName("RFC 3711 Appendix B.2: AES-CM keystream, 128-bit session key, index 0, SSRC 0")
  void rfc3711AppendixB2() {
    SrtpSessionKeys keys = new SrtpSessionKeys(
        hex("2B7E151628AED2A6ABF7158809CF4F3C   # session key"),
        hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD       # session salt (the appendix prints it shifted)"),
        new byte[20]);
    byte[] keystream = hex("""
        E03EAD0935C95E80E166B16DD92B4EB4   # counter F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000
        D23513162B02D0F72A43A2FE4A5F97AB   # counter ...0001
        41E95B3BB0A2E8DD477901E4FCA894C0   # counter ...0002
        """);
    assertArrayEquals(keystream, encryptZeros(SrtpProfile.AES_CM_128_HMAC_SHA1_80, keys, 48));
  }

  @Test
  @DisplayName("RFC 6188 section 7.1: AES-CM keystream, 256-bit session key, index 0, SSRC 0")
  void rfc6188Section71() {
    SrtpSessionKeys keys = new SrtpSessionKeys(
        hex("""
            57f82fe3613fd170a85ec93c40b1f092   # session key, 256 bits
            2ec4cb0dc025b58272147cc438944a98
            """),
        hex("f0f1f2f3f4f5f6f7f8f9fafbfcfd   # session salt"),
        new byte[20]);
    byte[] keystream = hex("""
        92bdd28a93c3f52511c677d08b5515a4   # counter f0f1f2f3f4f5f6f7f8f9fafbfcfd0000
        9da71b2378a854f67050756ded165bac   # counter ...0001
        63c4868b7096d88421b563b8c94c9a31   # counter ...0002
        """);
    assertArrayEquals(keystream, encryptZeros(SrtpProfile.AES_256_CM_HMAC_SHA1_80, keys, 48));
  }

  /** Protects a packet whose payload is zeros; the encrypted payload is then the keystream. */
  private static byte[] encryptZeros(SrtpProfile profile, SrtpSessionKeys keys, int payload) {
    AesCmHmacSha1Cipher cipher = new AesCmHmacSha1Cipher(profile, keys, keys);
    byte[] header = hex(ZERO_INDEX_HEADER);
    byte[] packet = Arrays.copyOf(header, header.length + payload + profile.srtpAuthTagLength());
    assertTrue(cipher.protectRtp(packet, 0, header.length + payload, header.length, 0, 0L));
    assertArrayEquals(header, Arrays.copyOf(packet, header.length), "header is not encrypted");
    return Arrays.copyOfRange(packet, header.length, header.length + payload);
  }

  @Test
  void tagComparisonLooksAtEveryByte() {
    byte[] expected = hex("00112233445566778899");
    byte[] packet = hex("ffff 00112233445566778899");
    assertTrue(AesCmHmacSha1Cipher.tagMatches(expected, packet, 2, 10));
    for (int i = 0; i < 10; i++) {
      byte[] flipped = packet.clone();
      flipped[2 + i] ^= 0x01;
      assertFalse(AesCmHmacSha1Cipher.tagMatches(expected, flipped, 2, 10), "byte " + i);
    }
  }
}
