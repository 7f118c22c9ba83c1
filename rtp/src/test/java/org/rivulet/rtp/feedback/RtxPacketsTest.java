package org.rivulet.rtp.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;
import static org.rivulet.rtp.testing.TestBytes.pooledHeap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.rtp.ext.HeaderExtensions;

class RtxPacketsTest {

  private static final int ORIGINAL_SSRC = 0xdeadbeef;
  private static final int RTX_SSRC = 0x01020304;

  /** Two CSRCs, a one-byte header extension block, the marker, and 3 bytes of padding. */
  static final byte[] ORIGINAL = hex("""
      b2 e0 12 34   # V=2 P=1 X=1 CC=2 | M=1 PT=96 | seq 0x1234
      00 01 e2 40   # timestamp 123456
      de ad be ef   # SSRC
      00 00 00 0a   # CSRC 10
      00 00 00 0b   # CSRC 11
      be de 00 02   # RFC 8285 one-byte extensions, 2 words
      10 ab 32 01   # id 1 (1 byte) ab | id 3 (3 bytes) 01
      02 03 00 00   #   02 03 | padding
      ca fe ba be   # payload
      01            #   (5 bytes)
      00 00 03      # RTP padding, count 3
      """);

  /** RFC 4588 section 4: ORIGINAL retransmitted with PT 97, seq 7 and SSRC 0x01020304. */
  static final byte[] RTX = hex("""
      92 e1 00 07   # V=2 P=0 X=1 CC=2 | M=1 PT=97 | RTX seq 7
      00 01 e2 40   # timestamp kept
      01 02 03 04   # RTX SSRC
      00 00 00 0a   # CSRC 10
      00 00 00 0b   # CSRC 11
      be de 00 02   # extensions kept
      10 ab 32 01
      02 03 00 00
      12 34         # OSN
      ca fe ba be   # original payload
      01
      """);

  /** ORIGINAL as unwrapped from RTX: the padding went away when it was wrapped. */
  static final byte[] ORIGINAL_UNPADDED = hex("""
      92 e0 12 34   # V=2 P=0 X=1 CC=2 | M=1 PT=96 | seq 0x1234
      00 01 e2 40
      de ad be ef
      00 00 00 0a
      00 00 00 0b
      be de 00 02
      10 ab 32 01
      02 03 00 00
      ca fe ba be
      01
      """);

  static Stream<Arguments> buffers() {
    return Stream.of(
        Arguments.of("pooled direct", (Function<byte[], ByteBuf>) b -> pooled(b)),
        Arguments.of("pooled heap", (Function<byte[], ByteBuf>) b -> pooledHeap(b)),
        Arguments.of("unpooled direct", (Function<byte[], ByteBuf>) b ->
            Unpooled.directBuffer(b.length).writeBytes(b)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("buffers")
  @DisplayName("RFC 4588 section 4: wrap, then unwrap in place")
  void wrapsAndUnwrapsWithExtensionsCsrcsAndPadding(String name, Function<byte[], ByteBuf> make) {
    ByteBuf original = make.apply(ORIGINAL);
    ByteBuf rtx = null;
    try {
      RtpPacket packet = RtpPacket.parse(original);
      rtx = RtxPackets.wrap(PooledByteBufAllocator.DEFAULT, packet, 97, RTX_SSRC, 7, 16);
      assertArrayEquals(RTX, bytes(rtx));
      assertTrue(rtx.writableBytes() >= 16, "tailroom for the SRTP tag");
      assertArrayEquals(ORIGINAL, bytes(original), "the original is left alone");

      RtpPacket unwrapped = RtxPackets.unwrap(rtx, 96, ORIGINAL_SSRC);
      assertNotNull(unwrapped);
      assertArrayEquals(ORIGINAL_UNPADDED, bytes(rtx));
      assertEquals(2, rtx.readerIndex(), "the packet now starts after the old OSN");
      assertEquals(2, unwrapped.offset());
      assertEquals(0x1234, unwrapped.sequenceNumber());
      assertEquals(96, unwrapped.payloadType());
      assertTrue(unwrapped.marker());
      assertEquals(ORIGINAL_SSRC, unwrapped.ssrc());
      assertEquals(123456, unwrapped.timestamp());
      assertArrayEquals(new int[] {10, 11}, unwrapped.csrcs());
      assertArrayEquals(new byte[] {1, 2, 3}, bytes(HeaderExtensions.find(unwrapped, 3)));
      assertArrayEquals(hex("ca fe ba be 01"), bytes(unwrapped.payload()));
    } finally {
      original.release();
      if (rtx != null) {
        rtx.release();
      }
    }
  }

  @Test
  void unwrapsAPacketThatDoesNotStartAtIndexZeroAndKeepsItsPadding() {
    byte[] padded = hex("""
        a0 61 00 09   # V=2 P=1 | PT=97 | RTX seq 9
        00 00 00 05   # timestamp
        01 02 03 04   # RTX SSRC
        00 2a         # OSN 42
        77            # payload
        00 02         # padding, count 2
        """);
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer();
    try {
      buf.writeBytes(hex("ee ee ee")).writeBytes(padded).writeBytes(hex("dd"));
      buf.readerIndex(3).writerIndex(3 + padded.length);
      RtpPacket unwrapped = RtxPackets.unwrap(buf, 100, 77);
      assertNotNull(unwrapped);
      assertEquals(5, buf.readerIndex());
      assertEquals(3 + padded.length, buf.writerIndex());
      assertEquals(42, unwrapped.sequenceNumber());
      assertEquals(100, unwrapped.payloadType());
      assertFalse(unwrapped.marker());
      assertEquals(77, unwrapped.ssrc());
      assertEquals(1, unwrapped.payloadLength());
      assertEquals(2, unwrapped.paddingLength());
      assertEquals((byte) 0xee, buf.getByte(2), "nothing before the packet is touched");
      assertEquals((byte) 0xdd, buf.getByte(3 + padded.length), "nor after");
    } finally {
      buf.release();
    }
  }

  @Test
  void wrapsAPacketWithAnEmptyPayload() {
    ByteBuf original = pooled(hex("80 60 00 05 00 00 00 01 00 00 00 02"));
    ByteBuf rtx = null;
    try {
      RtpPacket packet = RtpPacket.parse(original);
      rtx = RtxPackets.wrap(PooledByteBufAllocator.DEFAULT, packet, 97, 3, 65535, 0);
      assertArrayEquals(hex("80 61 ff ff 00 00 00 01 00 00 00 03 00 05"), bytes(rtx));
      RtpPacket back = RtxPackets.unwrap(rtx, 96, 2);
      assertNotNull(back, "an OSN and nothing else is still a retransmission");
      assertEquals(0, back.payloadLength());
      assertArrayEquals(hex("80 60 00 05 00 00 00 01 00 00 00 02"), bytes(rtx));
    } finally {
      original.release();
      if (rtx != null) {
        rtx.release();
      }
    }
  }

  static Stream<Arguments> notRetransmissions() {
    return Stream.of(
        Arguments.of("padding-only probe", hex("""
            a0 61 00 01   # V=2 P=1 | PT=97 | seq 1
            00 00 00 00   # timestamp
            01 02 03 04   # SSRC
            00 00 00 04   # 4 bytes of padding, no payload
            """)),
        Arguments.of("RELIABILITY.md B5 item 58: one payload byte, no whole OSN", hex("""
            80 61 00 01 00 00 00 00 01 02 03 04
            12
            """)),
        Arguments.of("one payload byte before padding", hex("""
            a0 61 00 01 00 00 00 00 01 02 03 04
            12 00 02      # payload 12, padding 2
            """)),
        Arguments.of("header only", hex("80 61 00 01 00 00 00 00 01 02 03 04")),
        Arguments.of("not RTP: version 1", hex("40 61 00 01 00 00 00 00 01 02 03 04 00 01")),
        Arguments.of("extension longer than the packet", hex("""
            90 61 00 01 00 00 00 00 01 02 03 04
            be de 00 04   # claims 16 bytes of extensions
            00 01
            """)),
        Arguments.of("too short for a header", hex("80 61 00 01")),
        Arguments.of("empty", new byte[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notRetransmissions")
  void unwrapRefusesPacketsWithoutAnOsnAndLeavesThemAlone(String name, byte[] input) {
    ByteBuf buf = pooled(input);
    try {
      assertNull(RtxPackets.unwrap(buf, 96, 1));
      assertArrayEquals(input, bytes(buf));
      assertEquals(0, buf.readerIndex());
      assertEquals(input.length, buf.writerIndex());
    } finally {
      buf.release();
    }
  }

  @Test
  void rejectsOutOfRangeArguments() {
    ByteBuf original = pooled(ORIGINAL);
    try {
      RtpPacket packet = RtpPacket.parse(original);
      PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
      Class<IllegalArgumentException> bad = IllegalArgumentException.class;
      assertThrows(bad, () -> RtxPackets.wrap(alloc, packet, 128, 1, 1, 0), "payload type");
      assertThrows(bad, () -> RtxPackets.wrap(alloc, packet, -1, 1, 1, 0), "payload type");
      assertThrows(bad, () -> RtxPackets.wrap(alloc, packet, 97, 1, 65536, 0), "sequence");
      assertThrows(bad, () -> RtxPackets.wrap(alloc, packet, 97, 1, 1, -1), "tailroom");
      assertThrows(bad, () -> RtxPackets.unwrap(original, 128, 1), "payload type");
      assertArrayEquals(ORIGINAL, bytes(original));
    } finally {
      original.release();
    }
  }

  @Test
  void aLongHeaderExtensionMovesIntact() {
    // 200 words of extension data: the in-place move copies in 8-byte steps plus a remainder.
    ByteBuf original = PooledByteBufAllocator.DEFAULT.buffer();
    ByteBuf rtx = null;
    try {
      original.writeBytes(hex("90 60 00 01 00 00 00 02 00 00 00 03 10 00 00 c8"));
      for (int i = 0; i < 800; i++) {
        original.writeByte(i * 7);
      }
      original.writeBytes(hex("01 02 03"));
      byte[] before = bytes(original);
      rtx = RtxPackets.wrap(PooledByteBufAllocator.DEFAULT, RtpPacket.parse(original), 97, 9, 1, 0);
      assertNotNull(RtxPackets.unwrap(rtx, 96, 3));
      assertArrayEquals(before, bytes(rtx));
    } finally {
      original.release();
      if (rtx != null) {
        rtx.release();
      }
    }
  }
}
