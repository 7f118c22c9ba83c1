package org.rivulet.elements.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.MediaType;
import org.rivulet.ice.agent.CandidateType;
import org.rivulet.ice.agent.RemoteCandidate;
import org.rivulet.ice.agent.TransportProtocol;

/** The records refuse figures no RTP or ICE stack can produce. */
class StatsRecordsTest {
  @Test
  void ssrcIsUnsigned32Bits() {
    assertThrows(IllegalArgumentException.class, () -> inbound(-1, MediaType.AUDIO, 0));
    assertThrows(IllegalArgumentException.class, () -> inbound(1L << 32, MediaType.AUDIO, 0));
    assertEquals(0xFFFF_FFFFL, inbound(0xFFFF_FFFFL, MediaType.AUDIO, 0).ssrc());
  }

  @Test
  void rtpIsAudioOrVideo() {
    assertThrows(IllegalArgumentException.class, () -> inbound(1, MediaType.DATA, 0));
    assertThrows(IllegalArgumentException.class, () -> inbound(1, null, 0));
  }

  @Test
  void fractionLostIsPer256() {
    assertThrows(IllegalArgumentException.class, () -> inbound(1, MediaType.VIDEO, 256));
    assertThrows(IllegalArgumentException.class, () -> new OutboundRtpCounters(1,
        MediaType.VIDEO, 0, 0, 0, -1, RtcpFeedbackCounts.NONE, 0, 0, 0, 0, 0));
    assertEquals(255, inbound(1, MediaType.VIDEO, 255).fractionLost());
  }

  @Test
  void countersAreNotNegative() {
    assertThrows(IllegalArgumentException.class, () -> new RtcpFeedbackCounts(-1, 0, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new TransportCounters(-5, 0, false, null));
    assertThrows(IllegalArgumentException.class, () -> new DataChannelCounters(0, "l", "",
        DataChannelCounters.State.OPEN, 0, -1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new DataChannelCounters(65536, "l", "",
        DataChannelCounters.State.OPEN, 0, 0, 0, 0));
  }

  @Test
  void candidateFromTheIceAgentsRemoteCandidate() {
    RemoteCandidate rc = new RemoteCandidate("1", 1, TransportProtocol.UDP, 1694498815L,
        new InetSocketAddress("203.0.113.9", 61000), CandidateType.SERVER_REFLEXIVE,
        new InetSocketAddress("10.0.0.2", 5000), null, null);
    assertEquals(new IceCandidateInfo("203.0.113.9", 61000, TransportProtocol.UDP,
        CandidateType.SERVER_REFLEXIVE, 1694498815L, ""), IceCandidateInfo.of(rc));
    assertThrows(IllegalArgumentException.class, () -> new IceCandidateInfo("::1", 65536,
        TransportProtocol.UDP, CandidateType.HOST, 1, ""));
  }

  private static InboundRtpCounters inbound(long ssrc, MediaType kind, int fractionLost) {
    return new InboundRtpCounters(ssrc, kind, 0, 0, 0, fractionLost, 0,
        RtcpFeedbackCounts.NONE, 0);
  }
}
