package org.rivulet.srtp;

import java.nio.ByteBuffer;

/** Plain RTP and RTCP packets for tests, and fixed master keys per profile. */
final class TestPackets {

  private TestPackets() {}

  /** RTP: V=2, PT=96, the given sequence number and SSRC, timestamp = 90 * seq, then the payload. */
  static byte[] rtp(int seq, int ssrc, byte[] payload) {
    return ByteBuffer.allocate(12 + payload.length)
        .put((byte) 0x80).put((byte) 96).putShort((short) seq).putInt(90 * seq).putInt(ssrc)
        .put(payload).array();
  }

  /** RTP with {@code payloadLength} bytes of a pattern that depends on the sequence number. */
  static byte[] rtp(int seq, int ssrc, int payloadLength) {
    byte[] payload = new byte[payloadLength];
    for (int i = 0; i < payloadLength; i++) {
      payload[i] = (byte) (seq * 31 + i);
    }
    return rtp(seq, ssrc, payload);
  }

  /** RTP with two CSRCs and a one-word RFC 8285 one-byte header extension. */
  static byte[] rtpWithCsrcsAndExtension(int seq, int ssrc, int payloadLength) {
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + 8 + payloadLength)
        .put((byte) 0x92).put((byte) 96).putShort((short) seq).putInt(90 * seq).putInt(ssrc)
        .putInt(0x11111111).putInt(0x22222222)
        .putShort((short) 0xBEDE).putShort((short) 1).putInt(0x10AB0000);
    for (int i = 0; i < payloadLength; i++) {
      b.put((byte) i);
    }
    return b.array();
  }

  /** An RTCP receiver report (PT 201) from {@code ssrc} with {@code bodyLength} more bytes. */
  static byte[] rtcp(int ssrc, int bodyLength) {
    ByteBuffer b = ByteBuffer.allocate(8 + bodyLength)
        .put((byte) 0x81).put((byte) 201).putShort((short) ((8 + bodyLength) / 4 - 1)).putInt(ssrc);
    for (int i = 0; i < bodyLength; i++) {
      b.put((byte) (0x40 + i));
    }
    return b.array();
  }

  static byte[] masterKey(SrtpProfile profile) {
    byte[] key = new byte[profile.masterKeyLength()];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (0xA0 + i + profile.ordinal());
    }
    return key;
  }

  static byte[] masterSalt(SrtpProfile profile) {
    byte[] salt = new byte[profile.masterSaltLength()];
    for (int i = 0; i < salt.length; i++) {
      salt[i] = (byte) (0x30 + 3 * i);
    }
    return salt;
  }

  static SrtpSender sender(SrtpProfile profile) {
    return new SrtpSender(profile, masterKey(profile), masterSalt(profile));
  }

  static SrtpReceiver receiver(SrtpProfile profile) {
    return new SrtpReceiver(profile, masterKey(profile), masterSalt(profile));
  }
}
