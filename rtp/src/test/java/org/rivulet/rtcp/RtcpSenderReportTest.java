package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpSenderReportTest {

  static final byte[] SENDER_REPORT = hex("""
      81 c8 00 0c   # V=2 P=0 RC=1 | PT=200 | length 12 (52 bytes)
      12 34 56 78   # SSRC of sender
      e5 4a 2c 80   # NTP timestamp, most significant word
      40 00 00 00   # NTP timestamp, least significant word (0.25 s)
      00 01 e2 40   # RTP timestamp 123456
      00 00 03 e8   # sender's packet count 1000
      00 0f 42 40   # sender's octet count 1000000
      9a bc de f0   # report block: SSRC_1
      05 ff ff fe   # fraction lost 5/256 | cumulative lost -2
      00 01 10 00   # extended highest sequence number: 1 cycle, seq 4096
      00 00 00 20   # interarrival jitter 32
      4a 2c 80 40   # last SR
      00 01 80 00   # delay since last SR, 1.5 s in 1/65536 s
      """);

  @Test
  @DisplayName("RFC 3550 section 6.4.1: sender report with one report block")
  void parsesEveryField() {
    RtcpSenderReport sr = parseSingle(SENDER_REPORT, RtcpSenderReport.class);
    assertEquals(RtcpPacket.SR, sr.packetType());
    assertEquals(0x12345678, sr.senderSsrc());
    assertEquals(0xe54a2c8040000000L, sr.ntpTimestamp());
    assertEquals(123456, sr.rtpTimestamp());
    assertEquals(1000, sr.packetCount());
    assertEquals(1_000_000, sr.octetCount());
    assertEquals(List.of(new RtcpReportBlock(0x9abcdef0, 5, -2, 0x11000, 32, 0x4a2c8040L, 0x18000)),
        sr.reportBlocks());
  }

  @Test
  void writesTheSameBytes() {
    assertArrayEquals(SENDER_REPORT, encode(parseSingle(SENDER_REPORT, RtcpSenderReport.class)));
  }

  @Test
  void dropsProfileSpecificExtensionsAfterTheBlocks() {
    RtcpSenderReport sr = parseSingle(hex("""
        80 c8 00 07   # RC=0 | PT=200 | length 7 (32 bytes)
        00 00 00 01   # SSRC of sender
        00 00 00 02 00 00 00 03   # NTP timestamp
        00 00 00 04   # RTP timestamp
        00 00 00 05   # packet count
        00 00 00 06   # octet count
        ee ee ee ee   # profile-specific extension
        """), RtcpSenderReport.class);
    assertEquals(new RtcpSenderReport(1, 0x0000000200000003L, 4, 5, 6, List.of()), sr);
    assertEquals(28, sr.encodedLength());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("RC=31 and no report blocks", hex("""
            9f c8 00 06   # RC=31 | PT=200 | length 6 (28 bytes)
            00 00 00 01   # SSRC of sender
            00 00 00 00 00 00 00 00   # NTP timestamp
            00 00 00 00   # RTP timestamp
            00 00 00 00   # packet count
            00 00 00 00   # octet count, and then nothing
            """)),
        Arguments.of("RC=1 with the block four bytes short", hex("""
            81 c8 00 0b   # RC=1 | PT=200 | length 11 (48 bytes)
            00 00 00 01   # SSRC of sender
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # sender info
            00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # 20 of 24 block bytes
            """)),
        Arguments.of("sender info cut short", hex("""
            80 c8 00 02   # RC=0 | PT=200 | length 2 (12 bytes)
            00 00 00 01   # SSRC of sender
            00 00 00 00   # first word of the NTP timestamp only
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("RELIABILITY.md B7 item 72: report counts checked against the bytes")
  void dropsMalformedReports(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_SENDER_REPORT, reasonFor(packet), name);
  }

  @Test
  void roundTripsEmptyAndFullReports() {
    assertRoundTrip(new RtcpSenderReport(-1, -1L, 0xffffffffL, 0, 0xffffffffL, List.of()));
    List<RtcpReportBlock> blocks = new ArrayList<>();
    for (int i = 0; i < RtcpReceiverReport.MAX_REPORT_BLOCKS; i++) {
      blocks.add(new RtcpReportBlock(i, i * 8, i % 2 == 0 ? -i * 1000 : i * 1000,
          0xffff0000L + i, i, 0xffffffffL - i, i * 65536L));
    }
    RtcpSenderReport sr = assertRoundTrip(new RtcpSenderReport(7, 1L << 40, 90000, 10, 10000, blocks));
    assertEquals(4 + 24 + 31 * 24, sr.encodedLength());
  }

  @Test
  void refusesValuesThatDoNotFit() {
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpSenderReport(1, 0, 0x100000000L, 0, 0, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpSenderReport(1, 0, 0, -1, 0, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpSenderReport(1, 0, 0, 0, 0x100000000L, List.of()));
    RtcpReportBlock block = new RtcpReportBlock(1, 0, 0, 0, 0, 0, 0);
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpSenderReport(1, 0, 0, 0, 0, Collections.nCopies(32, block)));
  }
}
