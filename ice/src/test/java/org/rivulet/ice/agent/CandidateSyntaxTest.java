package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The candidate text form (RFC 8839 section 5.1): browsers' candidates, our own, round trips, bad input. */
class CandidateSyntaxTest {

  @Test
  @DisplayName("Chrome host candidate with trickle extensions")
  void chromeHost() {
    CandidateParseResult r = CandidateSyntax.parse(
        "candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 ufrag EsAw network-id 1");
    RemoteCandidate c = r.candidate();
    assertEquals("1467250027", c.foundation());
    assertEquals(1, c.component());
    assertEquals(TransportProtocol.UDP, c.protocol());
    assertEquals(2122260223L, c.priority());
    assertEquals(new InetSocketAddress("192.168.0.196", 46243), c.address());
    assertEquals(CandidateType.HOST, c.type());
    assertNull(c.relatedAddress());
    assertNull(c.tcpType());
    assertEquals("EsAw", c.ufrag());
  }

  @Test
  @DisplayName("server-reflexive with related address, SDP line form, upper-case transport")
  void srflxLineForm() {
    RemoteCandidate c = CandidateSyntax.parse(
        "a=candidate:842163049 1 UDP 1677729535 203.0.113.7 46154 typ srflx raddr 192.168.1.5 rport 46154\r\n")
        .candidate();
    assertEquals(TransportProtocol.UDP, c.protocol());
    assertEquals(CandidateType.SERVER_REFLEXIVE, c.type());
    assertEquals(new InetSocketAddress("192.168.1.5", 46154), c.relatedAddress());
  }

  @Test
  @DisplayName("TCP active candidate, IPv6, no prefix")
  void tcpActiveIpv6() throws UnknownHostException {
    RemoteCandidate c = CandidateSyntax.parse("2 1 tcp 1518280447 2001:db8::1 9 typ host tcptype active").candidate();
    assertEquals(TransportProtocol.TCP, c.protocol());
    assertEquals(TcpType.ACTIVE, c.tcpType());
    assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 9), c.address());
  }

  @Test
  @DisplayName("a related address that is an mDNS name is dropped, the candidate kept")
  void mdnsRelatedAddress() {
    RemoteCandidate c = CandidateSyntax.parse(
        "candidate:3 1 udp 1686052607 203.0.113.9 5000 typ srflx raddr 8f1d.local rport 5000").candidate();
    assertNull(c.relatedAddress());
  }

  @Test
  @DisplayName("our host candidates: exact format, and they parse back to the same fields")
  void localFormatRoundTrip() {
    LocalCandidate udp = LocalCandidate.host(new InetSocketAddress("127.0.1.1", 20001),
        new InetSocketAddress("127.0.1.1", 20001).getAddress(), TransportProtocol.UDP, 0);
    long priority = (126L << 24) + ((long) (7 << 13 | 0xFFF) << 8) + 255;
    assertEquals("candidate:" + udp.foundation() + " 1 udp " + priority + " 127.0.1.1 20001 typ host generation 0",
        udp.candidateString());
    assertEquals(udp.candidateString().substring("candidate:".length()), udp.attributeValue());

    LocalCandidate tcp = LocalCandidate.host(new InetSocketAddress("127.0.1.1", 9443),
        new InetSocketAddress("127.0.1.1", 9443).getAddress(), TransportProtocol.TCP, 0);
    assertTrue(tcp.candidateString().endsWith(" tcp " + tcp.priority()
        + " 127.0.1.1 9443 typ host tcptype passive generation 0"), tcp.candidateString());
    assertTrue(tcp.priority() < udp.priority(), "UDP above TCP");
    assertFalse(tcp.foundation().equals(udp.foundation()), "RFC 8445 5.1.1.3: the transport differs");

    for (LocalCandidate local : new LocalCandidate[] {udp, tcp}) {
      RemoteCandidate parsed = CandidateSyntax.parse(local.candidateString()).candidate();
      assertEquals(local.foundation(), parsed.foundation());
      assertEquals(local.priority(), parsed.priority());
      assertEquals(local.protocol(), parsed.protocol());
      assertEquals(local.address(), parsed.address());
      assertEquals(local.type(), parsed.type());
      assertEquals(local.tcpType(), parsed.tcpType());
    }
  }

  @Test
  @DisplayName("server-reflexive candidate of ours: related address is the base")
  void localServerReflexive() {
    LocalCandidate base = LocalCandidate.host(new InetSocketAddress("10.0.0.5", 40000),
        new InetSocketAddress("10.0.0.5", 1).getAddress(), TransportProtocol.UDP, 0);
    LocalCandidate srflx = LocalCandidate.serverReflexive(base, new InetSocketAddress("203.0.113.7", 61000),
        new InetSocketAddress("198.51.100.1", 3478));
    assertEquals(base, srflx.base());
    assertFalse(srflx.isBase());
    assertTrue(srflx.candidateString().contains(" udp " + srflx.priority()
        + " 203.0.113.7 61000 typ srflx raddr 10.0.0.5 rport 40000 generation 0"), srflx.candidateString());
    RemoteCandidate parsed = CandidateSyntax.parse(srflx.candidateString()).candidate();
    assertEquals(base.baseAddress(), parsed.relatedAddress());
    assertThrows(IllegalArgumentException.class, () -> LocalCandidate.serverReflexive(srflx,
        new InetSocketAddress("203.0.113.7", 1), new InetSocketAddress("198.51.100.1", 3478)));
  }

  @Test
  @DisplayName("IPv6 is written compressed without a scope, and the wildcard cannot be a base")
  void ipv6AndWildcard() throws UnknownHostException {
    InetAddress v6 = InetAddress.getByName("2001:db8:0:0:0:0:0:7");
    LocalCandidate c = LocalCandidate.host(new InetSocketAddress(v6, 5000), v6, TransportProtocol.UDP, 0);
    assertTrue(c.candidateString().contains(" 2001:db8::7 5000 "), c.candidateString());
    assertThrows(IllegalArgumentException.class, () -> LocalCandidate.host(new InetSocketAddress("0.0.0.0", 5000),
        InetAddress.getByName("0.0.0.0"), TransportProtocol.UDP, 0));
    assertThrows(IllegalArgumentException.class, () -> LocalCandidate.host(new InetSocketAddress("127.0.0.1", 0),
        InetAddress.getByName("127.0.0.1"), TransportProtocol.UDP, 0));
  }

  @Test
  @DisplayName("remote candidates format and parse back to equal records")
  void remoteRoundTrip() {
    for (String text : new String[] {
        "candidate:1 1 udp 2122260223 192.168.0.196 46243 typ host generation 0",
        "candidate:x/+Y 1 udp 1 192.168.0.196 1 typ prflx generation 0 ufrag abcd",
        "candidate:2 1 tcp 1518280447 2001:db8::1 9 typ host tcptype active generation 0",
        "candidate:3 1 udp 41885439 198.51.100.3 60000 typ relay raddr 203.0.113.4 rport 51000 generation 0"}) {
      RemoteCandidate parsed = CandidateSyntax.parse(text).candidate();
      assertEquals(text, parsed.candidateString());
      assertEquals(parsed, CandidateSyntax.parse(parsed.candidateString()).candidate());
    }
  }

  static Stream<Arguments> badCandidates() {
    String ok = "1 1 udp 2122260223 192.168.0.1 5000 typ host";
    return Stream.of(
        Arguments.of("empty", "", CandidateParseError.TOO_FEW_FIELDS),
        Arguments.of("prefix only", "candidate:", CandidateParseError.TOO_FEW_FIELDS),
        Arguments.of("seven fields", "1 1 udp 2122260223 192.168.0.1 5000 typ", CandidateParseError.TOO_FEW_FIELDS),
        Arguments.of("longer than 1024 characters", ok + " x " + "y".repeat(1100), CandidateParseError.TOO_LONG),
        Arguments.of("more than 64 fields", ok + " a b".repeat(30), CandidateParseError.TOO_MANY_FIELDS),
        Arguments.of("control character", ok.replace("typ", "t\u0001p"), CandidateParseError.BAD_CHARACTER),
        Arguments.of("non-ASCII", ok.replace("host", "hôst"), CandidateParseError.BAD_CHARACTER),
        Arguments.of("foundation too long", "x".repeat(33) + ok.substring(1), CandidateParseError.BAD_FOUNDATION),
        Arguments.of("foundation outside ice-char", "a-b" + ok.substring(1), CandidateParseError.BAD_FOUNDATION),
        Arguments.of("component 0", ok.replaceFirst(" 1 udp", " 0 udp"), CandidateParseError.BAD_COMPONENT),
        Arguments.of("component 257", ok.replaceFirst(" 1 udp", " 257 udp"), CandidateParseError.BAD_COMPONENT),
        Arguments.of("component not a number", ok.replaceFirst(" 1 udp", " one udp"),
            CandidateParseError.BAD_COMPONENT),
        Arguments.of("transport sctp", ok.replace("udp", "sctp"), CandidateParseError.UNSUPPORTED_TRANSPORT),
        Arguments.of("priority 0", ok.replace("2122260223", "0"), CandidateParseError.BAD_PRIORITY),
        Arguments.of("priority 2^31", ok.replace("2122260223", "2147483648"), CandidateParseError.BAD_PRIORITY),
        Arguments.of("priority negative", ok.replace("2122260223", "-5"), CandidateParseError.BAD_PRIORITY),
        Arguments.of("priority with 11 digits", ok.replace("2122260223", "00002122260223"),
            CandidateParseError.BAD_PRIORITY),
        Arguments.of("mDNS name", ok.replace("192.168.0.1", "1f2e-3d.local"), CandidateParseError.MDNS_HOSTNAME),
        Arguments.of("DNS name", ok.replace("192.168.0.1", "media.example.org"), CandidateParseError.HOSTNAME),
        Arguments.of("IPv4 with five parts", ok.replace("192.168.0.1", "1.2.3.4.5"), CandidateParseError.BAD_ADDRESS),
        Arguments.of("IPv4 octet 256", ok.replace("192.168.0.1", "192.168.0.256"), CandidateParseError.BAD_ADDRESS),
        Arguments.of("IPv6 with a zone", ok.replace("192.168.0.1", "fe80::1%eth0"), CandidateParseError.BAD_ADDRESS),
        Arguments.of("address with a slash", ok.replace("192.168.0.1", "10.0.0.0/8"), CandidateParseError.BAD_ADDRESS),
        Arguments.of("port 65536", ok.replace("5000", "65536"), CandidateParseError.BAD_PORT),
        Arguments.of("port not a number", ok.replace("5000", "http"), CandidateParseError.BAD_PORT),
        Arguments.of("'type' instead of 'typ'", ok.replace("typ", "type"), CandidateParseError.MISSING_TYP),
        Arguments.of("unknown candidate type", ok.replace("host", "hots"), CandidateParseError.BAD_TYPE),
        Arguments.of("extension without value", ok + " generation", CandidateParseError.DANGLING_EXTENSION),
        Arguments.of("rport not a number", ok + " raddr 1.2.3.4 rport x", CandidateParseError.BAD_RELATED_PORT),
        Arguments.of("unknown tcptype", ok.replace("udp", "tcp") + " tcptype sideways",
            CandidateParseError.BAD_TCP_TYPE),
        Arguments.of("TCP without tcptype", ok.replace("udp", "tcp"), CandidateParseError.BAD_TCP_TYPE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCandidates")
  @DisplayName("bad candidates fail with the exact reason")
  void bad(String name, String text, CandidateParseError expected) {
    CandidateParseResult result = CandidateSyntax.parse(text);
    assertFalse(result.isSuccess(), () -> "parsed: " + result);
    assertEquals(expected, result.error());
    assertThrows(IllegalStateException.class, result::candidate);
  }

  @Test
  @DisplayName("null is not a candidate, and never throws")
  void nullText() {
    assertEquals(CandidateParseError.TOO_FEW_FIELDS, CandidateSyntax.parse(null).error());
  }

  @Test
  @DisplayName("tcptype on a UDP candidate is ignored; extensions may repeat, the last wins")
  void lenientExtensions() {
    RemoteCandidate c = CandidateSyntax.parse(
        "1 1 udp 5 192.168.0.1 5000 typ host tcptype passive ufrag aa ufrag bb network-cost 50").candidate();
    assertNull(c.tcpType());
    assertEquals("bb", c.ufrag());
  }
}
