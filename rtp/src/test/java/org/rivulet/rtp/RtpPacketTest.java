package org.rivulet.rtp;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {

  static Stream<Arguments> validPackets() {
    return Stream.of(
        Arguments.of("minimal header and payload", hex("""
            80 60 12 34   # V=2 P=0 X=0 CC=0 | M=0 PT=96 | sequence number 0x1234
            00 01 e2 40   # timestamp 123456
            de ad be ef   # SSRC
            ca fe         # payload
            """), 12, 2, 0),
        Arguments.of("header only, empty payload", hex("""
            80 60 00 01   # V=2 | PT=96 | seq 1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            """), 12, 0, 0),
        Arguments.of("marker and two CSRCs", hex("""
            82 ef 00 01   # V=2 CC=2 | M=1 PT=111 | seq 1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 0a   # CSRC 10
            00 00 00 0b   # CSRC 11
            ff            # payload
            """), 20, 1, 0),
        Arguments.of("CC=15 with every CSRC present", hex("""
            8f 60 00 01   # V=2 CC=15 | PT=96 | seq 1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 01  00 00 00 02  00 00 00 03  00 00 00 04  00 00 00 05   # CSRCs 1..5
            00 00 00 06  00 00 00 07  00 00 00 08  00 00 00 09  00 00 00 0a   # CSRCs 6..10
            00 00 00 0b  00 00 00 0c  00 00 00 0d  00 00 00 0e  00 00 00 0f   # CSRCs 11..15
            """), 72, 0, 0),
        Arguments.of("one-byte extension then payload", hex("""
            90 60 00 02   # V=2 X=1 | PT=96 | seq 2
            00 00 00 10   # timestamp
            11 22 33 44   # SSRC
            be de 00 01   # profile 0xBEDE | 1 word of extension data
            10 aa 00 00   # ID=1 L=0 data aa | two padding bytes
            01 02 03 04   # payload
            """), 20, 4, 0),
        Arguments.of("empty extension block", hex("""
            90 60 00 05   # V=2 X=1 | PT=96 | seq 5
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            be de 00 00   # profile 0xBEDE | 0 words
            01            # payload
            """), 16, 1, 0),
        Arguments.of("extension of another profile", hex("""
            90 60 00 05   # V=2 X=1 | PT=96 | seq 5
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 01 00 01   # profile 0x0001 | 1 word
            aa bb cc dd   # opaque extension data
            """), 20, 0, 0),
        Arguments.of("four bytes of padding", hex("""
            a0 60 00 03   # V=2 P=1 | PT=96 | seq 3
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            de ad         # payload
            00 00 00 04   # padding, count 4 (itself included)
            """), 12, 2, 4),
        Arguments.of("padding-only probe, count equal to everything after the header", hex("""
            a0 60 00 04   # V=2 P=1 | PT=96 | seq 4
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 00   # padding
            00 00 00 08   # padding, count 8
            """), 12, 0, 8),
        Arguments.of("CSRC, extension and padding together", hex("""
            b1 60 00 06   # V=2 P=1 X=1 CC=1 | PT=96 | seq 6
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 02   # CSRC
            be de 00 01   # profile 0xBEDE | 1 word
            20 01 00 00   # ID=2 L=0 data 01 | two padding bytes
            ff ee         # payload
            00 02         # padding, count 2
            """), 24, 2, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPackets")
  void parsesValidPackets(String name, byte[] packet, int header, int payload, int padding) {
    ByteBuf buf = pooled(packet);
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertNotNull(rtp, name);
      assertNull(RtpPacket.validate(buf, 0, packet.length));
      assertEquals(header, rtp.headerLength(), "header length");
      assertEquals(payload, rtp.payloadLength(), "payload length");
      assertEquals(padding, rtp.paddingLength(), "padding length");
      assertEquals(packet.length, rtp.headerLength() + rtp.payloadLength() + rtp.paddingLength());
      assertEquals(RtpPacket.VERSION, rtp.version());
      assertEquals(0, buf.readerIndex(), "parse does not move the reader index");
    } finally {
      buf.release();
    }
  }

  static Stream<Arguments> invalidPackets() {
    return Stream.of(
        Arguments.of("empty", hex(""), RtpDropReason.TOO_SHORT),
        Arguments.of("eleven bytes", hex("""
            80 60 00 01   # V=2 | PT=96 | seq 1
            00 00 00 00   # timestamp
            00 00 00      # SSRC cut short
            """), RtpDropReason.TOO_SHORT),
        Arguments.of("version 0", hex("""
            00 60 00 01   # V=0
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            """), RtpDropReason.BAD_VERSION),
        Arguments.of("version 3", hex("""
            c0 60 00 01   # V=3
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            """), RtpDropReason.BAD_VERSION),
        Arguments.of("version checked before the CSRC count", hex("""
            4f 60 00 01   # V=1 CC=15
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            """), RtpDropReason.BAD_VERSION),
        Arguments.of("CC=15 on a 12-byte packet", hex("""
            8f 60 00 01   # V=2 CC=15
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC, and no CSRC at all
            """), RtpDropReason.BAD_CSRC_COUNT),
        Arguments.of("CC=2 with one CSRC present", hex("""
            82 60 00 01   # V=2 CC=2
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 0a   # the only CSRC
            """), RtpDropReason.BAD_CSRC_COUNT),
        Arguments.of("X=1 without room for the extension header", hex("""
            90 60 00 01   # V=2 X=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            be de         # half an extension header
            """), RtpDropReason.BAD_EXTENSION_LENGTH),
        Arguments.of("X=1 with extension length 0xFFFF", hex("""
            90 60 00 01   # V=2 X=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            be de ff ff   # profile 0xBEDE | 65535 words
            10 aa 00 00   # 4 bytes present
            """), RtpDropReason.BAD_EXTENSION_LENGTH),
        Arguments.of("X=1 with the extension one word past the end", hex("""
            90 60 00 01   # V=2 X=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            be de 00 02   # profile 0xBEDE | 2 words
            10 aa 00 00   # only 1 word present
            """), RtpDropReason.BAD_EXTENSION_LENGTH),
        Arguments.of("X=1 behind CSRCs that leave no room", hex("""
            91 60 00 01   # V=2 X=1 CC=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 02   # CSRC, then nothing for the extension header
            """), RtpDropReason.BAD_EXTENSION_LENGTH),
        Arguments.of("P=1 on a header-only packet", hex("""
            a0 60 00 01   # V=2 P=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC, nothing after it to hold the count
            """), RtpDropReason.BAD_PADDING),
        Arguments.of("P=1 with padding count 0", hex("""
            a0 60 00 01   # V=2 P=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            01 02 00      # payload, then count 0
            """), RtpDropReason.BAD_PADDING),
        Arguments.of("P=1 with padding count larger than the bytes after the header", hex("""
            a0 60 00 01   # V=2 P=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            01 03         # two bytes after the header, count 3
            """), RtpDropReason.BAD_PADDING),
        Arguments.of("P=1 with padding reaching into the CSRC list", hex("""
            a1 60 00 01   # V=2 P=1 CC=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 02   # CSRC
            05            # count 5, one byte after the header
            """), RtpDropReason.BAD_PADDING),
        Arguments.of("P=1 with padding reaching into the extension", hex("""
            b0 60 00 01   # V=2 P=1 X=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            be de 00 01   # profile 0xBEDE | 1 word
            10 aa 00 00   # extension data
            08            # count 8, one byte after the header
            """), RtpDropReason.BAD_PADDING),
        Arguments.of("P=1 with padding count 255 in a short packet", hex("""
            a0 60 00 01   # V=2 P=1
            00 00 00 00   # timestamp
            00 00 00 01   # SSRC
            00 00 00 ff   # count 255, four bytes after the header
            """), RtpDropReason.BAD_PADDING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPackets")
  void dropsInvalidPackets(String name, byte[] packet, RtpDropReason reason) {
    ByteBuf buf = pooled(packet);
    try {
      assertNull(RtpPacket.parse(buf), name);
      assertEquals(reason, RtpPacket.validate(buf, 0, packet.length));
    } finally {
      buf.release();
    }
  }

  @Test
  void writesAPacketWithItsOwnOneByteExtension() {
    ByteBuf in = pooled(hex("b1e01234" + "00000064" + "11223344" + "55667788"
        + "bede0001" + "31aabb00" + "010203" + "0002"));
    ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
    try {
      RtpPacket.parse(in).writeWithOneByteExtension(out, 3, 0xabcdef, 3);
      assertEquals("b1e01234" + "00000064" + "11223344" + "55667788" + "bede0001" + "32abcdef"
          + "010203" + "0002", io.netty.buffer.ByteBufUtil.hexDump(out));
      RtpPacket written = RtpPacket.parse(out);
      assertNotNull(written);
      assertEquals(0xabcdef, org.rivulet.rtp.ext.AbsSendTime.read(written, 3));
      assertEquals(3, written.payloadLength());
    } finally {
      in.release();
      out.release();
    }
  }

  @Test
  void writesAPacketWithoutItsHeaderExtension() {
    // V=2 P=1 X=1 CC=1, M=1 PT=96, seq 0x1234, ts, ssrc, one CSRC, a one-byte extension of one
    // word (id 3, two bytes of data, one of padding), 3 payload bytes, 2 padding bytes.
    ByteBuf in = pooled(hex("b1e01234" + "00000064" + "11223344" + "55667788"
        + "bede0001" + "31aabb00" + "010203" + "0002"));
    ByteBuf out = PooledByteBufAllocator.DEFAULT.heapBuffer();
    try {
      RtpPacket packet = RtpPacket.parse(in);
      assertNotNull(packet);
      packet.writeWithoutExtension(out);
      assertEquals("a1e01234" + "00000064" + "11223344" + "55667788" + "010203" + "0002",
          io.netty.buffer.ByteBufUtil.hexDump(out));
      RtpPacket stripped = RtpPacket.parse(out);
      assertNotNull(stripped);
      assertFalse(stripped.hasExtension());
      assertEquals(3, stripped.payloadLength());
      assertEquals(2, stripped.paddingLength());
    } finally {
      in.release();
      out.release();
    }
  }

  @Test
  void readsEveryHeaderField() {
    ByteBuf buf = pooled(hex("""
        92 ef ab cd   # V=2 P=0 X=1 CC=2 | M=1 PT=111 | sequence number 0xabcd
        fe dc ba 98   # timestamp 0xfedcba98 (above 2^31)
        89 ab cd ef   # SSRC 0x89abcdef (negative as an int)
        00 00 00 0a   # CSRC 10
        ff ff ff ff   # CSRC 0xffffffff
        10 00 00 01   # two-byte profile 0x1000 | 1 word
        01 01 7f 00   # ID=1 L=1 data 7f | pad
        0a 0b 0c      # payload
        """));
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertNotNull(rtp);
      assertEquals(2, rtp.version());
      assertFalse(rtp.hasPadding());
      assertTrue(rtp.hasExtension());
      assertEquals(2, rtp.csrcCount());
      assertTrue(rtp.marker());
      assertEquals(111, rtp.payloadType());
      assertEquals(0xabcd, rtp.sequenceNumber());
      assertEquals(0xfedcba98L, rtp.timestamp());
      assertEquals(0x89abcdef, rtp.ssrc());
      assertEquals(10, rtp.csrc(0));
      assertEquals(-1, rtp.csrc(1));
      assertArrayEquals(new int[] {10, -1}, rtp.csrcs());
      assertThrows(IndexOutOfBoundsException.class, () -> rtp.csrc(2));
      assertThrows(IndexOutOfBoundsException.class, () -> rtp.csrc(-1));
      assertEquals(0x1000, rtp.extensionProfile());
      assertEquals(24, rtp.extensionOffset());
      assertEquals(4, rtp.extensionLength());
      assertEquals(28, rtp.headerLength());
      assertEquals(28, rtp.payloadOffset());
      assertEquals(3, rtp.payloadLength());
      assertArrayEquals(hex("0a 0b 0c"), bytes(rtp.payload()));
      assertEquals(buf, rtp.buffer());
      assertEquals(0, rtp.offset());
      assertEquals(31, rtp.length());
    } finally {
      buf.release();
    }
  }

  @Test
  void withoutExtensionTheExtensionGettersSaySo() {
    ByteBuf buf = pooled(hex("80 60 00 01  00 00 00 00  00 00 00 01  aa"));
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertNotNull(rtp);
      assertEquals(-1, rtp.extensionProfile());
      assertEquals(-1, rtp.extensionOffset());
      assertEquals(0, rtp.extensionLength());
      assertArrayEquals(new int[0], rtp.csrcs());
    } finally {
      buf.release();
    }
  }

  @Test
  void parsesAtAnOffsetWithoutTouchingTheBytesAround() {
    byte[] packet = hex("""
        80 60 00 07   # V=2 | PT=96 | seq 7
        00 00 00 09   # timestamp 9
        00 00 00 01   # SSRC
        11 22 33      # payload
        """);
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(32);
    try {
      buf.writeBytes(hex("ee ee ee ee ee")).writeBytes(packet).writeBytes(hex("ee ee"));
      RtpPacket rtp = RtpPacket.parse(buf, 5, packet.length);
      assertNotNull(rtp);
      assertEquals(5, rtp.offset());
      assertEquals(7, rtp.sequenceNumber());
      assertEquals(17, rtp.payloadOffset());
      assertArrayEquals(hex("11 22 33"), bytes(rtp.payload()));
      rtp.setSequenceNumber(8);
      assertEquals((byte) 0xee, buf.getByte(4));
      assertEquals((byte) 0xee, buf.getByte(20));
      assertEquals(0, buf.readerIndex());
    } finally {
      buf.release();
    }
  }

  @Test
  void settersRewriteInPlace() {
    ByteBuf buf = pooledHeap(hex("""
        a0 60 00 01   # V=2 P=1 | M=0 PT=96 | seq 1
        00 00 00 02   # timestamp 2
        00 00 00 03   # SSRC 3
        aa bb         # payload
        00 02         # padding, count 2
        """));
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertNotNull(rtp);
      rtp.setMarker(true);
      rtp.setPayloadType(111);
      rtp.setSequenceNumber(0xffff);
      rtp.setTimestamp(0xffffffffL);
      rtp.setSsrc(0xcafebabe);
      assertArrayEquals(hex("""
          a0 ef ff ff   # P=1 kept | M=1 PT=111 | seq 65535
          ff ff ff ff   # timestamp 2^32-1
          ca fe ba be   # SSRC
          aa bb 00 02   # payload and padding untouched
          """), bytes(buf));
      rtp.setPayloadType(0);
      assertTrue(rtp.marker(), "the marker survives a payload type change");
      rtp.setMarker(false);
      assertEquals(0, rtp.payloadType(), "the payload type survives a marker change");
      assertEquals(2, rtp.payloadLength());
      assertEquals(2, rtp.paddingLength());
    } finally {
      buf.release();
    }
  }

  @Test
  void rewriteHeaderSetsTheForwardedFieldsAtAnOffsetAndKeepsTheMarker() {
    ByteBuf buf = pooledHeap(hex("""
        ee ee         # bytes before the packet
        80 e0 00 01   # M=1 PT=96 | seq 1
        00 00 00 02   # timestamp 2
        00 00 00 03   # SSRC 3
        aa bb         # payload
        """));
    try {
      RtpPacket.rewriteHeader(buf, 2, 111, 0xffff, 0xffffffffL, 0xcafebabe);
      assertArrayEquals(hex("""
          ee ee
          80 ef ff ff   # M=1 kept | PT=111 | seq 65535
          ff ff ff ff   # timestamp 2^32-1
          ca fe ba be   # SSRC
          aa bb
          """), bytes(buf));
      assertThrows(IllegalArgumentException.class,
          () -> RtpPacket.rewriteHeader(buf, 2, 128, 0, 0, 0));
      assertThrows(IllegalArgumentException.class,
          () -> RtpPacket.rewriteHeader(buf, 2, 0, 0x10000, 0, 0));
      assertThrows(IllegalArgumentException.class,
          () -> RtpPacket.rewriteHeader(buf, 2, 0, 0, 0x100000000L, 0));
    } finally {
      buf.release();
    }
  }

  @Test
  void settersRefuseValuesThatDoNotFit() {
    ByteBuf buf = pooled(hex("80 60 00 01  00 00 00 00  00 00 00 01"));
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertNotNull(rtp);
      assertThrows(IllegalArgumentException.class, () -> rtp.setPayloadType(128));
      assertThrows(IllegalArgumentException.class, () -> rtp.setPayloadType(-1));
      assertThrows(IllegalArgumentException.class, () -> rtp.setSequenceNumber(0x10000));
      assertThrows(IllegalArgumentException.class, () -> rtp.setSequenceNumber(-1));
      assertThrows(IllegalArgumentException.class, () -> rtp.setTimestamp(0x100000000L));
      assertThrows(IllegalArgumentException.class, () -> rtp.setTimestamp(-1));
      assertArrayEquals(hex("80 60 00 01  00 00 00 00  00 00 00 01"), bytes(buf));
    } finally {
      buf.release();
    }
  }

  @Test
  void rangesOutsideTheBufferAreCallerBugs() {
    ByteBuf buf = pooled(hex("80 60 00 01  00 00 00 00  00 00 00 01"));
    try {
      int capacity = buf.capacity();
      assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.parse(buf, -1, 12));
      assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.parse(buf, 0, -1));
      assertThrows(IndexOutOfBoundsException.class, () -> RtpPacket.parse(buf, 1, capacity));
      assertThrows(IndexOutOfBoundsException.class,
          () -> RtpPacket.validate(buf, Integer.MAX_VALUE, 12));
    } finally {
      buf.release();
    }
  }

  static Stream<Arguments> rtcpMuxClassification() {
    return Stream.of(
        Arguments.of("RTCP SR (200)", hex("80 c8"), true),
        Arguments.of("RTCP RR (201)", hex("80 c9"), true),
        Arguments.of("RTCP RTPFB (205)", hex("8f cd"), true),
        Arguments.of("RTCP PSFB (206)", hex("81 ce"), true),
        Arguments.of("lowest RTCP type in range (192)", hex("80 c0"), true),
        Arguments.of("highest RTCP type in range (223)", hex("80 df"), true),
        Arguments.of("RTP PT 96", hex("80 60"), false),
        Arguments.of("RTP PT 96 with marker (224)", hex("80 e0"), false),
        Arguments.of("RTP PT 63 with marker (191)", hex("80 bf"), false),
        Arguments.of("RTP PT 0 (PCMU)", hex("80 00"), false),
        Arguments.of("PT 72 without marker, forbidden for RTP under rtcp-mux", hex("80 48"), true),
        Arguments.of("a single byte", hex("80"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rtcpMuxClassification")
  @DisplayName("RFC 5761 section 4: RTP and RTCP on one port")
  void classifiesRtcpForRtcpMux(String name, byte[] start, boolean rtcp) {
    ByteBuf buf = pooled(start);
    try {
      assertEquals(rtcp, RtpPacket.isRtcp(buf, 0, start.length), name);
    } finally {
      buf.release();
    }
  }

  @Test
  void toStringNamesTheMainFields() {
    ByteBuf buf = pooled(hex("80 e0 00 07  00 00 00 09  ff ff ff ff  01"));
    try {
      RtpPacket rtp = RtpPacket.parse(buf);
      assertNotNull(rtp);
      assertEquals("RtpPacket[ssrc=4294967295, pt=96, seq=7, ts=9, M, header=12, payload=1, padding=0]",
          rtp.toString());
    } finally {
      buf.release();
    }
  }
}
