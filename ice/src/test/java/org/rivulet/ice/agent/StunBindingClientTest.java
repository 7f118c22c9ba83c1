package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rivulet.ice.gather.ExternalAddresses;
import org.rivulet.ice.stun.ErrorCode;
import org.rivulet.ice.stun.MappedAddress;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunDecoder;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunParseResult;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * Server-reflexive gathering against a fake STUN server on the in-memory network: the mapped address
 * becomes a srflx candidate (related address = base), with retransmissions, give-up, old servers and
 * external address substitution.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StunBindingClientTest {

  private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.1", 3478);
  private static final InetSocketAddress BASE = new InetSocketAddress("10.0.0.5", 40000);
  private static final InetSocketAddress PUBLIC = new InetSocketAddress("203.0.113.7", 61000);

  private final ManualScheduler clock = new ManualScheduler();
  private final TestNetwork network = TestNetwork.lossless(clock);
  private final RecordingListener events = new RecordingListener(clock);
  private IceAgent agent;

  /** A STUN server that answers the {@code answerFrom}th request on and ignores the earlier ones. */
  private static final class FakeStunServer implements TestNetwork.Server {
    private final StunEncoder encoder = new StunEncoder();
    private final int answerFrom;
    private final boolean rfc3489;
    private final boolean error;
    int received;

    FakeStunServer(int answerFrom, boolean rfc3489, boolean error) {
      this.answerFrom = answerFrom;
      this.rfc3489 = rfc3489;
      this.error = error;
    }

    @Override
    public void receive(InetSocketAddress from, ByteBuf datagram, TestNetwork network, InetSocketAddress self) {
      received++;
      StunParseResult result = StunDecoder.decode(datagram);
      if (!result.isSuccess() || result.message().messageClass() != StunClass.REQUEST || received < answerFrom) {
        return;
      }
      StunMessage request = result.message();
      StunMessage response = error
          ? StunMessage.errorResponse(request, ErrorCode.SERVER_ERROR).build()
          : StunMessage.successResponse(request)
              .add(rfc3489 ? new MappedAddress(from) : new XorMappedAddress(from)).build();
      network.send(self, TransportProtocol.UDP, from, encoder.encode(response, null, false,
          PooledByteBufAllocator.DEFAULT));
    }
  }

  private void start(FakeStunServer server, IceAgentConfig.Builder config) {
    network.addServer(SERVER, server);
    network.nat(BASE, PUBLIC);
    agent = new IceAgent(IceRole.CONTROLLED, config.stunServer(SERVER).build(), clock, network.transmitter(),
        events, PooledByteBufAllocator.DEFAULT);
    network.addHost(agent, BASE.getHostString(), BASE.getPort(), 0);
    agent.gatherCandidates();
  }

  @AfterEach
  void tearDown() {
    agent.close();
    clock.advance(Duration.ofSeconds(1));
    network.close();
  }

  @Test
  @DisplayName("the mapped address becomes a srflx candidate, then gathering is done")
  void serverReflexive() {
    FakeStunServer server = new FakeStunServer(1, false, false);
    start(server, Peers.config(1));
    assertEquals(IceComponentState.GATHERING, agent.state());
    assertEquals(0, events.gatheringDone, "waits for the server");
    clock.advance(Duration.ofMillis(20));
    assertEquals(1, events.gatheringDone);
    assertEquals(2, events.candidates.size());
    LocalCandidate srflx = events.candidates.get(1);
    assertEquals(CandidateType.SERVER_REFLEXIVE, srflx.type());
    assertEquals(PUBLIC, srflx.address());
    assertEquals(BASE, srflx.relatedAddress());
    assertEquals(events.candidates.get(0), srflx.base());
    assertTrue(srflx.candidateString().contains(" 203.0.113.7 61000 typ srflx raddr 10.0.0.5 rport 40000 "));
    assertEquals(1, server.received);
    assertEquals(0, agent.pendingTransactions());
  }

  @Test
  @DisplayName("lost requests are retransmitted on RTO 500 ms, doubling")
  void retransmitted() {
    FakeStunServer server = new FakeStunServer(3, false, false);
    start(server, Peers.config(2));
    clock.advance(Duration.ofMillis(499));
    assertEquals(1, server.received);
    clock.advance(Duration.ofMillis(10));
    assertEquals(2, server.received);
    clock.advance(Duration.ofMillis(1000));
    assertEquals(3, server.received);
    clock.advance(Duration.ofMillis(20));
    assertEquals(1, events.gatheringDone);
    assertEquals(CandidateType.SERVER_REFLEXIVE, events.candidates.get(1).type());
  }

  @Test
  @DisplayName("a silent server is given up after 3 sends and 3.5 s: gathering done with host candidates only")
  void silentServer() {
    FakeStunServer server = new FakeStunServer(Integer.MAX_VALUE, false, false);
    start(server, Peers.config(3));
    clock.advance(Duration.ofMillis(3499));
    assertEquals(0, events.gatheringDone);
    clock.advance(Duration.ofMillis(2));
    assertEquals(1, events.gatheringDone);
    assertEquals(3, server.received);
    assertEquals(1, events.candidates.size());
  }

  @Test
  @DisplayName("an error response ends the query at once")
  void errorResponse() {
    start(new FakeStunServer(1, false, true), Peers.config(4));
    clock.advance(Duration.ofMillis(20));
    assertEquals(1, events.gatheringDone);
    assertEquals(1, events.candidates.size());
  }

  @Test
  @DisplayName("an RFC 3489 server's MAPPED-ADDRESS is accepted")
  void oldServer() {
    start(new FakeStunServer(1, true, false), Peers.config(5));
    clock.advance(Duration.ofMillis(20));
    assertEquals(PUBLIC, events.candidates.get(1).address());
  }

  @Test
  @DisplayName("no NAT: the mapped address equals the base, so no srflx candidate (RFC 8445 section 5.1.3)")
  void noNat() {
    network.addServer(SERVER, new FakeStunServer(1, false, false));
    agent = new IceAgent(IceRole.CONTROLLED, Peers.config(6).stunServer(SERVER).build(), clock,
        network.transmitter(), events, PooledByteBufAllocator.DEFAULT);
    network.addHost(agent, "10.0.0.6", 40000, 0);
    agent.gatherCandidates();
    clock.advance(Duration.ofMillis(20));
    assertEquals(1, events.gatheringDone);
    assertEquals(1, events.candidates.size());
  }

  @Test
  @DisplayName("externalIPv4: host candidates advertise the external address; the base stays the interface's")
  void externalAddress() throws Exception {
    ExternalAddresses external = ExternalAddresses.parse("192.0.2.10", null);
    agent = new IceAgent(IceRole.CONTROLLED, Peers.config(7).externalAddresses(external).build(), clock,
        network.transmitter(), events, PooledByteBufAllocator.DEFAULT);
    LocalCandidate host = network.addHost(agent, "10.0.0.7", 40000, 0);
    assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 40000), host.address());
    assertEquals(new InetSocketAddress("10.0.0.7", 40000), host.baseAddress());
    assertTrue(host.candidateString().contains(" 192.0.2.10 40000 typ host"), host.candidateString());
    assertNull(host.relatedAddress());
    agent.gatherCandidates();
    assertEquals(List.of(host), events.candidates);
    assertEquals(1, events.gatheringDone, "no STUN server: done at once");
  }
}
