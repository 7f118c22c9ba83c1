package org.rivulet.transport.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PacketKindTest {

  @Test
  @DisplayName("RFC 7983 section 7: every first-byte value")
  void everyValue() {
    int[] counts = new int[PacketKind.values().length];
    for (int b = 0; b <= 255; b++) {
      PacketKind expected;
      if (b <= 3) {
        expected = PacketKind.STUN;
      } else if (b >= 16 && b <= 19) {
        expected = PacketKind.ZRTP;
      } else if (b >= 20 && b <= 63) {
        expected = PacketKind.DTLS;
      } else if (b >= 64 && b <= 79) {
        expected = PacketKind.TURN_CHANNEL;
      } else if (b >= 128 && b <= 191) {
        expected = PacketKind.RTP_OR_RTCP;
      } else {
        expected = PacketKind.UNKNOWN;
      }
      assertEquals(expected, PacketKind.ofFirstByte(b), "first byte " + b);
      counts[expected.ordinal()]++;
    }
    assertEquals(4, counts[PacketKind.STUN.ordinal()]);
    assertEquals(4, counts[PacketKind.ZRTP.ordinal()]);
    assertEquals(44, counts[PacketKind.DTLS.ordinal()]);
    assertEquals(16, counts[PacketKind.TURN_CHANNEL.ordinal()]);
    assertEquals(64, counts[PacketKind.RTP_OR_RTCP.ordinal()]);
    assertEquals(124, counts[PacketKind.UNKNOWN.ordinal()]);
  }

  @Test
  void rejectsValuesThatAreNotUnsignedBytes() {
    assertThrows(IllegalArgumentException.class, () -> PacketKind.ofFirstByte(-1));
    assertThrows(IllegalArgumentException.class, () -> PacketKind.ofFirstByte(256));
  }

  @Test
  void aBufferIsJudgedByTheByteAtItsReaderIndexAndLeftAsItWas() {
    ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {0x00, (byte) 0x80, 0x17});
    assertEquals(PacketKind.STUN, PacketKind.of(buf));
    buf.readerIndex(1);
    assertEquals(PacketKind.RTP_OR_RTCP, PacketKind.of(buf));
    assertEquals(1, buf.readerIndex());
    buf.readerIndex(3);
    assertEquals(PacketKind.UNKNOWN, PacketKind.of(buf), "nothing left to read");
  }
}
