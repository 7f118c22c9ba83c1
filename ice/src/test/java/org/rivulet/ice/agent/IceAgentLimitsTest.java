package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.ice.agent.Peers.Capture;
import org.rivulet.ice.stun.IceControlling;
import org.rivulet.ice.stun.Priority;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.TransactionId;
import org.rivulet.ice.stun.UseCandidate;
import org.rivulet.ice.stun.Username;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * Bounds and candidate policy (RELIABILITY.md B2 items 17 to 19): at most 100 pairs and 50 remote
 * candidates, paced checks, peer-reflexive floods, names that are never resolved, ICE-TCP pairing rules.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IceAgentLimitsTest {

  private static final IceCredentials LOCAL = IceAgentBadStunTest.LOCAL;
  private static final IceCredentials PEER = IceAgentBadStunTest.PEER;

  private static final StunEncoder ENCODER = new StunEncoder();
  private static final java.security.SecureRandom IDS = Peers.seeded(0);

  private final ManualScheduler clock = new ManualScheduler();
  private final Capture wire = new Capture();
  private IceAgent agent;

  @BeforeEach
  void setUp() {
    agent = new IceAgent(IceRole.CONTROLLED, Peers.config(17).build(), clock, wire,
        new RecordingListener(clock), PooledByteBufAllocator.DEFAULT, LOCAL, 1);
  }

  @AfterEach
  void tearDown() {
    agent.close();
  }

  private static String remote(int foundation, long priority, String ip, int port) {
    return "candidate:" + foundation + " 1 udp " + priority + " " + ip + " " + port + " typ host generation 0";
  }

  private void deliver(LocalCandidate base, InetSocketAddress from, StunMessage message) {
    ByteBuf buf = ENCODER.encode(message, LOCAL.key(), true,
        PooledByteBufAllocator.DEFAULT);
    try {
      agent.handleStun(base, from, buf);
    } finally {
      buf.release();
    }
  }

  private static StunMessage peerCheck(boolean useCandidate, long priority) {
    StunMessage.Builder b = StunMessage.request(StunMethod.BINDING, TransactionId.random(IDS))
        .add(new Username(LOCAL.ufrag() + ":" + PEER.ufrag()))
        .add(new Priority(priority))
        .add(new IceControlling(42));
    if (useCandidate) {
      b.add(UseCandidate.INSTANCE);
    }
    return b.build();
  }

  @Test
  @DisplayName("60 local x 60 remote: 50 remote candidates kept, the 100 best pairs kept, checks paced")
  void pairAndCandidateBounds() {
    List<LocalCandidate> locals = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      locals.add(agent.addHostCandidate(new InetSocketAddress("127.0.0.1", 10000 + i), TransportProtocol.UDP, i));
    }
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
    List<Long> remotePriorities = new ArrayList<>();
    int added = 0;
    int rejected = 0;
    for (int j = 0; j < 60; j++) {
      // Server-reflexive priorities never equal a local host priority, so no two pairs tie.
      long priority = CandidatePriority.candidatePriority(CandidateType.SERVER_REFLEXIVE, 65535 - 7 * j, 1);
      RemoteCandidateOutcome outcome = agent.addRemoteCandidate(remote(j, priority, "127.0.1.1", 20000 + j));
      if (outcome == RemoteCandidateOutcome.ADDED) {
        added++;
        remotePriorities.add(priority);
      } else {
        assertEquals(RemoteCandidateOutcome.REJECTED_LIMIT, outcome);
        rejected++;
      }
    }
    assertEquals(50, added);
    assertEquals(10, rejected);
    assertEquals(50, agent.remoteCandidates().size());
    assertEquals(100, agent.candidatePairs().size());
    assertEquals(60 * 50 - 100, agent.counters().pairsPruned());

    // The kept pairs are exactly the 100 of highest priority (RFC 8445 section 6.1.2.5); controlled: G is theirs.
    List<Long> all = new ArrayList<>();
    for (LocalCandidate l : locals) {
      for (long r : remotePriorities) {
        all.add(CandidatePriority.pairPriority(r, l.priority()));
      }
    }
    all.sort(Comparator.reverseOrder());
    List<Long> kept = agent.candidatePairs().stream().map(CandidatePairInfo::priority).toList();
    assertEquals(all.subList(0, 100), kept);

    // Paced: at most one new check per Ta = 50 ms, whatever the number of pairs.
    clock.advance(Duration.ofSeconds(1));
    Set<TransactionId> started = new HashSet<>();
    for (Capture.Sent s : wire.sent) {
      started.add(s.message().transactionId());
    }
    assertTrue(started.size() <= 21, "checks started in 1 s: " + started.size());
    clock.advance(Duration.ofSeconds(30));
    assertTrue(agent.pendingTransactions() <= 100, "outstanding: " + agent.pendingTransactions());
  }

  @Test
  @DisplayName("queued candidates (before credentials) are bounded too")
  void queueBound() {
    int queued = 0;
    for (int j = 0; j < 60; j++) {
      if (agent.addRemoteCandidate(remote(j, 1000 + j, "127.0.1.1", 20000 + j)) == RemoteCandidateOutcome.QUEUED) {
        queued++;
      }
    }
    assertEquals(50, queued);
    assertEquals(RemoteCandidateOutcome.REJECTED_LIMIT, agent.addRemoteCandidate(remote(99, 5, "127.0.1.1", 1)));
  }

  static Stream<Arguments> ignoredCandidates() {
    return Stream.of(
        Arguments.of("mDNS host name", RemoteCandidateOutcome.IGNORED_MDNS,
            "candidate:1 1 udp 2122260223 4f3c1b9e-1d2a-4d3b-9b1f-7c1d2e3f4a5b.local 54321 typ host generation 0"),
        Arguments.of("DNS name", RemoteCandidateOutcome.IGNORED_HOSTNAME,
            "candidate:1 1 udp 2122260223 turn.example.com 3478 typ relay raddr 0.0.0.0 rport 0"),
        Arguments.of("RTCP component without rtcp-mux", RemoteCandidateOutcome.IGNORED_COMPONENT,
            "candidate:1 2 udp 2122260222 127.0.0.1 10001 typ host"),
        Arguments.of("TLS transport", RemoteCandidateOutcome.IGNORED_TRANSPORT,
            "candidate:1 1 ssltcp 2122260223 127.0.0.1 443 typ host"),
        Arguments.of("UDP port 0", RemoteCandidateOutcome.REJECTED_ADDRESS,
            "candidate:1 1 udp 2122260223 127.0.0.1 0 typ host"),
        Arguments.of("multicast address", RemoteCandidateOutcome.REJECTED_ADDRESS,
            "candidate:1 1 udp 2122260223 224.0.0.251 5353 typ host"),
        Arguments.of("wildcard address", RemoteCandidateOutcome.REJECTED_ADDRESS,
            "candidate:1 1 udp 2122260223 0.0.0.0 9 typ host"),
        Arguments.of("IPv6 wildcard address", RemoteCandidateOutcome.REJECTED_ADDRESS,
            "candidate:1 1 udp 2122260223 :: 9 typ host"),
        Arguments.of("broadcast address", RemoteCandidateOutcome.REJECTED_ADDRESS,
            "candidate:1 1 udp 2122260223 255.255.255.255 9 typ host"),
        Arguments.of("garbage", RemoteCandidateOutcome.MALFORMED, "candidate:hello"),
        Arguments.of("SDP end-of-candidates line", RemoteCandidateOutcome.END_OF_CANDIDATES, "a=end-of-candidates"),
        Arguments.of("blank", RemoteCandidateOutcome.END_OF_CANDIDATES, "   "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ignoredCandidates")
  @DisplayName("candidates that are ignored, refused or malformed add nothing")
  void ignored(String name, RemoteCandidateOutcome expected, String candidate) {
    agent.addHostCandidate(new InetSocketAddress("127.0.1.1", 20001), TransportProtocol.UDP, 0);
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
    assertEquals(expected, agent.addRemoteCandidate(candidate));
    assertEquals(expected == RemoteCandidateOutcome.MALFORMED, expected.isError());
    assertTrue(agent.remoteCandidates().isEmpty());
    assertTrue(agent.candidatePairs().isEmpty());
  }

  @Test
  @DisplayName("a stale ufrag is queued for its own generation, not mixed into the current one")
  void otherGenerationIsQueued() {
    agent.addHostCandidate(new InetSocketAddress("127.0.0.5", 20001), TransportProtocol.UDP, 0);
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
    assertEquals(RemoteCandidateOutcome.QUEUED,
        agent.addRemoteCandidate(remote(1, 100, "127.0.0.1", 10001) + " ufrag next"));
    assertEquals(RemoteCandidateOutcome.ADDED,
        agent.addRemoteCandidate(remote(2, 100, "127.0.0.1", 10002) + " ufrag " + PEER.ufrag()));
    assertEquals(1, agent.remoteCandidates().size());
    assertEquals(RemoteCredentialsOutcome.RESTARTED, agent.setRemoteCredentials("next", PEER.password()));
    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 10001)),
        agent.remoteCandidates().stream().map(RemoteCandidate::address).toList());
  }

  @Test
  @DisplayName("10 000 authenticated checks from distinct ports: answered, but prflx and pairs stay bounded")
  void peerReflexiveFlood() {
    LocalCandidate base = agent.addHostCandidate(new InetSocketAddress("127.0.1.1", 20001), TransportProtocol.UDP, 0);
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
    for (int port = 1; port <= 10_000; port++) {
      deliver(base, new InetSocketAddress("127.0.0.1", port), peerCheck(false, 1000 + port));
      if (port % 500 == 0) {
        clock.advance(Duration.ofMillis(50));
      }
    }
    assertTrue(agent.remoteCandidates().size() <= 50);
    assertTrue(agent.candidatePairs().size() <= 50);
    assertEquals(10_000, agent.counters().peerReflexiveLearned());
    assertEquals(10_000 - 50, agent.counters().peerReflexiveEvicted());
    assertEquals(10_000, agent.counters().requestsAnswered());
    long checks = wire.sent.stream().filter(s -> s.message().messageClass() == StunClass.REQUEST)
        .map(s -> s.message().transactionId()).distinct().count();
    assertTrue(checks <= 21, "triggered checks are paced too: " + checks);
    assertTrue(agent.pendingTransactions() <= StunTransactions.MAX_PENDING);
  }

  @Test
  @DisplayName("the selected pair's prflx candidate is never evicted")
  void selectedSurvivesFlood() {
    LocalCandidate base = agent.addHostCandidate(new InetSocketAddress("127.0.1.1", 20001), TransportProtocol.UDP, 0);
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
    deliver(base, peer, peerCheck(true, 5));
    clock.advance(Duration.ofMillis(50));
    StunMessage ourCheck = wire.last().message();
    deliver(base, peer, StunMessage.successResponse(ourCheck).add(new XorMappedAddress(base.baseAddress())).build(),
        PEER);
    assertEquals(IceComponentState.READY, agent.state());
    for (int port = 1; port <= 500; port++) {
      deliver(base, new InetSocketAddress("127.0.0.1", port), peerCheck(false, 1000 + port));
    }
    assertEquals(peer, agent.selectedPair().remote().address());
    assertTrue(agent.isValidated(peer, base));
    assertTrue(agent.remoteCandidates().stream().anyMatch(c -> c.address().equals(peer)));
  }

  private void deliver(LocalCandidate base, InetSocketAddress from, StunMessage response, IceCredentials signer) {
    ByteBuf buf = ENCODER.encode(response, signer.key(), true,
        PooledByteBufAllocator.DEFAULT);
    try {
      agent.handleStun(base, from, buf);
    } finally {
      buf.release();
    }
  }

  @Test
  @DisplayName("ICE-TCP: our passive base pairs with the peer's active candidate, never connects, answers its checks")
  void iceTcp() {
    LocalCandidate tcp = agent.addHostCandidate(new InetSocketAddress("127.0.1.1", 9443), TransportProtocol.TCP, 0);
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
    assertEquals(RemoteCandidateOutcome.ADDED, agent.addRemoteCandidate(
        "candidate:3 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0"));
    assertEquals(RemoteCandidateOutcome.ADDED, agent.addRemoteCandidate(
        "candidate:4 1 TCP 1518280446 127.0.0.1 9555 typ host tcptype passive generation 0"));
    assertEquals(1, agent.candidatePairs().size(), "only the active candidate pairs with our passive base");
    clock.advance(Duration.ofSeconds(5));
    assertTrue(wire.sent.isEmpty(), "we never open a TCP connection");

    // The browser connects from an ephemeral port and checks over that connection.
    InetSocketAddress connection = new InetSocketAddress("127.0.0.1", 50123);
    deliver(tcp, connection, peerCheck(true, 1518280447L));
    Capture.Sent answer = wire.last();
    assertEquals(tcp, answer.base());
    assertEquals(StunClass.SUCCESS_RESPONSE, answer.message().messageClass());
    RemoteCandidate learned = agent.remoteCandidates().stream()
        .filter(c -> c.address().equals(connection)).findFirst().orElseThrow();
    assertEquals(TcpType.ACTIVE, learned.tcpType());
    assertEquals(CandidateType.PEER_REFLEXIVE, learned.type());
    clock.advance(Duration.ofMillis(50));
    Capture.Sent check = wire.last();
    assertEquals(connection, check.to());
    assertEquals(StunClass.REQUEST, check.message().messageClass());
    // No retransmission over TCP (RFC 8489 section 6.2.2).
    clock.advance(Duration.ofSeconds(2));
    assertEquals(1, wire.sent.stream().filter(s -> s.message().transactionId().equals(check.message().transactionId()))
        .count());
    deliver(tcp, connection, StunMessage.successResponse(check.message()).add(new XorMappedAddress(tcp.baseAddress()))
        .build(), PEER);
    assertEquals(IceComponentState.READY, agent.state());
    assertEquals(TransportProtocol.TCP, agent.selectedPair().local().protocol());
    assertFalse(agent.isValidated(new InetSocketAddress("127.0.0.1", 9), tcp));
  }
}
