package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;
import static org.rivulet.rtp.testing.TestBytes.pooledHeap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpUnknownTest {

  static final byte[] APP_WITH_PADDING = hex("""
      a5 cc 00 04   # V=2 P=1 subtype 5 | PT=204 APP | length 4 (20 bytes)
      00 00 00 01   # SSRC
      6e 61 6d 65   # name "name"
      61 62 00 00   # data "ab" | padding...
      00 00 00 06   # ...count 6
      """);

  @Test
  void keepsThePacketByteForByte() {
    ByteBuf buf = pooled(APP_WITH_PADDING);
    try {
      RtcpUnknown app = new RtcpUnknown(buf);
      assertEquals(RtcpPacket.APP, app.packetType());
      assertEquals(5, app.count());
      assertTrue(app.hasPadding());
      assertEquals(20, app.encodedLength());
      assertArrayEquals(APP_WITH_PADDING, bytes(app.packet()));
      assertArrayEquals(hex("00 00 00 01  6e 61 6d 65  61 62 00 00  00 00 00 06"), bytes(app.body()));
      ByteBuf out = app.encode(PooledByteBufAllocator.DEFAULT);
      try {
        assertArrayEquals(APP_WITH_PADDING, bytes(out));
      } finally {
        out.release();
      }
      app.packet().readerIndex(8);
      assertEquals(20, app.encodedLength(), "packet() hands out an independent duplicate");
      assertEquals("RtcpUnknown[pt=204, count=5, length=20]", app.toString());
    } finally {
      buf.release();
    }
  }

  @Test
  void equalityComparesBytes() {
    ByteBuf direct = pooled(APP_WITH_PADDING);
    ByteBuf heap = pooledHeap(APP_WITH_PADDING);
    ByteBuf other = pooled(hex("80 cc 00 00"));
    try {
      assertEquals(new RtcpUnknown(direct), new RtcpUnknown(heap));
      assertEquals(new RtcpUnknown(direct).hashCode(), new RtcpUnknown(heap).hashCode());
      assertNotEquals(new RtcpUnknown(direct), new RtcpUnknown(other));
    } finally {
      other.release();
      heap.release();
      direct.release();
    }
  }

  static Stream<Arguments> notOnePacket() {
    return Stream.of(
        Arguments.of("three bytes", hex("80 cc 00")),
        Arguments.of("version 1", hex("40 cc 00 00")),
        Arguments.of("length field says more", hex("80 cc 00 01")),
        Arguments.of("length field says less", hex("80 cc 00 00  00 00 00 00")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notOnePacket")
  void refusesBytesThatAreNotOnePacket(String name, byte[] bytes) {
    ByteBuf buf = pooled(bytes);
    try {
      assertThrows(IllegalArgumentException.class, () -> new RtcpUnknown(buf), name);
    } finally {
      buf.release();
    }
  }
}
