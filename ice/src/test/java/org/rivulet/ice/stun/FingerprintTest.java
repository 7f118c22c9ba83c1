package org.rivulet.ice.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.ice.stun.StunTestSupport.decoded;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FingerprintTest {

  static Stream<Arguments> vectors() {
    return Stream.of(
        Arguments.of("RFC 5769 section 2.1 request", Rfc5769.REQUEST, 0xe57a3bcf),
        Arguments.of("RFC 5769 section 2.2 IPv4 response", Rfc5769.IPV4_RESPONSE, 0xc07d4c96),
        Arguments.of("RFC 5769 section 2.3 IPv6 response", Rfc5769.IPV6_RESPONSE, 0xc8fb0b4c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  @DisplayName("RFC 8489 section 14.7: CRC-32 of the message before FINGERPRINT, XOR 0x5354554E")
  void matchesTheRfcValue(String name, String vector, int expected) {
    byte[] bytes = Rfc5769.bytes(vector);
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    assertEquals(expected, (int) crc.getValue() ^ 0x5354554E, "the listing's own value");
    for (BufferKind kind : BufferKind.values()) {
      ByteBuf buf = kind.wrap(bytes);
      try {
        assertEquals(expected, Fingerprint.compute(buf, buf.readerIndex(), bytes.length - 8), kind::name);
        assertTrue(Fingerprint.verify(buf, decoded(buf)), kind::name);
      } finally {
        buf.release();
      }
    }
  }

  @Test
  void absentFingerprintDoesNotVerify() {
    ByteBuf buf = BufferKind.HEAP.wrap(Rfc5769.bytes(Rfc5769.LONG_TERM_REQUEST));
    try {
      StunMessage message = decoded(buf);
      assertFalse(message.hasFingerprint());
      assertFalse(Fingerprint.verify(buf, message));
    } finally {
      buf.release();
    }
  }

  @Test
  @DisplayName("RFC 8489 section 14.7: the CRC covers a header length that counts FINGERPRINT")
  void appendCountsItselfInTheLength() {
    StunMessage message = StunMessage.indication(StunMethod.BINDING, Rfc5769.TRANSACTION_ID)
        .add(new Software("abc")).build();
    ByteBuf out = new StunEncoder().encode(message, null, true, UnpooledByteBufAllocator.DEFAULT);
    try {
      assertEquals(8 + 8, out.getUnsignedShort(2));
      byte[] bytes = ByteBufUtil.getBytes(out);
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - 8);
      assertEquals((int) crc.getValue() ^ 0x5354554E, out.getInt(bytes.length - 4));
      assertEquals(StunAttributeType.FINGERPRINT, out.getUnsignedShort(bytes.length - 8));
      assertEquals(4, out.getUnsignedShort(bytes.length - 6));
    } finally {
      out.release();
    }
  }
}
