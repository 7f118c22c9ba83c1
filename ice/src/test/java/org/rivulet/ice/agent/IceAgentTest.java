package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rivulet.ice.agent.Peers.Peer;
import org.rivulet.ice.stun.UseCandidate;

/**
 * Two agents connecting over an in-memory network on a manual clock: roles, trickle orders, loss,
 * nomination styles, role conflicts and peer-reflexive candidates. Every test ends with both agents closed
 * and the network drained, so the leak detector sees every buffer released.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IceAgentTest {

  private final ManualScheduler clock = new ManualScheduler();
  private TestNetwork network = TestNetwork.lossless(clock);
  private Peer a;
  private Peer b;

  @AfterEach
  void tearDown() {
    for (Peer p : new Peer[] {a, b}) {
      if (p != null) {
        p.agent().close();
      }
    }
    clock.advance(Duration.ofSeconds(1));
    network.close();
  }

  private void controllingAndControlled(IceAgentConfig configA, IceAgentConfig configB) {
    a = Peer.on(network, IceRole.CONTROLLING, configA)
        .hosts("127.0.0.1:10001", "127.0.0.2:10002", "127.0.0.3:10003");
    b = Peer.on(network, IceRole.CONTROLLED, configB)
        .hosts("127.0.1.1:20001", "127.0.1.2:20002", "127.0.1.3:20003");
  }

  private boolean bothReady() {
    return a.ready() && b.ready();
  }

  private long highestPairPriority(Peer p) {
    long max = 0;
    for (CandidatePairInfo pair : p.agent().candidatePairs()) {
      max = Math.max(max, pair.priority());
    }
    return max;
  }

  @Test
  @DisplayName("controlling vs controlled, several host candidates each: READY on the same, best pair")
  void reachReadyOnTheSamePair() {
    controllingAndControlled(Peers.config(1).build(), Peers.config(2).build());
    Peers.exchange(a, b);

    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    assertTrue(Peers.sameSelectedPair(a, b));
    assertEquals(List.of(IceComponentState.GATHERING, IceComponentState.CONNECTING, IceComponentState.CONNECTED,
        IceComponentState.READY), a.events().stateSequence());
    assertEquals(List.of(IceComponentState.GATHERING, IceComponentState.CONNECTING, IceComponentState.CONNECTED,
        IceComponentState.READY), b.events().stateSequence());
    // Every pair works, so regular nomination picks the highest-priority one: both preferred interfaces.
    assertEquals(highestPairPriority(a), a.agent().selectedPair().priority());
    assertEquals(new InetSocketAddress("127.0.0.1", 10001), a.agent().selectedPair().local().baseAddress());
    assertEquals(new InetSocketAddress("127.0.1.1", 20001), a.agent().selectedPair().remote().address());
    assertEquals(a.agent().selectedPair().priority(), b.agent().selectedPair().priority());
    assertTrue(a.agent().selectedPair().nominated());
    assertTrue(b.agent().selectedPair().nominated());

    // The selected pair is validated for DTLS/SRTP on both sides; a stranger is not.
    CandidatePairInfo sel = b.agent().selectedPair();
    assertTrue(b.agent().isValidated(sel.remote().address(), sel.local()));
    assertFalse(b.agent().isValidated(new InetSocketAddress("127.0.9.9", 9999), sel.local()));
    assertTrue(b.events().validated.contains(new RecordingListener.Validated(sel.local(), sel.remote().address())));

    // Candidates were reported for IceCandidateFound, then IceGatheringDone (no STUN server).
    assertEquals(3, a.events().candidates.size());
    assertEquals(1, a.events().gatheringDone);
    assertEquals(1, a.events().selections.size());
    assertEquals(1, b.events().selections.size());

    // It stays so: a minute later, nothing changed and nothing was dropped.
    clock.advance(Duration.ofMinutes(1));
    assertTrue(bothReady());
    assertEquals(1, a.events().selections.size());
    assertEquals(1, b.events().selections.size());
    assertEquals(0, a.agent().counters().totalDrops(), a.agent().counters()::toString);
    assertEquals(0, b.agent().counters().totalDrops(), b.agent().counters()::toString);
  }

  @Test
  @DisplayName("trickle: candidates arrive one by one after the credentials")
  void trickleAfterCredentials() {
    controllingAndControlled(Peers.config(3).build(), Peers.config(4).build());
    a.agent().gatherCandidates();
    b.agent().gatherCandidates();
    a.credentialsTo(b);
    b.credentialsTo(a);
    clock.advance(Duration.ofMillis(300));
    assertEquals(IceComponentState.GATHERING, a.agent().state(), "no pairs yet, so no checks");
    List<LocalCandidate> fromA = a.agent().localCandidates();
    List<LocalCandidate> fromB = b.agent().localCandidates();
    for (int i = 0; i < fromA.size(); i++) {
      assertEquals(RemoteCandidateOutcome.ADDED, b.agent().addRemoteCandidate(fromA.get(i).candidateString()));
      clock.advance(Duration.ofMillis(120));
      assertEquals(RemoteCandidateOutcome.ADDED, a.agent().addRemoteCandidate(fromB.get(i).candidateString()));
      clock.advance(Duration.ofMillis(120));
    }
    assertEquals(RemoteCandidateOutcome.END_OF_CANDIDATES, a.agent().addRemoteCandidate(null));
    assertEquals(RemoteCandidateOutcome.END_OF_CANDIDATES, b.agent().addRemoteCandidate(""));
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    assertTrue(Peers.sameSelectedPair(a, b));
  }

  @Test
  @DisplayName("trickle: remote candidates before the remote credentials are queued, then used")
  void candidatesBeforeCredentials() {
    controllingAndControlled(Peers.config(5).build(), Peers.config(6).build());
    a.agent().gatherCandidates();
    b.agent().gatherCandidates();
    for (LocalCandidate c : a.agent().localCandidates()) {
      assertEquals(RemoteCandidateOutcome.QUEUED, b.agent().addRemoteCandidate(c.candidateString()));
    }
    for (LocalCandidate c : b.agent().localCandidates()) {
      assertEquals(RemoteCandidateOutcome.QUEUED, a.agent().addRemoteCandidate(c.candidateString()));
    }
    assertTrue(b.agent().remoteCandidates().isEmpty());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(RemoteCredentialsOutcome.SET, b.agent().setRemoteCredentials(
        a.agent().localCredentials().ufrag(), a.agent().localCredentials().password()));
    assertEquals(3, b.agent().remoteCandidates().size());
    b.credentialsTo(a);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    assertTrue(Peers.sameSelectedPair(a, b));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15})
  @DisplayName("20 % loss both ways (seeded): still READY on the same pair")
  void lossyNetwork(long seed) {
    network = new TestNetwork(clock, Duration.ofMillis(20), seed, 0.2);
    controllingAndControlled(Peers.config(seed).build(), Peers.config(seed + 100).build());
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(30)),
        () -> "A " + a.agent().state() + ", B " + b.agent().state());
    assertTrue(clock.runUntil(() -> Peers.sameSelectedPair(a, b), Duration.ofSeconds(10)));
    // And consent survives the loss for two minutes: 20 % loss never starves it for 30 s.
    clock.advance(Duration.ofMinutes(2));
    assertTrue(bothReady());
    assertTrue(a.agent().counters().retransmissions() + b.agent().counters().retransmissions() > 0,
        "loss forces retransmissions");
  }

  @Test
  @DisplayName("controlled agent vs a controlling peer with aggressive nomination")
  void aggressiveNomination() {
    controllingAndControlled(Peers.config(7).aggressiveNomination(true).build(), Peers.config(8).build());
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    assertTrue(clock.runUntil(() -> Peers.sameSelectedPair(a, b), Duration.ofSeconds(10)));
    long withUseCandidate = network.log().stream()
        .filter(p -> p.message() != null && p.message().attribute(UseCandidate.class) != null).count();
    long fromA = network.log().stream().filter(p -> p.message() != null
        && p.message().messageClass() == org.rivulet.ice.stun.StunClass.REQUEST
        && a.hosts().stream().anyMatch(h -> h.baseAddress().equals(p.from()))).count();
    assertEquals(fromA, withUseCandidate + a.agent().counters().consentChecksSent(),
        "every check of the aggressive agent but consent checks carries USE-CANDIDATE");
    // The best pair wins in the end, seen the same way by both.
    assertEquals(highestPairPriority(b), b.agent().selectedPair().priority());
    clock.advance(Duration.ofSeconds(30));
    assertTrue(bothReady());
    assertTrue(Peers.sameSelectedPair(a, b));
  }

  @ParameterizedTest(name = "both {0}")
  @ValueSource(strings = {"CONTROLLING", "CONTROLLED"})
  @DisplayName("role conflict: both claim the same role; tie-breakers settle it and both reach READY")
  void roleConflict(String role) {
    IceRole both = IceRole.valueOf(role);
    a = Peer.on(network, both, Peers.config(21).build(), 0x9000_0000_0000_0000L) // larger, unsigned
        .hosts("127.0.0.1:10001", "127.0.0.2:10002");
    b = Peer.on(network, both, Peers.config(22).build(), 0x1000_0000_0000_0000L)
        .hosts("127.0.1.1:20001", "127.0.1.2:20002");
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    assertTrue(Peers.sameSelectedPair(a, b));
    assertEquals(IceRole.CONTROLLING, a.agent().role(), "the larger tie-breaker controls");
    assertEquals(IceRole.CONTROLLED, b.agent().role());
    long conflicts = a.agent().counters().drops(IceDropReason.ROLE_CONFLICT)
        + b.agent().counters().drops(IceDropReason.ROLE_CONFLICT);
    if (both == IceRole.CONTROLLING) {
      assertTrue(conflicts > 0, "the controlling agent that keeps its role answers 487");
    }
  }

  @Test
  @DisplayName("peer-reflexive: checks from an unsignalled address create a prflx candidate that is selected")
  void peerReflexiveFromUnsignalledAddress() {
    controllingAndControlled(Peers.config(31).build(), Peers.config(32).build());
    a.agent().gatherCandidates();
    b.agent().gatherCandidates();
    a.credentialsTo(b);
    b.credentialsTo(a);
    b.candidatesTo(a, true); // B never hears of A's candidates
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    assertTrue(Peers.sameSelectedPair(a, b));
    CandidatePairInfo sel = b.agent().selectedPair();
    assertEquals(CandidateType.PEER_REFLEXIVE, sel.remote().type());
    assertTrue(sel.remoteCandidateString().contains(" typ prflx "), sel.remoteCandidateString());
    assertTrue(b.agent().counters().peerReflexiveLearned() >= 1);
    // Signalled late, the same address keeps its pair and takes the signalled type (trickle).
    LocalCandidate aBase = a.agent().selectedPair().local();
    assertEquals(RemoteCandidateOutcome.ADDED, b.agent().addRemoteCandidate(aBase.candidateString()));
    assertEquals(CandidateType.HOST, b.agent().selectedPair().remote().type());
    assertEquals(RemoteCandidateOutcome.DUPLICATE, b.agent().addRemoteCandidate(aBase.candidateString()));
  }

  @Test
  @DisplayName("peer-reflexive behind a NAT: the mapped address is learned and selected")
  void peerReflexiveBehindNat() {
    InetSocketAddress inside = new InetSocketAddress("127.0.0.1", 10001);
    InetSocketAddress outside = new InetSocketAddress("127.0.0.9", 30001);
    network.nat(inside, outside);
    a = Peer.on(network, IceRole.CONTROLLING, Peers.config(33).build()).hosts("127.0.0.1:10001");
    b = Peer.on(network, IceRole.CONTROLLED, Peers.config(34).build()).hosts("127.0.1.1:20001");
    Peers.exchange(a, b); // B gets A's unreachable host candidate
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(15)));
    CandidatePairInfo sel = b.agent().selectedPair();
    assertEquals(outside, sel.remote().address());
    assertEquals(CandidateType.PEER_REFLEXIVE, sel.remote().type());
    assertEquals(new InetSocketAddress("127.0.1.1", 20001), a.agent().selectedPair().remote().address());
    assertTrue(b.agent().isValidated(outside, sel.local()));
    assertFalse(b.agent().isValidated(inside, sel.local()), "the unreachable host address never validated");
  }

  @Test
  @DisplayName("consent (RFC 7675): no responses after READY means DISCONNECTED 30 s after the last consent")
  void consentLost() {
    controllingAndControlled(Peers.config(41).build(), Peers.config(42).build());
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    clock.advance(Duration.ofSeconds(7)); // a consent check or two have gone through
    long consentBefore = a.agent().counters().consentChecksSent();
    assertTrue(consentBefore >= 1);

    long dropFrom = clock.nanoTime();
    List<InetSocketAddress> aAddresses = a.hosts().stream().map(LocalCandidate::baseAddress).toList();
    network.dropIf(p -> p.message() != null && aAddresses.contains(p.to())
        && p.message().messageClass() == org.rivulet.ice.stun.StunClass.SUCCESS_RESPONSE);
    assertTrue(clock.runUntil(() -> a.agent().state() != IceComponentState.READY, Duration.ofSeconds(40)));
    RecordingListener.StateChange disconnected = a.events().states.get(a.events().states.size() - 2);
    assertEquals(IceComponentState.DISCONNECTED, disconnected.to());
    assertEquals(IceComponentState.FAILED, a.agent().state());
    long after = disconnected.atNanos() - dropFrom;
    // The last consent was at most one interval (6 s) before the drops began and the expiry is exact.
    assertTrue(after >= Duration.ofSeconds(24).toNanos() && after <= Duration.ofSeconds(30).toNanos(),
        () -> "DISCONNECTED after " + Duration.ofNanos(after));
    assertEquals(1, a.events().consentLost.size());
    assertEquals(null, a.agent().selectedPair());
    CandidatePairInfo lost = a.events().consentLost.get(0);
    assertFalse(a.agent().isValidated(lost.remote().address(), lost.local()), "media must stop");

    // Nothing more is sent on the dead pair.
    long consentAtLoss = a.agent().counters().consentChecksSent();
    clock.advance(Duration.ofMinutes(1));
    assertEquals(consentAtLoss, a.agent().counters().consentChecksSent());
    assertEquals(0, a.agent().pendingTransactions());
    assertEquals(IceComponentState.FAILED, a.agent().state());
  }

  @Test
  @DisplayName("consent (RFC 7675): with responses, READY holds for 5 minutes with a check every 5 s ± 20 %")
  void consentKept() {
    controllingAndControlled(Peers.config(43).build(), Peers.config(44).build());
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    int statesA = a.events().states.size();
    int statesB = b.events().states.size();
    clock.advance(Duration.ofMinutes(5));
    assertTrue(bothReady());
    assertEquals(statesA, a.events().states.size());
    assertEquals(statesB, b.events().states.size());
    for (Peer p : List.of(a, b)) {
      long checks = p.agent().counters().consentChecksSent();
      assertTrue(checks >= 300 / 6 && checks <= 300 / 4 + 1, "consent checks in 5 minutes: " + checks);
    }
  }

  @Test
  @DisplayName("consent (RFC 7675): a 10 s outage is survived without renegotiation")
  void consentOutageShorterThanTimeout() {
    controllingAndControlled(Peers.config(45).build(), Peers.config(46).build());
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    network.dropIf(p -> true);
    clock.advance(Duration.ofSeconds(10));
    network.dropIf(p -> false);
    clock.advance(Duration.ofMinutes(1));
    assertTrue(bothReady());
    assertTrue(a.events().consentLost.isEmpty());
  }

  @Test
  @DisplayName("ICE restart: new credentials, new check list, media kept on the old pair until the new one")
  void restart() {
    controllingAndControlled(Peers.config(51).build(), Peers.config(52).build());
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    IceCredentials oldA = a.agent().localCredentials();
    IceCredentials oldB = b.agent().localCredentials();
    CandidatePairInfo oldSelected = b.agent().selectedPair();

    // A offers a restart; B sees new remote credentials and restarts too (new answer credentials).
    IceCredentials newA = a.agent().restart();
    assertNotEquals(oldA, newA);
    assertEquals(RemoteCredentialsOutcome.RESTARTED, b.agent().setRemoteCredentials(newA.ufrag(), newA.password()));
    assertNotEquals(oldB, b.agent().localCredentials());
    assertEquals(RemoteCredentialsOutcome.UNCHANGED, b.agent().setRemoteCredentials(newA.ufrag(), newA.password()));
    // Still READY, and the old pair still validated, until the new generation selects.
    assertEquals(IceComponentState.READY, b.agent().state());
    assertTrue(b.agent().isValidated(oldSelected.remote().address(), oldSelected.local()));

    b.credentialsTo(a);
    a.candidatesTo(b, true);
    b.candidatesTo(a, true);
    assertTrue(clock.runUntil(() -> a.events().selections.size() == 2 && b.events().selections.size() == 2,
        Duration.ofSeconds(10)));
    assertTrue(bothReady());
    assertTrue(Peers.sameSelectedPair(a, b));
    clock.advance(Duration.ofMinutes(1));
    assertTrue(bothReady(), "consent runs on the new pair with the new credentials");
  }

  @Test
  @DisplayName("controlling side alone: the pair state machine and PRIORITY/USE-CANDIDATE on the wire")
  void wireDetails() {
    controllingAndControlled(Peers.config(61).build(), Peers.config(62).build());
    Peers.exchange(a, b);
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    // Regular nomination: exactly one check of A carried USE-CANDIDATE (on the selected pair), after that
    // pair had succeeded without it.
    List<TestNetwork.Packet> nominations = network.log().stream()
        .filter(p -> p.message() != null && p.message().attribute(UseCandidate.class) != null).toList();
    assertEquals(1, nominations.size());
    assertEquals(a.agent().selectedPair().remote().address(), nominations.get(0).to());
    for (TestNetwork.Packet p : network.log()) {
      assertNotNull(p.message(), "only STUN on the wire");
    }
  }

  @Test
  @DisplayName("FAILED once end-of-candidates came and every pair failed; a new candidate revives the list")
  void failedAfterEndOfCandidates() {
    a = Peer.on(network, IceRole.CONTROLLING, Peers.config(71).build()).hosts("127.0.0.1:10001");
    b = Peer.on(network, IceRole.CONTROLLED, Peers.config(72).build()).hosts("127.0.1.1:20001");
    a.agent().gatherCandidates();
    b.agent().gatherCandidates();
    a.credentialsTo(b);
    b.credentialsTo(a);
    long start = clock.nanoTime();
    a.agent().addRemoteCandidate("candidate:9 1 udp 2122260223 127.0.1.1 29999 typ host");
    a.agent().addRemoteCandidate("");
    assertTrue(clock.runUntil(() -> a.agent().state() == IceComponentState.FAILED, Duration.ofSeconds(20)));
    long failedAfter = clock.nanoTime() - start;
    // One pair, 7 sends over 8.15 s (IceTimings.defaults()), then FAILED at once: no 30 s wait.
    assertTrue(failedAfter >= Duration.ofMillis(8150).toNanos() && failedAfter < Duration.ofSeconds(9).toNanos(),
        () -> "FAILED after " + Duration.ofNanos(failedAfter));
    assertEquals(List.of(IceComponentState.GATHERING, IceComponentState.CONNECTING, IceComponentState.FAILED),
        a.events().stateSequence());

    b.candidatesTo(a, false);
    assertEquals(IceComponentState.CONNECTING, a.agent().state());
    assertTrue(clock.runUntil(this::bothReady, Duration.ofSeconds(10)));
    assertTrue(Peers.sameSelectedPair(a, b));
  }

  @Test
  @DisplayName("without end-of-candidates, FAILED comes from the 30 s check-list timeout")
  void failedAfterTimeout() {
    a = Peer.on(network, IceRole.CONTROLLING, Peers.config(73).build()).hosts("127.0.0.1:10001");
    a.agent().gatherCandidates();
    a.agent().setRemoteCredentials("abcd", "abcdefghijklmnopqrstuvwxyz");
    long start = clock.nanoTime();
    a.agent().addRemoteCandidate("candidate:9 1 udp 2122260223 127.0.1.1 29999 typ host");
    clock.advance(Duration.ofSeconds(29));
    assertEquals(IceComponentState.CONNECTING, a.agent().state(), "the pair failed, but more may trickle in");
    assertTrue(clock.runUntil(() -> a.agent().state() == IceComponentState.FAILED, Duration.ofSeconds(5)));
    assertEquals(Duration.ofSeconds(30).toNanos(), clock.nanoTime() - start);
  }
}
