package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 8445 sections 5.1.2 and 6.1.2.3, and the local preference layout of {@link CandidatePriority}. */
class CandidatePriorityTest {

  @Test
  @DisplayName("RFC 8445 section 5.1.2.1: 2^24 type + 2^8 local + (256 - component)")
  void formula() {
    assertEquals((126L << 24) + (65535L << 8) + 255, CandidatePriority.candidatePriority(CandidateType.HOST, 65535, 1));
    assertEquals(254, CandidatePriority.candidatePriority(CandidateType.RELAYED, 0, 2));
    assertTrue(CandidatePriority.candidatePriority(CandidateType.HOST, 0xFFFF, 1) <= CandidatePriority.MAX);
    assertThrows(IllegalArgumentException.class,
        () -> CandidatePriority.candidatePriority(CandidateType.HOST, 65536, 1));
    assertThrows(IllegalArgumentException.class, () -> CandidatePriority.candidatePriority(CandidateType.HOST, 1, 0));
  }

  @Test
  @DisplayName("type preferences order host > prflx > srflx > relay whatever the local preference")
  void typeOrder() {
    long host = CandidatePriority.candidatePriority(CandidateType.HOST, 0, 1);
    long prflx = CandidatePriority.candidatePriority(CandidateType.PEER_REFLEXIVE, 0xFFFF, 1);
    long srflx = CandidatePriority.candidatePriority(CandidateType.SERVER_REFLEXIVE, 0xFFFF, 1);
    long relay = CandidatePriority.candidatePriority(CandidateType.RELAYED, 0xFFFF, 1);
    assertTrue(host > prflx && prflx > srflx && srflx > relay);
  }

  @Test
  @DisplayName("local preference: UDP over TCP, IPv6 over IPv4, then interface rank; TCP directions per RFC 6544")
  void localPreference() {
    int udp6 = CandidatePriority.localPreference(TransportProtocol.UDP, null, true, 0);
    int udp4 = CandidatePriority.localPreference(TransportProtocol.UDP, null, false, 0);
    int udp4second = CandidatePriority.localPreference(TransportProtocol.UDP, null, false, 1);
    int tcpActive = CandidatePriority.localPreference(TransportProtocol.TCP, TcpType.ACTIVE, true, 0);
    int tcpPassive = CandidatePriority.localPreference(TransportProtocol.TCP, TcpType.PASSIVE, true, 0);
    int tcpSo = CandidatePriority.localPreference(TransportProtocol.TCP, TcpType.SIMULTANEOUS_OPEN, true, 0);
    assertEquals(65535, udp6);
    assertTrue(udp6 > udp4 && udp4 > udp4second && udp4second > tcpActive);
    assertTrue(tcpActive > tcpPassive && tcpPassive > tcpSo);
    assertEquals(CandidatePriority.localPreference(TransportProtocol.UDP, null, false, 4095),
        CandidatePriority.localPreference(TransportProtocol.UDP, null, false, 100_000), "ranks saturate");
    assertThrows(IllegalArgumentException.class,
        () -> CandidatePriority.localPreference(TransportProtocol.UDP, null, false, -1));
  }

  @Test
  @DisplayName("RFC 8445 section 6.1.2.3: pair priority, the same number on both sides")
  void pairPriority() {
    long g = 2130706431L;
    long d = 1694498815L;
    assertEquals((d << 32) + 2 * g + 1, CandidatePriority.pairPriority(g, d));
    assertEquals((d << 32) + 2 * g, CandidatePriority.pairPriority(d, g));
    long max = CandidatePriority.pairPriority(CandidatePriority.MAX, CandidatePriority.MAX);
    assertTrue(max > 0, "no overflow at the largest priorities");
  }
}
