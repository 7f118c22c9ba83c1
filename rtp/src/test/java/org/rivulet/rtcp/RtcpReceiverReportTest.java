package org.rivulet.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rivulet.rtcp.RtcpTesting.assertRoundTrip;
import static org.rivulet.rtcp.RtcpTesting.encode;
import static org.rivulet.rtcp.RtcpTesting.parseSingle;
import static org.rivulet.rtcp.RtcpTesting.reasonFor;
import static org.rivulet.rtp.testing.TestBytes.hex;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpReceiverReportTest {

  static final byte[] EMPTY_RECEIVER_REPORT = hex("""
      80 c9 00 01   # V=2 P=0 RC=0 | PT=201 | length 1 (8 bytes)
      00 00 00 01   # SSRC of packet sender
      """);

  static final byte[] RECEIVER_REPORT = hex("""
      81 c9 00 07   # RC=1 | PT=201 | length 7 (32 bytes)
      00 00 00 01   # SSRC of packet sender
      12 34 56 78   # report block: SSRC_1
      ff 80 00 00   # fraction lost 255/256 | cumulative lost -8388608 (most negative)
      ff ff ff ff   # extended highest sequence number
      00 00 00 00   # jitter
      00 00 00 00   # last SR: none yet
      00 00 00 00   # delay since last SR
      """);

  @Test
  @DisplayName("RFC 3550 section 6.4.2: receiver report without blocks, as browsers send it")
  void parsesAnEmptyReport() {
    RtcpReceiverReport rr = parseSingle(EMPTY_RECEIVER_REPORT, RtcpReceiverReport.class);
    assertEquals(new RtcpReceiverReport(1, List.of()), rr);
    assertArrayEquals(EMPTY_RECEIVER_REPORT, encode(rr));
  }

  @Test
  @DisplayName("RFC 3550 section 6.4.2: receiver report with one block")
  void parsesAReportBlock() {
    RtcpReceiverReport rr = parseSingle(RECEIVER_REPORT, RtcpReceiverReport.class);
    assertEquals(RtcpPacket.RR, rr.packetType());
    assertEquals(List.of(new RtcpReportBlock(0x12345678, 255, RtcpReportBlock.MIN_CUMULATIVE_LOST,
        0xffffffffL, 0, 0, 0)), rr.reportBlocks());
    assertArrayEquals(RECEIVER_REPORT, encode(rr));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("RC=1 without the block", hex("""
            81 c9 00 01   # RC=1 | PT=201 | length 1 (8 bytes)
            00 00 00 01   # SSRC of packet sender, and no block
            """)),
        Arguments.of("RC=31 with one block", hex("""
            9f c9 00 07   # RC=31 | PT=201 | length 7 (32 bytes)
            00 00 00 01   # SSRC of packet sender
            00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # one block
            """)),
        Arguments.of("no sender SSRC", hex("""
            80 c9 00 00   # RC=0 | PT=201 | length 0 (header only)
            """)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("RELIABILITY.md B7 item 72: report counts checked against the bytes")
  void dropsMalformedReports(String name, byte[] packet) {
    assertEquals(RtcpDropReason.BAD_RECEIVER_REPORT, reasonFor(packet), name);
  }

  @Test
  void roundTripsAFullReport() {
    RtcpReportBlock block = new RtcpReportBlock(9, 1, RtcpReportBlock.MAX_CUMULATIVE_LOST, 1, 2, 3, 4);
    assertRoundTrip(new RtcpReceiverReport(-7, Collections.nCopies(31, block)));
    assertThrows(IllegalArgumentException.class,
        () -> new RtcpReceiverReport(1, Collections.nCopies(32, block)));
  }
}
