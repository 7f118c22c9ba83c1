package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Byte-level helpers for building and mutating test messages. */
final class StunTestSupport {

  private StunTestSupport() {}

  /** Decodes {@code buf}, failing the test unless it is a message; does not release {@code buf}. */
  static StunMessage decoded(ByteBuf buf) {
    StunParseResult result = StunDecoder.decode(buf);
    assertTrue(result.isSuccess(), () -> "not decoded: " + result);
    return result.message();
  }

  /**
   * A Binding request with the transaction id of RFC 5769 and the given attributes (a hex listing, see
   * {@link Rfc5769#bytes}); the header's length is computed.
   */
  static byte[] request(String attributes) {
    byte[] body = Rfc5769.bytes(attributes);
    ByteBuffer message = ByteBuffer.allocate(StunMessage.HEADER_LENGTH + body.length);
    message.putShort((short) 0x0001).putShort((short) body.length).putInt(StunMessage.MAGIC_COOKIE);
    message.put(Rfc5769.TRANSACTION_ID.toBytes()).put(body);
    return message.array();
  }

  /** A copy of {@code bytes} with the lowest bit of one byte flipped. */
  static byte[] flipped(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  /** A copy of {@code message} with {@code attribute} inserted at {@code offset} and the length fixed. */
  static byte[] inserted(byte[] message, int offset, byte[] attribute) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(message, 0, offset);
    out.write(attribute, 0, attribute.length);
    out.write(message, offset, message.length - offset);
    return withLengthFixed(out.toByteArray());
  }

  /** A copy of {@code message} whose header length is the bytes after the header. */
  static byte[] withLengthFixed(byte[] message) {
    byte[] copy = message.clone();
    int length = copy.length - StunMessage.HEADER_LENGTH;
    copy[2] = (byte) (length >>> 8);
    copy[3] = (byte) length;
    return copy;
  }

  /**
   * A copy of a message that ends with FINGERPRINT, with that value recomputed (RFC 8489 section 14.7),
   * independently of {@link Fingerprint}: so a test can change earlier bytes and still get past the
   * decoder's FINGERPRINT check.
   */
  static byte[] withFingerprintRecomputed(byte[] message) {
    byte[] copy = message.clone();
    int at = copy.length - 8;
    CRC32 crc = new CRC32();
    crc.update(copy, 0, at);
    int value = (int) crc.getValue() ^ 0x5354554E;
    ByteBuffer.wrap(copy, at + 4, 4).putInt(value);
    return copy;
  }

  /** The long-term key of RFC 8489 section 9.2.2: MD5(username ":" realm ":" password). */
  static byte[] longTermKey(String username, String realm, String password) {
    try {
      return MessageDigest.getInstance("MD5")
          .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides MD5", e);
    }
  }
}
