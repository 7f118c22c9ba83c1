package org.rivulet.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rivulet.srtp.HexText.hex;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * libsrtp's reference packets ({@code test/srtp_driver.c}: {@code srtp_validate},
 * {@code srtp_validate_gcm}, {@code srtp_validate_aes_256}) through the whole path: master key, key
 * derivation, {@code ByteBuf} API. They cross-check the key derivation of every cipher family, including
 * the 96-bit GCM salt, against an independent implementation.
 *
 * <p>libsrtp numbers its first SRTCP packet 1 where RFC 3711 section 3.4 starts at 0, so each SRTCP
 * vector is the sender's second RTCP packet.
 */
class LibsrtpReferenceTest {

  private static final String RTP_PLAIN = """
      800f1234   # V=2, PT=15, sequence number 0x1234
      decafbad   # timestamp
      cafebabe   # SSRC
      abababab abababab abababab abababab   # payload, 16 bytes
      """;
  private static final String RTCP_PLAIN = """
      81c8000b   # V=2, RC=1, PT=200 (SR), length 11
      cafebabe   # SSRC of sender
      abababab abababab abababab abababab   # body, 16 bytes
      """;

  private final TestBuffers buffers = new TestBuffers();

  @AfterEach
  void release() {
    buffers.releaseAll();
  }

  @Test
  @DisplayName("libsrtp srtp_validate: AES_CM_128_HMAC_SHA1_80 (master key E1F97A0D...)")
  void aesCm128() {
    byte[] key = hex("e1f97a0d3e018be0d64fa32c06de4139   # master key");
    byte[] salt = hex("0ec675ad498afeebb6960b3aabe6      # master salt");
    check(SrtpProfile.AES_CM_128_HMAC_SHA1_80, key, salt, """
        800f1234 decafbad cafebabe            # header
        4e55dc4c e79978d8 8ca4d215 949d2402   # encrypted payload
        b78d6acc 99ea179b 8dbb                # tag, 80 bits
        """, """
        81c8000b cafebabe                     # header
        7128035b e487b9bd bef89041 f977a5a8   # encrypted body
        80000001                              # E=1, SRTCP index 1
        993e08cd 54d6c1230798                 # tag, 80 bits
        """);
  }

  @Test
  @DisplayName("libsrtp srtp_validate_gcm: AEAD_AES_128_GCM (96-bit master salt)")
  void aesGcm128() {
    byte[] key = hex("000102030405060708090a0b0c0d0e0f   # master key");
    byte[] salt = hex("a0a1a2a3a4a5a6a7a8a9aaab          # master salt, 96 bits");
    check(SrtpProfile.AEAD_AES_128_GCM, key, salt, """
        800f1234 decafbad cafebabe            # header (AAD)
        c5002ede 04cfdd2e b91159e0 880aa06e   # ciphertext
        d2976826 f796b201 df3131a1 27e8a392   # tag, 128 bits
        """, """
        81c8000b cafebabe                     # header (AAD)
        c98b8b5d f0392a55 852b6c21 ac8e7025   # ciphertext
        c52c6fbe a2b3b446 ea31123b a88ce61e   # tag, 128 bits
        80000001                              # E=1, SRTCP index 1 (AAD)
        """);
  }

  @Test
  @DisplayName("libsrtp srtp_validate_aes_256: AES_256_CM_HMAC_SHA1_80 (RFC 6188 section 7.2 key)")
  void aesCm256() {
    byte[] key = hex("""
        f0f04914b513f2763a1b1fa130f10e29   # master key, 256 bits
        98f6f6e43e4309d1e622a0e332b9f1b6
        """);
    byte[] salt = hex("3b04803de51ee7c96423ab5b78d2   # master salt");
    check(SrtpProfile.AES_256_CM_HMAC_SHA1_80, key, salt, """
        800f1234 decafbad cafebabe            # header
        f1d9de17 ff251ff1 aa007774 b0b4b40d   # encrypted payload
        a08d9d9a 5b3a55d8 873b                # tag, 80 bits
        """, null);
  }

  private void check(SrtpProfile profile, byte[] key, byte[] salt, String srtp, String srtcp) {
    SrtpSender sender = new SrtpSender(profile, key, salt);
    SrtpReceiver receiver = new SrtpReceiver(profile, key, salt);

    ByteBuf rtp = buffers.heap(hex(RTP_PLAIN));
    assertEquals(SrtpResult.OK, sender.protectRtp(rtp));
    assertArrayEquals(hex(srtp), TestBuffers.readable(rtp), "SRTP");
    assertEquals(SrtpResult.OK, receiver.unprotectRtp(rtp));
    assertArrayEquals(hex(RTP_PLAIN), TestBuffers.readable(rtp), "RTP");

    if (srtcp == null) {
      return;
    }
    ByteBuf first = buffers.heap(hex(RTCP_PLAIN));
    assertEquals(SrtpResult.OK, sender.protectRtcp(first)); // SRTCP index 0
    ByteBuf rtcp = buffers.heap(hex(RTCP_PLAIN));
    assertEquals(SrtpResult.OK, sender.protectRtcp(rtcp)); // SRTCP index 1
    assertArrayEquals(hex(srtcp), TestBuffers.readable(rtcp), "SRTCP");
    assertEquals(SrtpResult.OK, receiver.unprotectRtcp(rtcp));
    assertArrayEquals(hex(RTCP_PLAIN), TestBuffers.readable(rtcp), "RTCP");
    assertEquals(SrtpResult.OK, receiver.unprotectRtcp(first));
    assertArrayEquals(hex(RTCP_PLAIN), TestBuffers.readable(first), "RTCP, index 0, late");
  }
}
