package org.rivulet.ice.agent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.rivulet.ice.stun.StunDecoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunParseResult;

/** Builders for agents in tests: seeded randomness, recording listeners, networks or capturing transmitters. */
final class Peers {

  private Peers() {}

  /** A SecureRandom whose output depends only on {@code seed}, so a test replays exactly. */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static IceAgentConfig.Builder config(long seed) {
    return IceAgentConfig.builder().random(seeded(seed));
  }

  /** An agent on a network, with its listener. */
  record Peer(IceAgent agent, RecordingListener events, TestNetwork network, List<LocalCandidate> hosts) {

    static Peer on(TestNetwork network, IceRole role, IceAgentConfig config) {
      RecordingListener events = new RecordingListener(network.scheduler);
      IceAgent agent = new IceAgent(role, config, network.scheduler, network.transmitter(), events,
          PooledByteBufAllocator.DEFAULT);
      return new Peer(agent, events, network, new ArrayList<>());
    }

    static Peer on(TestNetwork network, IceRole role, IceAgentConfig config, long tieBreaker) {
      RecordingListener events = new RecordingListener(network.scheduler);
      IceAgent agent = new IceAgent(role, config, network.scheduler, network.transmitter(), events,
          PooledByteBufAllocator.DEFAULT, IceCredentials.random(config.random()), tieBreaker);
      return new Peer(agent, events, network, new ArrayList<>());
    }

    /** UDP host candidates on {@code ip:port} pairs, ranked in order. */
    Peer hosts(String... ipPorts) {
      for (String ipPort : ipPorts) {
        int colon = ipPort.lastIndexOf(':');
        hosts.add(network.addHost(agent, ipPort.substring(0, colon), Integer.parseInt(ipPort.substring(colon + 1)),
            hosts.size()));
      }
      return this;
    }

    /** Gives {@code other} our credentials (the description). */
    void credentialsTo(Peer other) {
      other.agent.setRemoteCredentials(agent.localCredentials().ufrag(), agent.localCredentials().password());
    }

    /** Trickles every local candidate of ours to {@code other}, then end-of-candidates when asked. */
    void candidatesTo(Peer other, boolean endOfCandidates) {
      for (LocalCandidate c : agent.localCandidates()) {
        other.agent.addRemoteCandidate(c.candidateString());
      }
      if (endOfCandidates) {
        other.agent.addRemoteCandidate("");
      }
    }

    boolean ready() {
      return agent.state() == IceComponentState.READY;
    }
  }

  /** Full exchange: credentials and candidates both ways, end-of-candidates, gathering on both. */
  static void exchange(Peer a, Peer b) {
    a.agent.gatherCandidates();
    b.agent.gatherCandidates();
    a.credentialsTo(b);
    b.credentialsTo(a);
    a.candidatesTo(b, true);
    b.candidatesTo(a, true);
  }

  /** True when both agents selected the same 5-tuple, seen from either side. */
  static boolean sameSelectedPair(Peer a, Peer b) {
    CandidatePairInfo x = a.agent.selectedPair();
    CandidatePairInfo y = b.agent.selectedPair();
    return x != null && y != null && x.local().baseAddress().equals(y.remote().address())
        && y.local().baseAddress().equals(x.remote().address());
  }

  /** A transmitter that keeps what is sent, decoded, and releases the buffers. */
  static final class Capture implements IceTransmitter {
    record Sent(LocalCandidate base, InetSocketAddress to, StunMessage message, byte[] bytes) {}

    final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(LocalCandidate base, InetSocketAddress to, ByteBuf datagram) {
      try {
        StunParseResult result = StunDecoder.decode(datagram);
        sent.add(new Sent(base, to, result.isSuccess() ? result.message() : null, ByteBufUtil.getBytes(datagram)));
      } finally {
        datagram.release();
      }
    }

    Sent last() {
      return sent.get(sent.size() - 1);
    }

    void clear() {
      sent.clear();
    }
  }
}
