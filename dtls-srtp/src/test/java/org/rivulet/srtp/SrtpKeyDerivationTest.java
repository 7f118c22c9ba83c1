package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.srtp.HexText.hex;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SrtpKeyDerivationTest {

  @Test
  @DisplayName("RFC 3711 Appendix B.3: key derivation, AES-CM PRF with a 128-bit master key")
  void rfc3711AppendixB3() {
    byte[] masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139   # master key");
    byte[] masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6      # master salt, 112 bits");
    // packet index 0, key derivation rate 0
    assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087   # cipher key, label 0x00"),
        SrtpKeyDerivation.prf(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTP_ENCRYPTION, 16));
    assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1       # cipher salt, label 0x02"),
        SrtpKeyDerivation.prf(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTP_SALT, 14));
    // The appendix prints 94 bytes of the auth key stream; HMAC-SHA1 uses the first 20.
    assertArrayEquals(hex("""
        CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4   # auth key, label 0x01: the 160 bits used
        8F0A0ACF3C34E2359E6CDBCE                   # ... and on, as far as the appendix prints
        E049646C43D9327AD175578EF7227098
        6371C10C9A369AC2F94A8C5FBCDDDC25
        6D6E919A48B610EF17C2041E47403576
        6B68642C59BBFC2F34DB60DBDFB2
        """), SrtpKeyDerivation.prf(masterKey, masterSalt, SrtpKeyDerivation.LABEL_SRTP_AUTH, 94));

    SrtpSessionKeys keys =
        SrtpKeyDerivation.srtpKeys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, masterKey, masterSalt);
    assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"), keys.encryptionKey);
    assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"), keys.salt);
    assertArrayEquals(hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), keys.authKey);
  }

  @Test
  @DisplayName("RFC 6188 section 7.2: key derivation, AES_256_CM_PRF with a 256-bit master key")
  void rfc6188Section72() {
    byte[] masterKey = hex("""
        f0f04914b513f2763a1b1fa130f10e29   # master key, 256 bits
        98f6f6e43e4309d1e622a0e332b9f1b6
        """);
    byte[] masterSalt = hex("3b04803de51ee7c96423ab5b78d2   # master salt, 112 bits");
    SrtpSessionKeys keys =
        SrtpKeyDerivation.srtpKeys(SrtpProfile.AES_256_CM_HMAC_SHA1_80, masterKey, masterSalt);
    assertArrayEquals(hex("""
        5ba1064e30ec51613cad926c5a28ef73   # cipher key, label 0x00, 256 bits
        1ec7fb397f70a960653caf06554cd8c4
        """), keys.encryptionKey);
    assertArrayEquals(hex("fa31791685ca444a9e07c6c64e93   # cipher salt, label 0x02"), keys.salt);
    assertArrayEquals(hex("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05   # auth key, label 0x01"),
        keys.authKey);
  }

  @Test
  @DisplayName("SRTCP keys use labels 0x03-0x05 (RFC 3711 section 4.3.2)")
  void srtcpLabels() {
    byte[] masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    byte[] masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");
    SrtpSessionKeys srtcp =
        SrtpKeyDerivation.srtcpKeys(SrtpProfile.AES_CM_128_HMAC_SHA1_32, masterKey, masterSalt);
    assertArrayEquals(SrtpKeyDerivation.prf(masterKey, masterSalt, 3, 16), srtcp.encryptionKey);
    assertArrayEquals(SrtpKeyDerivation.prf(masterKey, masterSalt, 4, 20), srtcp.authKey);
    assertArrayEquals(SrtpKeyDerivation.prf(masterKey, masterSalt, 5, 14), srtcp.salt);
  }

  @Test
  @DisplayName("GCM: 96-bit session salt and no auth key (RFC 7714 section 11)")
  void gcmLengths() {
    SrtpSessionKeys keys = SrtpKeyDerivation.srtpKeys(SrtpProfile.AEAD_AES_256_GCM, new byte[32],
        new byte[12]);
    assertEquals(32, keys.encryptionKey.length);
    assertEquals(12, keys.salt.length);
    assertEquals(0, keys.authKey.length);
  }

  @Test
  void wrongMasterLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SrtpKeyDerivation.srtpKeys(
        SrtpProfile.AES_CM_128_HMAC_SHA1_80, new byte[32], new byte[14]));
    assertThrows(IllegalArgumentException.class, () -> SrtpKeyDerivation.srtpKeys(
        SrtpProfile.AEAD_AES_128_GCM, new byte[16], new byte[14]));
    assertThrows(IllegalArgumentException.class, () -> new SrtpSender(
        SrtpProfile.AES_256_CM_HMAC_SHA1_32, new byte[16], new byte[14]));
  }
}
