package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rivulet.ice.agent.Peers.Capture;
import org.rivulet.ice.stun.ErrorCode;
import org.rivulet.ice.stun.IceControlled;
import org.rivulet.ice.stun.IceControlling;
import org.rivulet.ice.stun.Priority;
import org.rivulet.ice.stun.RawAttribute;
import org.rivulet.ice.stun.StunAttributeType;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunDecoder;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.StunParseResult;
import org.rivulet.ice.stun.TransactionId;
import org.rivulet.ice.stun.UseCandidate;
import org.rivulet.ice.stun.Username;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * Fuzzes a controlled {@link IceAgent} with known credentials. Plain {@code mvn test} replays the inputs in
 * {@code src/test/resources/org/rivulet/ice/agent/IceAgentFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 *
 * <ul>
 *   <li>{@link #arbitraryDatagrams}: the input as a datagram on the UDP base and, when it decodes, the same
 *       message re-signed with the agent's password so that it gets past authentication;
 *   <li>{@link #checkSequences}: sequences of valid-but-odd operations: authenticated checks from many
 *       addresses with odd priorities, role attributes and USE-CANDIDATE, answers to the agent's own
 *       checks (right or wrong address and key, any error code), candidates, restarts, time.
 * </ul>
 *
 * <p>Properties after every step, beyond not throwing: pairs, remote candidates and transactions stay
 * within their bounds, counters never go negative, READY always has a selected pair that is validated, and
 * every buffer is released (the leak extension checks).
 */
class IceAgentFuzzTest {

  static final IceCredentials LOCAL = IceAgentBadStunTest.LOCAL;
  static final IceCredentials PEER = IceAgentBadStunTest.PEER;
  static final InetSocketAddress UDP_BASE = new InetSocketAddress("127.0.1.1", 20001);
  static final InetSocketAddress TCP_BASE = new InetSocketAddress("127.0.1.1", 9443);
  static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.0.1", 10001);

  private final StunEncoder encoder = new StunEncoder();

  private static final class Harness implements AutoCloseable {
    final ManualScheduler clock = new ManualScheduler();
    final Capture wire = new Capture();
    final IceAgent agent;
    final LocalCandidate udp;
    final LocalCandidate tcp;

    Harness() {
      agent = new IceAgent(IceRole.CONTROLLED, Peers.config(1).build(), clock, wire, new RecordingListener(clock),
          PooledByteBufAllocator.DEFAULT, LOCAL, 0x7000_0000_0000_0000L);
      udp = agent.addHostCandidate(UDP_BASE, TransportProtocol.UDP, 0);
      tcp = agent.addHostCandidate(TCP_BASE, TransportProtocol.TCP, 1);
      agent.gatherCandidates();
      agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
      agent.addRemoteCandidate("candidate:1 1 udp 2122260223 127.0.0.1 10001 typ host generation 0");
      agent.addRemoteCandidate("candidate:2 1 tcp 1518280447 127.0.0.1 9 typ host tcptype active generation 0");
    }

    void deliver(LocalCandidate base, InetSocketAddress from, byte[] bytes) {
      ByteBuf buf = TestNetwork.buffer(bytes);
      try {
        agent.handleStun(base, from, buf);
      } finally {
        buf.release();
      }
    }

    void checkInvariants() {
      assertTrue(agent.candidatePairs().size() <= IceAgentConfig.DEFAULT_MAX_PAIRS);
      assertTrue(agent.remoteCandidates().size() <= IceAgentConfig.DEFAULT_MAX_REMOTE_CANDIDATES);
      assertTrue(agent.pendingTransactions() <= StunTransactions.MAX_PENDING);
      for (long value : agent.counters().snapshot().values()) {
        assertTrue(value >= 0);
      }
      assertNotNull(agent.state());
      if (agent.state() == IceComponentState.READY) {
        CandidatePairInfo selected = agent.selectedPair();
        assertNotNull(selected);
        assertTrue(agent.isValidated(selected.remote().address(), selected.local()));
      }
      if (wire.sent.size() > 256) {
        wire.sent.subList(0, 128).clear();
      }
    }

    @Override
    public void close() {
      agent.close();
      clock.advance(Duration.ofMinutes(1));
      assertEquals(0, agent.pendingTransactions());
    }
  }

  @FuzzTest(maxDuration = "5m")
  void arbitraryDatagrams(byte[] data) {
    try (Harness h = new Harness()) {
      h.deliver(h.udp, PEER_ADDRESS, data);
      h.checkInvariants();
      StunParseResult result = decode(data);
      if (result.isSuccess()) {
        // Re-signed: what a peer holding the password could send, so the fuzzer reaches the ICE logic.
        byte[] signed = encode(result.message(), LOCAL.key(), true);
        if (signed != null) {
          h.deliver(h.udp, PEER_ADDRESS, signed);
          h.checkInvariants();
          h.deliver(h.tcp, new InetSocketAddress("127.0.0.1", 50000), signed);
          h.checkInvariants();
        }
      }
      h.clock.advance(Duration.ofSeconds(3));
      h.checkInvariants();
    }
  }

  @FuzzTest(maxDuration = "5m")
  void checkSequences(FuzzedDataProvider data) {
    try (Harness h = new Harness()) {
      int steps = data.consumeInt(1, 64);
      for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
        switch (data.consumeInt(0, 8)) {
          case 0 -> peerCheck(h, data);
          case 1 -> answerOurCheck(h, data);
          case 2 -> h.deliver(h.udp, address(data), data.consumeBytes(data.consumeInt(0, 600)));
          case 3 -> h.clock.advance(Duration.ofMillis(data.consumeLong(0, 40_000)));
          case 4 -> h.agent.addRemoteCandidate(data.consumeBoolean()
              ? data.consumeString(300)
              : "candidate:" + data.consumeInt(0, 9) + " 1 udp " + data.consumeLong(1, CandidatePriority.MAX)
                  + " 127.0.0." + data.consumeInt(0, 3) + " " + data.consumeInt(0, 65535) + " typ host");
          case 5 -> h.agent.addRemoteCandidate(null);
          case 6 -> {
            if (data.consumeBoolean()) {
              h.agent.restart();
            } else {
              h.agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
            }
          }
          case 7 -> h.agent.setRole(data.consumeBoolean() ? IceRole.CONTROLLING : IceRole.CONTROLLED);
          default -> strayResponse(h, data);
        }
        h.checkInvariants();
      }
    }
  }

  /** An authenticated check with fuzzed source, priority, role attribute, USE-CANDIDATE and extras. */
  private void peerCheck(Harness h, FuzzedDataProvider data) {
    StunMessage.Builder check = StunMessage.request(StunMethod.BINDING, transactionId(data))
        .add(new Username(h.agent.localCredentials().ufrag() + ":" + PEER.ufrag()))
        .add(new Priority(data.consumeLong(0, 0xFFFF_FFFFL)));
    switch (data.consumeInt(0, 3)) {
      case 0 -> check.add(new IceControlling(data.consumeLong()));
      case 1 -> check.add(new IceControlled(data.consumeLong()));
      case 2 -> check.add(new IceControlling(data.consumeLong())).add(new IceControlled(data.consumeLong()));
      default -> { }
    }
    if (data.consumeBoolean()) {
      check.add(UseCandidate.INSTANCE);
    }
    if (data.consumeBoolean()) {
      int type = data.consumeInt(0x0030, 0xFFFF);
      if (!StunAttributeType.isKnown(type)) {
        check.add(new RawAttribute(type, data.consumeBytes(16)));
      }
    }
    byte[] bytes = encode(check.build(), h.agent.localCredentials().key(), data.consumeBoolean());
    if (bytes != null) {
      boolean overTcp = data.consumeBoolean();
      h.deliver(overTcp ? h.tcp : h.udp, address(data), bytes);
    }
  }

  /** Answers one of the agent's own requests: right or wrong source, key and class. */
  private void answerOurCheck(Harness h, FuzzedDataProvider data) {
    List<Capture.Sent> requests = new ArrayList<>();
    for (Capture.Sent s : h.wire.sent) {
      if (s.message() != null && s.message().messageClass() == StunClass.REQUEST) {
        requests.add(s);
      }
    }
    if (requests.isEmpty()) {
      return;
    }
    Capture.Sent request = requests.get(data.consumeInt(0, requests.size() - 1));
    StunMessage response = data.consumeBoolean()
        ? StunMessage.successResponse(request.message())
            .add(new XorMappedAddress(request.base().baseAddress())).build()
        : StunMessage.errorResponse(request.message(),
            new ErrorCode(data.consumeInt(ErrorCode.MIN_CODE, ErrorCode.MAX_CODE), "x")).build();
    byte[] key = switch (data.consumeInt(0, 2)) {
      case 0 -> PEER.key();
      case 1 -> LOCAL.key();
      default -> null;
    };
    byte[] bytes = encode(response, key, data.consumeBoolean());
    if (bytes != null) {
      InetSocketAddress from = data.consumeBoolean() ? request.to() : address(data);
      h.deliver(data.consumeBoolean() ? request.base() : h.udp, from, bytes);
    }
  }

  private void strayResponse(Harness h, FuzzedDataProvider data) {
    StunMessage response = StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, transactionId(data))
        .add(new XorMappedAddress(UDP_BASE)).build();
    byte[] bytes = encode(response, PEER.key(), true);
    if (bytes != null) {
      h.deliver(h.udp, PEER_ADDRESS, bytes);
    }
  }

  private static InetSocketAddress address(FuzzedDataProvider data) {
    return new InetSocketAddress("127.0.0." + data.consumeInt(0, 3), data.consumeInt(1, 65535));
  }

  private static TransactionId transactionId(FuzzedDataProvider data) {
    return new TransactionId(data.consumeInt(), data.consumeLong());
  }

  private static StunParseResult decode(byte[] bytes) {
    ByteBuf buf = TestNetwork.buffer(bytes);
    try {
      return StunDecoder.decode(buf);
    } finally {
      buf.release();
    }
  }

  /** The encoded message, or null when it cannot be encoded (too long, too many attributes). */
  private byte[] encode(StunMessage message, byte[] key, boolean fingerprint) {
    try {
      encoder.encodedLength(message, key != null, fingerprint);
    } catch (IllegalArgumentException tooBig) {
      return null;
    }
    ByteBuf buf = encoder.encode(message, key, fingerprint, PooledByteBufAllocator.DEFAULT);
    try {
      byte[] out = new byte[buf.readableBytes()];
      buf.readBytes(out);
      return out;
    } finally {
      buf.release();
    }
  }

  /** The seed inputs of {@link #arbitraryDatagrams} must be messages, or the replay would only test drops. */
  @Test
  void datagramSeedsDecode() throws IOException, URISyntaxException {
    Path inputs = Path.of(getClass().getResource("IceAgentFuzzTestInputs/arbitraryDatagrams").toURI());
    List<Path> seeds;
    try (Stream<Path> files = Files.list(inputs)) {
      seeds = files.sorted().toList();
    }
    assertTrue(seeds.size() >= 4, seeds::toString);
    int decoded = 0;
    for (Path seed : seeds) {
      if (decode(Files.readAllBytes(seed)).isSuccess()) {
        decoded++;
      }
    }
    assertTrue(decoded >= 4, "decoding seeds: " + decoded);
  }

  /** The sequence seeds exist, so that the regression run covers more than the empty input. */
  @Test
  void sequenceSeedsExist() throws IOException, URISyntaxException {
    Path inputs = Path.of(getClass().getResource("IceAgentFuzzTestInputs/checkSequences").toURI());
    try (Stream<Path> files = Files.list(inputs)) {
      assertTrue(files.count() >= 4);
    }
  }
}
