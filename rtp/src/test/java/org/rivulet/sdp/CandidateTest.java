package org.rivulet.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateTest {

  @Test
  @DisplayName("RFC 8839 section 5.1: every field of a relayed candidate")
  void relay() throws SdpParseException {
    Candidate c = Candidate.parse("2157334355 1 udp 33562367 198.51.100.9 3478 typ relay raddr 203.0.113.7 rport 46154"
        + " generation 2 ufrag Gt0v network-id 1");
    assertEquals("2157334355", c.foundation());
    assertEquals(1, c.component());
    assertEquals("udp", c.transport());
    assertTrue(c.isUdp());
    assertEquals(33562367L, c.priority());
    assertEquals("198.51.100.9", c.address());
    assertEquals(3478, c.port());
    assertEquals(CandidateType.RELAY, c.type());
    assertEquals("203.0.113.7", c.relatedAddress());
    assertEquals(46154, c.relatedPort());
    assertNull(c.tcpType());
    assertEquals(2, c.generation());
    assertEquals(List.of("ufrag", "network-id"), List.copyOf(c.extensions().keySet()));
  }

  @Test
  @DisplayName("the trickle form of Kurento's IceCandidate.candidate, with and without prefix")
  void trickleForm() throws SdpParseException {
    String kurento = "candidate:1 1 UDP 2015363327 192.168.1.10 40000 typ host";
    Candidate c = Candidate.parse(kurento);
    assertEquals(Candidate.host("1", 1, "UDP", 2015363327L, "192.168.1.10", 40000), c);
    assertEquals(kurento, c.toIceCandidateString());
    assertEquals("1 1 UDP 2015363327 192.168.1.10 40000 typ host", c.format());
    assertEquals(c, Candidate.parse(c.format()));
    assertEquals(c, Candidate.parse("a=" + kurento));
    assertEquals("a=" + kurento, SdpWriter.attributeLine(c));
  }

  @Test
  @DisplayName("RFC 6544: TCP candidates with tcptype; IPv6 and mDNS addresses")
  void tcpAndAddresses() throws SdpParseException {
    Candidate tcp = Candidate.parse("candidate:3 1 TCP 1010827519 2001:db8::5 43917 typ host tcptype passive");
    assertTrue(tcp.isTcp());
    assertEquals("passive", tcp.tcpType());
    assertEquals("2001:db8::5", tcp.address());
    Candidate mdns = Candidate.parse("candidate:9 1 udp 2113937151 3b2c1d0e-aaaa-4bbb-8ccc-1234567890ab.local 5000 typ host");
    assertTrue(mdns.address().endsWith(".local"));
  }

  @Test
  @DisplayName("format writes raddr, rport, tcptype, generation, then the other extensions in order")
  void formatOrder() throws SdpParseException {
    Candidate c = Candidate.parse(
        "7 2 tcp 5 10.0.0.1 9 typ srflx network-cost 50 generation 0 tcptype active rport 9 raddr 10.0.0.2");
    assertEquals("7 2 tcp 5 10.0.0.1 9 typ srflx raddr 10.0.0.2 rport 9 tcptype active generation 0 network-cost 50",
        c.format());
    assertEquals(c, Candidate.parse(c.format()));
  }

  @Test
  @DisplayName("candidate type and tcptype are case-insensitive; the type is written lower case")
  void caseInsensitive() throws SdpParseException {
    Candidate c = Candidate.parse("1 1 UDP 1 10.0.0.1 1 typ HOST");
    assertEquals(CandidateType.HOST, c.type());
    assertTrue(c.format().endsWith("typ host"));
    assertEquals("active", Candidate.parse("1 1 TCP 1 10.0.0.1 9 typ host tcptype ACTIVE").tcpType());
  }

  @Test
  @DisplayName("extensions are copied and cannot change afterwards")
  void immutable() {
    Candidate c = new Candidate("1", 1, "UDP", 1, "10.0.0.1", 1, CandidateType.HOST, null, null, null, null,
        new java.util.LinkedHashMap<>(Map.of("a", "b")));
    assertThrows(UnsupportedOperationException.class, () -> c.extensions().put("x", "y"));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("prefix only", "candidate:"),
        Arguments.of("too few fields", "candidate:1 1 udp 1 10.0.0.1 5000 typ"),
        Arguments.of("typ keyword missing", "1 1 udp 1 10.0.0.1 5000 type host"),
        Arguments.of("component 0", "1 0 udp 1 10.0.0.1 5000 typ host"),
        Arguments.of("component 257", "1 257 udp 1 10.0.0.1 5000 typ host"),
        Arguments.of("priority above 2^32-1", "1 1 udp 4294967296 10.0.0.1 5000 typ host"),
        Arguments.of("priority negative", "1 1 udp -1 10.0.0.1 5000 typ host"),
        Arguments.of("port 65536", "1 1 udp 1 10.0.0.1 65536 typ host"),
        Arguments.of("unknown candidate type", "1 1 udp 1 10.0.0.1 5000 typ turn"),
        Arguments.of("foundation of 33 characters", "f".repeat(33) + " 1 udp 1 10.0.0.1 5000 typ host"),
        Arguments.of("foundation with a dash", "a-b 1 udp 1 10.0.0.1 5000 typ host"),
        Arguments.of("transport not a token", "1 1 u/dp 1 10.0.0.1 5000 typ host"),
        Arguments.of("extension without value", "1 1 udp 1 10.0.0.1 5000 typ host generation"),
        Arguments.of("rport not a number", "1 1 udp 1 10.0.0.1 5000 typ srflx raddr 10.0.0.2 rport x"),
        Arguments.of("unknown tcptype", "1 1 tcp 1 10.0.0.1 9 typ host tcptype both"),
        Arguments.of("generation negative", "1 1 udp 1 10.0.0.1 5000 typ host generation -1"),
        Arguments.of("repeated extension", "1 1 udp 1 10.0.0.1 5000 typ host network-id 1 network-id 2"),
        Arguments.of("repeated raddr", "1 1 udp 1 10.0.0.1 5000 typ srflx raddr 1.1.1.1 raddr 2.2.2.2"),
        Arguments.of("NUL byte", "1 1 udp 1 10.0.0.1 5000 typ host\0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void rejected(String name, String text) {
    SdpParseException e = assertThrows(SdpParseException.class, () -> Candidate.parse(text));
    assertEquals(SdpParseException.Reason.BAD_CANDIDATE, e.reason(), e.getMessage());
    assertEquals(0, e.line());
  }

  @ParameterizedTest
  @ValueSource(strings = {"raddr", "rport", "tcptype", "generation"})
  @DisplayName("named fields cannot hide in the extension map")
  void namedFieldsNotExtensions(String name) {
    assertThrows(IllegalArgumentException.class, () -> new Candidate("1", 1, "UDP", 1, "10.0.0.1", 1,
        CandidateType.HOST, null, null, null, null, Map.of(name, "1")));
  }
}
