package org.rivulet.rtp.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rivulet.rtcp.RtcpReportBlock;

@DisplayName("RFC 3550 appendix A: receiver statistics")
class RtpReceiveStatsTest {
  private static final long MS = 1_000_000L;

  @Test
  void countsLossAndTheFractionSinceTheLastReport() {
    RtpReceiveStats s = new RtpReceiveStats(7, 90000);
    for (int seq = 100; seq < 200; seq++) {
      if (seq % 10 != 5) {   // lose one packet in ten (never the first)
        s.packet(seq, seq * 3000L, seq * 33 * MS);
      }
    }
    RtcpReportBlock block = s.reportBlock(0);
    assertEquals(7, block.ssrc());
    assertEquals(199, block.extendedHighestSequence());
    assertEquals(10, block.cumulativeLost());
    assertEquals(25, block.fractionLost(), "10 of 100 is 25/256");
    for (int seq = 200; seq < 300; seq++) {
      s.packet(seq, seq * 3000L, seq * 33 * MS);
    }
    assertEquals(0, s.reportBlock(0).fractionLost(), "no loss since the last report");
  }

  @Test
  void extendsTheSequenceNumberAcrossTheWrap() {
    RtpReceiveStats s = new RtpReceiveStats(1, 48000);
    for (int i = 0; i < 20; i++) {
      s.packet((65530 + i) & 0xffff, i * 960L, i * 20 * MS);
    }
    assertEquals(0x10000 + 13, s.extendedHighestSequence());
    assertEquals(0, s.reportBlock(0).cumulativeLost());
  }

  @Test
  void reorderedAndDuplicatedPacketsDoNotMoveTheHighestSequence() {
    RtpReceiveStats s = new RtpReceiveStats(1, 90000);
    s.packet(10, 0, 0);
    s.packet(12, 0, 0);
    s.packet(11, 0, 0);
    s.packet(12, 0, 0);
    assertEquals(12, s.extendedHighestSequence());
    assertEquals(4, s.received());
  }

  @Test
  void jitterGrowsWithIrregularArrivals() {
    RtpReceiveStats steady = new RtpReceiveStats(1, 90000);
    RtpReceiveStats shaky = new RtpReceiveStats(2, 90000);
    for (int i = 0; i < 100; i++) {
      steady.packet(i, i * 3000L, i * 33_333_333L);
      shaky.packet(i, i * 3000L, i * 33_333_333L + (i % 2 == 0 ? 0 : 15 * MS));
    }
    assertTrue(steady.jitter() < 10, "steady jitter " + steady.jitter());
    assertTrue(shaky.jitter() > 500, "shaky jitter " + shaky.jitter());
  }

  @Test
  void reportsTheLastSenderReportAndTheDelaySinceIt() {
    RtpReceiveStats s = new RtpReceiveStats(1, 90000);
    s.packet(1, 0, 0);
    long ntp = 0x0001_2345_6789_ABCDL;
    s.senderReport(ntp, 1000 * MS);
    RtcpReportBlock block = s.reportBlock(1500 * MS);
    assertEquals(0x2345_6789L, block.lastSenderReport());
    assertEquals(32768, block.delaySinceLastSenderReport(), "half a second in 1/65536 s");
  }
}
