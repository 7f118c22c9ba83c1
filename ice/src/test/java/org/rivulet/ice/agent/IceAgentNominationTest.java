package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rivulet.ice.agent.Peers.Capture;
import org.rivulet.ice.stun.IceControlling;
import org.rivulet.ice.stun.Priority;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.UseCandidate;
import org.rivulet.ice.stun.Username;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * The controlled agent's selection, driven by a scripted controlling peer (RFC 8445 sections 7.3.1.5 and
 * 8.1.1): a nomination before our own check succeeded takes effect when it does; a later nomination of a
 * higher-priority pair replaces the selection; a lower one does not.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IceAgentNominationTest {

  private static final IceCredentials LOCAL = IceAgentBadStunTest.LOCAL;
  private static final IceCredentials PEER = IceAgentBadStunTest.PEER;

  private final ManualScheduler clock = new ManualScheduler();
  private final Capture wire = new Capture();
  private RecordingListener events;
  private IceAgent agent;
  private LocalCandidate base;

  @BeforeEach
  void setUp() {
    events = new RecordingListener(clock);
    agent = new IceAgent(IceRole.CONTROLLED, Peers.config(9).build(), clock, wire, events,
        PooledByteBufAllocator.DEFAULT, LOCAL, 1);
    base = agent.addHostCandidate(new InetSocketAddress("127.0.1.1", 20001), TransportProtocol.UDP, 0);
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
  }

  @AfterEach
  void tearDown() {
    agent.close();
  }

  private void deliver(InetSocketAddress from, byte[] bytes) {
    ByteBuf buf = TestNetwork.buffer(bytes);
    try {
      agent.handleStun(base, from, buf);
    } finally {
      buf.release();
    }
  }

  /** The peer nominates the pair from {@code from} and answers the triggered check that follows. */
  private void nominateFrom(InetSocketAddress from, long priority) {
    deliver(from, IceAgentBadStunTest.signed(StunMessage.request(StunMethod.BINDING, IceAgentBadStunTest.id())
        .add(new Username(LOCAL.ufrag() + ":" + PEER.ufrag())).add(new Priority(priority))
        .add(new IceControlling(99)).add(UseCandidate.INSTANCE).build()));
    clock.advance(Duration.ofMillis(50));
    Capture.Sent check = wire.last();
    assertEquals(StunClass.REQUEST, check.message().messageClass());
    assertEquals(from, check.to());
    deliver(from, IceAgentBadStunTest.encode(StunMessage.successResponse(check.message())
        .add(new XorMappedAddress(base.baseAddress())).build(), PEER.key(), true));
  }

  @Test
  @DisplayName("a higher-priority nomination replaces the selected pair; a lower one does not")
  void selectionFollowsHigherNominations() {
    InetSocketAddress low = new InetSocketAddress("127.0.0.1", 10001);
    InetSocketAddress high = new InetSocketAddress("127.0.0.1", 10002);
    InetSocketAddress lower = new InetSocketAddress("127.0.0.1", 10003);

    nominateFrom(low, 1000);
    assertEquals(low, agent.selectedPair().remote().address());
    assertEquals(IceComponentState.READY, agent.state());

    nominateFrom(high, 2_000_000_000L);
    assertEquals(high, agent.selectedPair().remote().address());
    assertEquals(2, events.selections.size());
    assertEquals(high, events.selections.get(1).remote().address());

    nominateFrom(lower, 10);
    assertEquals(high, agent.selectedPair().remote().address());
    assertEquals(2, events.selections.size());
    assertTrue(agent.isValidated(lower, base), "still a validated address, though not selected");
  }

  @Test
  @DisplayName("USE-CANDIDATE on a pair that already succeeded selects it at once")
  void nominationOfSucceededPair() {
    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 10001);
    // A plain check first (regular nomination): our triggered check succeeds, nothing is selected.
    deliver(peer, IceAgentBadStunTest.signed(IceAgentBadStunTest.check(IceAgentBadStunTest.id()).build()));
    clock.advance(Duration.ofMillis(50));
    Capture.Sent check = wire.last();
    deliver(peer, IceAgentBadStunTest.encode(StunMessage.successResponse(check.message())
        .add(new XorMappedAddress(base.baseAddress())).build(), PEER.key(), true));
    assertEquals(IceComponentState.CONNECTED, agent.state());
    assertNull(agent.selectedPair());
    // Then the nomination: selected on the spot, no further check needed.
    int sent = wire.sent.size();
    deliver(peer, IceAgentBadStunTest.signed(IceAgentBadStunTest.check(IceAgentBadStunTest.id())
        .add(UseCandidate.INSTANCE).build()));
    assertEquals(IceComponentState.READY, agent.state());
    assertEquals(sent + 1, wire.sent.size(), "only the response went out");
    assertTrue(agent.selectedPair().nominated());
  }
}
