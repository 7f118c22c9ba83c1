package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.bytes;
import static org.rivulet.rtp.testing.TestBytes.hex;
import static org.rivulet.rtp.testing.TestBytes.pooled;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpCompoundTest {

  /** What a browser sends as receiver: an empty RR, its CNAME, then REMB. */
  static final byte[] BROWSER_COMPOUND = hex("""
      80 c9 00 01   # RR: RC=0 | PT=201 | length 1
      00 00 00 01   #   SSRC of packet sender
      81 ca 00 03   # SDES: SC=1 | PT=202 | length 3
      00 00 00 01   #   SSRC
      01 03 61 62 63 00 00 00   #   CNAME "abc" | END | two null octets
      8f ce 00 05   # REMB: FMT=15 | PT=206 | length 5
      00 00 00 01   #   SSRC of packet sender
      00 00 00 00   #   SSRC of media source
      52 45 4d 42   #   'REMB'
      01 0b d0 90   #   Num SSRC 1 | 1 Mbit/s
      12 34 56 78   #   SSRC feedback
      """);

  private static final String PLI = "81 ce 00 02  00 00 00 01  00 00 00 02";

  @Test
  @DisplayName("RFC 3550 section 6.1: compound of RR, SDES and REMB")
  void parsesABrowserCompound() {
    ByteBuf buf = pooled(BROWSER_COMPOUND);
    try {
      RtcpCompound compound = RtcpCompound.parse(buf);
      assertNotNull(compound);
      assertEquals(RtcpCompound.of(
          new RtcpReceiverReport(1, List.of()),
          RtcpSdes.cname(1, "abc"),
          RtcpRemb.of(1, 1_000_000, List.of(0x12345678))), compound);
      assertEquals(List.of(RtcpSdes.cname(1, "abc")), compound.packetsOf(RtcpSdes.class));
      assertEquals(0, buf.readerIndex());
      assertEquals(BROWSER_COMPOUND.length, compound.encodedLength());
      ByteBuf out = compound.encode(PooledByteBufAllocator.DEFAULT);
      try {
        assertArrayEquals(BROWSER_COMPOUND, bytes(out));
      } finally {
        out.release();
      }
    } finally {
      buf.release();
    }
  }

  static Stream<Arguments> validCompounds() {
    return Stream.of(
        Arguments.of("reduced-size: a lone PLI (RFC 5506, B7 item 82)", hex(PLI),
            List.of("RtcpPli")),
        Arguments.of("header-only packets of length 0 (B7 item 71)", hex("""
            80 cc 00 00   # APP, length 0: the header alone
            80 cc 00 00   # again
            """ + PLI), List.of("RtcpUnknown", "RtcpUnknown", "RtcpPli")),
        Arguments.of("unknown type 195 between valid packets (B7 item 80)", hex("""
            80 c9 00 01  00 00 00 01   # RR
            80 c3 00 01  11 22 33 44   # PT=195: no RFC here defines it
            """ + PLI), List.of("RtcpReceiverReport", "RtcpUnknown", "RtcpPli")),
        Arguments.of("APP packet kept raw (B7 item 75)", hex("""
            80 c9 00 01  00 00 00 01   # RR
            80 cc 00 03   # APP: subtype 0 | PT=204 | length 3
            00 00 00 01   #   SSRC
            6e 61 6d 65   #   name "name"
            01 02 03      #   odd application data...
            """ + "00"), List.of("RtcpReceiverReport", "RtcpUnknown")),
        Arguments.of("XR kept raw (B7 item 79)", hex("""
            80 cf 00 03   # XR | PT=207 | length 3
            00 00 00 01   #   SSRC
            ff 00 00 01   #   block type 255 | length 1 word
            ee ee ee ee   #   block contents
            """), List.of("RtcpUnknown")),
        Arguments.of("TMMBR (RTPFB FMT=3) kept raw", hex("""
            83 cd 00 04  00 00 00 01  00 00 00 00   # TMMBR header
            00 00 00 02  04 00 00 28                 # FCI
            """), List.of("RtcpUnknown")),
        Arguments.of("padding on the last packet", hex("""
            80 c9 00 01  00 00 00 01   # RR
            a1 ce 00 03   # PLI with P=1 | length 3
            00 00 00 01   #   SSRC of packet sender
            00 00 00 02   #   SSRC of media source
            00 00 00 04   #   padding, count 4
            """), List.of("RtcpReceiverReport", "RtcpPli")),
        Arguments.of("padding taking a whole unknown packet's body", hex("""
            a0 cc 00 01   # APP with P=1 | length 1
            00 00 00 04   #   padding, count 4
            """), List.of("RtcpUnknown")),
        Arguments.of("256 packets, the most accepted", hex("80 cc 00 00 ".repeat(256)),
            Collections.nCopies(256, "RtcpUnknown")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCompounds")
  void acceptsValidCompounds(String name, byte[] bytes, List<String> types) {
    ByteBuf buf = pooled(bytes);
    try {
      RtcpCompound compound = RtcpCompound.parse(buf);
      assertNotNull(compound, () -> name + ": " + RtcpCompound.validate(buf, 0, bytes.length));
      assertNull(RtcpCompound.validate(buf, 0, bytes.length));
      List<String> seen = new ArrayList<>();
      for (RtcpPacket packet : compound.packets()) {
        seen.add(packet.getClass().getSimpleName());
      }
      assertEquals(types, seen, name);
      ByteBuf out = compound.encode(PooledByteBufAllocator.DEFAULT);
      try {
        assertEquals(compound, RtcpCompound.parse(out), "round trip");
      } finally {
        out.release();
      }
    } finally {
      buf.release();
    }
  }

  static Stream<Arguments> invalidCompounds() {
    return Stream.of(
        Arguments.of("empty", hex(""), RtcpDropReason.TOO_SHORT),
        Arguments.of("three bytes", hex("80 c9 00"), RtcpDropReason.TOO_SHORT),
        Arguments.of("a valid PLI and two stray bytes", hex(PLI + " 80 c9"), RtcpDropReason.TOO_SHORT),
        Arguments.of("version 1", hex("""
            41 ce 00 02  00 00 00 01  00 00 00 02   # V=1 PLI
            """), RtcpDropReason.BAD_VERSION),
        Arguments.of("second packet with version 0", hex(PLI + """
            01 ce 00 02  00 00 00 01  00 00 00 02   # V=0
            """), RtcpDropReason.BAD_VERSION),
        Arguments.of("length beyond the bytes (B7 item 70)", hex("""
            81 ce 00 03   # length 3: 16 bytes
            00 00 00 01  00 00 00 02   # 12 present
            """), RtcpDropReason.BAD_LENGTH),
        Arguments.of("length 0xFFFF in a small datagram", hex(PLI + """
            80 c9 ff ff  00 00 00 01   # RR claiming 256 KiB
            """), RtcpDropReason.BAD_LENGTH),
        Arguments.of("padding on a packet that is not the last (B7 item 81)", hex("""
            a1 ce 00 03  00 00 00 01  00 00 00 02  00 00 00 04   # PLI with P=1
            """ + PLI), RtcpDropReason.BAD_PADDING),
        Arguments.of("padding count 0", hex("""
            a1 ce 00 03  00 00 00 01  00 00 00 02  00 00 00 00   # P=1, count 0
            """), RtcpDropReason.BAD_PADDING),
        Arguments.of("padding count larger than the body", hex("""
            a1 ce 00 02  00 00 00 01  00 00 00 09   # P=1, count 9 of 8 body bytes
            """), RtcpDropReason.BAD_PADDING),
        Arguments.of("padding bit on a header-only packet", hex("""
            a0 cc 00 00   # P=1 and no body: the count would be the header's own byte
            """), RtcpDropReason.BAD_PADDING),
        Arguments.of("257 packets", hex("80 cc 00 00 ".repeat(257)), RtcpDropReason.TOO_MANY_PACKETS),
        Arguments.of("a bad NACK after a good PLI spoils the compound", hex(PLI + """
            81 cd 00 02  00 00 00 01  00 00 00 02   # NACK without FCI
            """), RtcpDropReason.BAD_NACK));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCompounds")
  @DisplayName("RELIABILITY.md B7: one bad sub-packet drops the whole compound")
  void rejectsInvalidCompounds(String name, byte[] bytes, RtcpDropReason reason) {
    assertEquals(reason, reasonFor(bytes), name);
  }

  @Test
  void roundTripsEveryPacketType() {
    RtcpCompound compound = RtcpCompound.of(
        new RtcpSenderReport(1, 2, 3, 4, 5,
            List.of(new RtcpReportBlock(6, 7, -8, 9, 10, 11, 12))),
        new RtcpReceiverReport(13, List.of(new RtcpReportBlock(14, 15, 16, 17, 18, 19, 20))),
        RtcpSdes.cname(21, "cname"),
        RtcpBye.of(List.of(22, 23), "bye"),
        RtcpNack.of(24, 25, 100, 101, 200),
        new RtcpPli(26, 27),
        RtcpFir.of(28, 29, 30),
        RtcpRemb.of(31, 2_500_000, List.of(32, 33)),
        new RtcpTransportCc.Builder(34, 35, 36, 37, 38)
            .received(1).notReceived().received(-300).build());
    ByteBuf out = compound.encode(PooledByteBufAllocator.DEFAULT);
    try {
      assertEquals(compound.encodedLength(), out.readableBytes());
      assertEquals(compound, RtcpCompound.parse(out));
    } finally {
      out.release();
    }
  }

  @Test
  void parsesAtAnOffsetAndWritesIntoAGivenBuffer() {
    byte[] pli = hex(PLI);
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer();
    ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
    try {
      buf.writeBytes(hex("ff ff ff")).writeBytes(pli).writeBytes(hex("ff"));
      RtcpCompound compound = RtcpCompound.parse(buf, 3, pli.length);
      assertEquals(RtcpCompound.of(new RtcpPli(1, 2)), compound);
      out.writeByte(0xee);
      compound.writeTo(out);
      assertArrayEquals(hex("ee " + PLI), bytes(out));
    } finally {
      out.release();
      buf.release();
    }
  }

  @Test
  void rangesOutsideTheBufferAreCallerBugs() {
    ByteBuf buf = pooled(hex(PLI));
    try {
      int capacity = buf.capacity();
      assertThrows(IndexOutOfBoundsException.class, () -> RtcpCompound.parse(buf, -1, 4));
      assertThrows(IndexOutOfBoundsException.class, () -> RtcpCompound.parse(buf, 0, capacity + 1));
      assertThrows(IndexOutOfBoundsException.class, () -> RtcpCompound.validate(buf, 4, -4));
    } finally {
      buf.release();
    }
  }

  @Test
  void refusesTooManyPackets() {
    assertThrows(IllegalArgumentException.class, () -> new RtcpCompound(
        Collections.nCopies(RtcpCompound.MAX_PACKETS + 1, new RtcpPli(1, 2))));
  }
}
