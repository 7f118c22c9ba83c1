package org.rivulet.ice.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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
import org.rivulet.ice.stun.ErrorCode;
import org.rivulet.ice.stun.IceControlled;
import org.rivulet.ice.stun.IceControlling;
import org.rivulet.ice.stun.MessageIntegrity;
import org.rivulet.ice.stun.Priority;
import org.rivulet.ice.stun.RawAttribute;
import org.rivulet.ice.stun.StunClass;
import org.rivulet.ice.stun.StunEncoder;
import org.rivulet.ice.stun.StunMessage;
import org.rivulet.ice.stun.StunMethod;
import org.rivulet.ice.stun.TransactionId;
import org.rivulet.ice.stun.UnknownAttributes;
import org.rivulet.ice.stun.UseCandidate;
import org.rivulet.ice.stun.Username;
import org.rivulet.ice.stun.XorMappedAddress;

/**
 * Bad STUN against a controlled agent (RELIABILITY.md B2 items 10 to 16): each case is answered or dropped
 * as RFC 8489 and RFC 8445 say, counted under its reason, and changes nothing; afterwards a scripted
 * browser-like peer still brings the agent to READY, past stray, spoofed and unauthenticated responses.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IceAgentBadStunTest {

  static final IceCredentials LOCAL = new IceCredentials("agnt", "agentPassword0123456789");
  static final IceCredentials PEER = new IceCredentials("peer", "peerPassword+/0123456789");
  static final InetSocketAddress BASE = new InetSocketAddress("127.0.1.1", 20001);
  static final InetSocketAddress PEER_ADDRESS = new InetSocketAddress("127.0.0.1", 10001);
  static final long AGENT_TIE_BREAKER = 1000;
  static final long PEER_TIE_BREAKER = 5000;

  private static final StunEncoder ENCODER = new StunEncoder();
  private static final SecureRandom RANDOM = Peers.seeded(99);

  private final ManualScheduler clock = new ManualScheduler();
  private final Capture wire = new Capture();
  private RecordingListener events;
  private IceAgent agent;
  private LocalCandidate base;

  @BeforeEach
  void setUp() {
    events = new RecordingListener(clock);
    agent = new IceAgent(IceRole.CONTROLLED, Peers.config(7).build(), clock, wire, events,
        PooledByteBufAllocator.DEFAULT, LOCAL, AGENT_TIE_BREAKER);
    base = agent.addHostCandidate(BASE, TransportProtocol.UDP, 0);
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
  }

  @AfterEach
  void tearDown() {
    agent.close();
  }

  /** A well-formed check from the peer (controlling, as a browser offering). */
  static StunMessage.Builder check(TransactionId id) {
    return StunMessage.request(StunMethod.BINDING, id)
        .add(new Username(LOCAL.ufrag() + ":" + PEER.ufrag()))
        .add(new Priority(1845501695L))
        .add(new IceControlling(PEER_TIE_BREAKER));
  }

  static byte[] encode(StunMessage message, byte[] key, boolean fingerprint) {
    ByteBuf buf = ENCODER.encode(message, key, fingerprint, PooledByteBufAllocator.DEFAULT);
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  static byte[] signed(StunMessage message) {
    return encode(message, LOCAL.key(), true);
  }

  static TransactionId id() {
    return TransactionId.random(RANDOM);
  }

  /**
   * name, expected error code (0: no answer), expected drop reason, whether the answer carries
   * MESSAGE-INTEGRITY (only once the request authenticated), request bytes for a transaction id.
   */
  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("wrong local ufrag in USERNAME", 401, IceDropReason.WRONG_USERNAME, false, id -> signed(
            StunMessage.request(StunMethod.BINDING, id).add(new Username("nope:" + PEER.ufrag()))
                .add(new Priority(1)).build())),
        bad("wrong remote ufrag in USERNAME", 401, IceDropReason.WRONG_USERNAME, false, id -> signed(
            StunMessage.request(StunMethod.BINDING, id).add(new Username(LOCAL.ufrag() + ":other"))
                .add(new Priority(1)).build())),
        bad("USERNAME without a colon", 401, IceDropReason.WRONG_USERNAME, false, id -> signed(
            StunMessage.request(StunMethod.BINDING, id).add(new Username(LOCAL.ufrag())).add(new Priority(1))
                .build())),
        bad("USERNAME is a prefix of ours", 401, IceDropReason.WRONG_USERNAME, false, id -> signed(
            StunMessage.request(StunMethod.BINDING, id).add(new Username("agn:" + PEER.ufrag()))
                .add(new Priority(1)).build())),
        bad("empty USERNAME", 401, IceDropReason.WRONG_USERNAME, false, id -> signed(
            StunMessage.request(StunMethod.BINDING, id).add(new Username("")).add(new Priority(1)).build())),
        bad("MESSAGE-INTEGRITY with the wrong password", 401, IceDropReason.BAD_INTEGRITY, false,
            id -> encode(check(id).build(), MessageIntegrity.shortTermKey("wrongPassword0123456789"), true)),
        bad("MESSAGE-INTEGRITY with the peer's own password", 401, IceDropReason.BAD_INTEGRITY, false,
            id -> encode(check(id).build(), PEER.key(), true)),
        bad("no MESSAGE-INTEGRITY", 400, IceDropReason.MISSING_ATTRIBUTE, false,
            id -> encode(check(id).build(), null, true)),
        bad("no USERNAME", 400, IceDropReason.MISSING_ATTRIBUTE, false, id -> signed(
            StunMessage.request(StunMethod.BINDING, id).add(new Priority(1)).build())),
        bad("no FINGERPRINT", 0, IceDropReason.NO_FINGERPRINT, false,
            id -> encode(check(id).build(), LOCAL.key(), false)),
        bad("FINGERPRINT that does not match", 0, IceDropReason.BAD_FINGERPRINT, false, id -> {
          byte[] bytes = signed(check(id).build());
          bytes[bytes.length - 1] ^= 1;
          return bytes;
        }),
        bad("no PRIORITY", 400, IceDropReason.MISSING_ATTRIBUTE, true, id -> signed(
            StunMessage.request(StunMethod.BINDING, id).add(new Username(LOCAL.ufrag() + ":" + PEER.ufrag()))
                .add(new IceControlling(PEER_TIE_BREAKER)).build())),
        bad("both ICE-CONTROLLING and ICE-CONTROLLED", 400, IceDropReason.MISSING_ATTRIBUTE, true,
            id -> signed(check(id).add(new IceControlled(7)).build())),
        bad("unknown comprehension-required attribute", 420, IceDropReason.UNKNOWN_ATTRIBUTE, true,
            id -> signed(check(id).add(new RawAttribute(0x7777, new byte[] {1, 2, 3})).build())),
        bad("a method other than Binding", 400, IceDropReason.UNKNOWN_METHOD, false, id -> signed(
            StunMessage.request(0x00A, id).add(new Username(LOCAL.ufrag() + ":" + PEER.ufrag()))
                .add(new Priority(1)).build())),
        bad("role conflict: the peer also claims controlled, with a larger tie-breaker", 487,
            IceDropReason.ROLE_CONFLICT, true, id -> signed(StunMessage.request(StunMethod.BINDING, id)
                .add(new Username(LOCAL.ufrag() + ":" + PEER.ufrag())).add(new Priority(1))
                .add(new IceControlled(-1L)) // 2^64 - 1 unsigned: larger than ours, so we stay controlled
                .build())),
        bad("a Binding indication (keepalive)", 0, IceDropReason.INDICATION, false, id -> encode(
            StunMessage.indication(StunMethod.BINDING, id).build(), null, true)),
        bad("truncated header", 0, IceDropReason.MALFORMED, false,
            id -> Arrays.copyOf(signed(check(id).build()), 12)),
        bad("length field past the datagram", 0, IceDropReason.MALFORMED, false, id -> {
          byte[] bytes = signed(check(id).build());
          return Arrays.copyOf(bytes, bytes.length - 4);
        }),
        bad("not STUN at all (RTP)", 0, IceDropReason.MALFORMED, false,
            id -> new byte[] {(byte) 0x80, 0x60, 0, 1}));
  }

  private static Arguments bad(String name, int code, IceDropReason reason, boolean integrity,
      Function<TransactionId, byte[]> bytes) {
    return Arguments.of(name, code, reason, integrity, bytes);
  }

  private void deliver(InetSocketAddress from, byte[] bytes) {
    ByteBuf buf = TestNetwork.buffer(bytes);
    try {
      agent.handleStun(base, from, buf);
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  @DisplayName("bad requests: answered with the right error or dropped, counted, nothing changes")
  void badRequest(String name, int code, IceDropReason reason, boolean integrity,
      Function<TransactionId, byte[]> request) {
    TransactionId id = id();
    deliver(PEER_ADDRESS, request.apply(id));

    assertEquals(1, agent.counters().drops(reason), agent.counters()::toString);
    assertEquals(1, agent.counters().totalDrops(), agent.counters()::toString);
    if (code == 0) {
      assertTrue(wire.sent.isEmpty(), "dropped without an answer");
    } else {
      assertEquals(1, wire.sent.size());
      Capture.Sent answer = wire.last();
      assertEquals(PEER_ADDRESS, answer.to());
      StunMessage response = answer.message();
      assertNotNull(response, "the answer decodes");
      assertEquals(StunClass.ERROR_RESPONSE, response.messageClass());
      assertEquals(id, response.transactionId());
      assertEquals(code, response.attribute(ErrorCode.class).code());
      assertTrue(response.hasFingerprint());
      // RFC 8489 section 9.1.3: an answer to a request that did not authenticate has no MESSAGE-INTEGRITY.
      assertEquals(integrity, response.hasMessageIntegrity());
      if (integrity) {
        ByteBuf buf = TestNetwork.buffer(answer.bytes());
        try {
          assertTrue(new MessageIntegrity().verify(buf, response, LOCAL.key()));
        } finally {
          buf.release();
        }
      }
      if (code == 420) {
        assertEquals(List.of(0x7777), response.attribute(UnknownAttributes.class).types());
      }
    }
    // No state change: nothing learned, no pair, no check, same role.
    assertTrue(agent.remoteCandidates().isEmpty());
    assertTrue(agent.candidatePairs().isEmpty());
    assertEquals(IceRole.CONTROLLED, agent.role());
    assertEquals(IceComponentState.DISCONNECTED, agent.state());
    assertTrue(events.validated.isEmpty());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(code == 0 ? 0 : 1, wire.sent.size(), "no check follows a rejected request");
  }

  @Test
  @DisplayName("after every bad input, a browser-like peer still reaches READY, past bad responses")
  void stillReachesReady() {
    for (Arguments args : badRequests().toList()) {
      @SuppressWarnings("unchecked")
      Function<TransactionId, byte[]> request = (Function<TransactionId, byte[]>) args.get()[4];
      deliver(PEER_ADDRESS, request.apply(id()));
    }
    long drops = agent.counters().totalDrops();
    assertEquals(badRequests().count(), drops);
    wire.clear();

    // 1. The peer's check with USE-CANDIDATE (aggressive, or regular after its own success).
    TransactionId peerCheck = id();
    deliver(PEER_ADDRESS, signed(check(peerCheck).add(UseCandidate.INSTANCE).build()));
    Capture.Sent answer = wire.last();
    assertEquals(StunClass.SUCCESS_RESPONSE, answer.message().messageClass());
    assertEquals(peerCheck, answer.message().transactionId());
    assertEquals(PEER_ADDRESS, answer.message().attribute(XorMappedAddress.class).address());
    ByteBuf answerBuf = TestNetwork.buffer(answer.bytes());
    try {
      assertTrue(new MessageIntegrity().verify(answerBuf, answer.message(), LOCAL.key()));
    } finally {
      answerBuf.release();
    }
    assertEquals(CandidateType.PEER_REFLEXIVE, agent.remoteCandidates().get(0).type());
    assertEquals(1845501695L, agent.remoteCandidates().get(0).priority(), "priority from PRIORITY");
    assertTrue(agent.isValidated(PEER_ADDRESS, base), "an authenticated check validates its source");

    // 2. The triggered check goes out on the next Ta.
    clock.advance(Duration.ofMillis(50));
    Capture.Sent triggered = wire.last();
    StunMessage ourCheck = triggered.message();
    assertEquals(StunClass.REQUEST, ourCheck.messageClass());
    assertEquals(PEER_ADDRESS, triggered.to());
    assertEquals(PEER.ufrag() + ":" + LOCAL.ufrag(), ourCheck.attribute(Username.class).value());
    assertEquals(AGENT_TIE_BREAKER, ourCheck.attribute(IceControlled.class).tieBreaker());
    assertNotNull(ourCheck.attribute(Priority.class));
    assertNull(ourCheck.attribute(UseCandidate.class), "the controlled agent never nominates");
    ByteBuf checkBuf = TestNetwork.buffer(triggered.bytes());
    try {
      assertTrue(new MessageIntegrity().verify(checkBuf, ourCheck, PEER.key()), "keyed with the peer's password");
    } finally {
      checkBuf.release();
    }
    assertTrue(ourCheck.hasFingerprint());

    // 3. Responses that must not count.
    StunMessage good = StunMessage.successResponse(ourCheck).add(new XorMappedAddress(BASE)).build();
    deliver(PEER_ADDRESS, encode(StunMessage.builder(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, id())
        .add(new XorMappedAddress(BASE)).build(), PEER.key(), true));
    assertEquals(1, agent.counters().drops(IceDropReason.UNKNOWN_TRANSACTION));
    deliver(new InetSocketAddress("127.0.0.1", 10002), encode(good, PEER.key(), true));
    assertEquals(1, agent.counters().drops(IceDropReason.NON_SYMMETRIC_RESPONSE));
    deliver(PEER_ADDRESS, encode(good, LOCAL.key(), true));
    assertEquals(3, agent.counters().drops(IceDropReason.BAD_INTEGRITY));
    deliver(PEER_ADDRESS, encode(good, PEER.key(), false));
    assertEquals(2, agent.counters().drops(IceDropReason.NO_FINGERPRINT));
    deliver(PEER_ADDRESS, encode(good, null, true));
    assertEquals(4, agent.counters().drops(IceDropReason.BAD_INTEGRITY), "a success needs MESSAGE-INTEGRITY");
    assertFalse(agent.state() == IceComponentState.READY);
    assertEquals(1, agent.pendingTransactions(), "the check is still outstanding");

    // 4. The real response: valid, nominated earlier, selected.
    deliver(PEER_ADDRESS, encode(good, PEER.key(), true));
    assertEquals(IceComponentState.READY, agent.state());
    assertEquals(PEER_ADDRESS, agent.selectedPair().remote().address());
    assertEquals(List.of(IceComponentState.CONNECTING, IceComponentState.CONNECTED, IceComponentState.READY),
        events.stateSequence());
    assertEquals(drops + 5, agent.counters().totalDrops());
  }

  @Test
  @DisplayName("a check before the remote credentials is answered; the triggered check waits for them")
  void checkBeforeRemoteCredentials() {
    agent.close();
    agent = new IceAgent(IceRole.CONTROLLED, Peers.config(8).build(), clock, wire, events,
        PooledByteBufAllocator.DEFAULT, LOCAL, AGENT_TIE_BREAKER);
    base = agent.addHostCandidate(BASE, TransportProtocol.UDP, 0);
    deliver(PEER_ADDRESS, signed(StunMessage.request(StunMethod.BINDING, id())
        .add(new Username(LOCAL.ufrag() + ":someUfragNotYetKnown")).add(new Priority(100))
        .add(new IceControlling(PEER_TIE_BREAKER)).build()));
    assertEquals(StunClass.SUCCESS_RESPONSE, wire.last().message().messageClass());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, wire.sent.size(), "no check without the peer's password");
    agent.setRemoteCredentials(PEER.ufrag(), PEER.password());
    clock.advance(Duration.ofMillis(1));
    assertEquals(2, wire.sent.size());
    assertEquals(StunClass.REQUEST, wire.last().message().messageClass());
    assertEquals(PEER_ADDRESS, wire.last().to());
  }

  @Test
  @DisplayName("487 to our check: we switch role (RFC 8445 section 7.2.5.1) and check again")
  void roleConflictResponse() {
    deliver(PEER_ADDRESS, signed(check(id()).build()));
    clock.advance(Duration.ofMillis(50));
    StunMessage ourCheck = wire.last().message();
    assertEquals(StunClass.REQUEST, ourCheck.messageClass());
    deliver(PEER_ADDRESS, encode(StunMessage.errorResponse(ourCheck, ErrorCode.ROLE_CONFLICT).build(),
        PEER.key(), true));
    assertEquals(IceRole.CONTROLLING, agent.role());
    clock.advance(Duration.ofMillis(50));
    StunMessage again = wire.last().message();
    assertEquals(StunClass.REQUEST, again.messageClass());
    assertEquals(AGENT_TIE_BREAKER, again.attribute(IceControlling.class).tieBreaker());
  }

  @Test
  @DisplayName("an unauthenticated 401 to our check fails the pair; other errors need MESSAGE-INTEGRITY")
  void errorResponses() {
    deliver(PEER_ADDRESS, signed(check(id()).build()));
    clock.advance(Duration.ofMillis(50));
    StunMessage ourCheck = wire.last().message();
    deliver(PEER_ADDRESS, encode(StunMessage.errorResponse(ourCheck, ErrorCode.ROLE_CONFLICT).build(), null, true));
    assertEquals(1, agent.counters().drops(IceDropReason.BAD_INTEGRITY), "a 487 must be authenticated");
    assertEquals(IceRole.CONTROLLED, agent.role());
    deliver(PEER_ADDRESS, encode(StunMessage.errorResponse(ourCheck, ErrorCode.UNAUTHENTICATED).build(), null, true));
    assertEquals(CandidatePairState.FAILED, agent.candidatePairs().get(0).state());
    assertEquals(0, agent.pendingTransactions());
  }

  @Test
  @DisplayName("a response with any one bit flipped (FINGERPRINT recomputed) never validates the pair")
  void flippedResponseBit() {
    deliver(PEER_ADDRESS, signed(check(id()).build()));
    clock.advance(Duration.ofMillis(50));
    StunMessage ourCheck = wire.last().message();
    byte[] good = encode(StunMessage.successResponse(ourCheck).add(new XorMappedAddress(BASE)).build(), PEER.key(),
        true);
    for (int i = 0; i < good.length - 8; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = good.clone();
        flipped[i] ^= (byte) (1 << bit);
        deliver(PEER_ADDRESS, withFingerprintRecomputed(flipped));
      }
    }
    assertEquals(CandidatePairState.IN_PROGRESS, agent.candidatePairs().get(0).state());
    assertEquals(IceComponentState.CONNECTING, agent.state());
    deliver(PEER_ADDRESS, good);
    assertEquals(CandidatePairState.SUCCEEDED, agent.candidatePairs().get(0).state());
  }

  /** RFC 8489 section 14.7, computed here independently of the codec: CRC-32 XOR 0x5354554E. */
  private static byte[] withFingerprintRecomputed(byte[] message) {
    byte[] copy = message.clone();
    int at = copy.length - 8;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(copy, 0, at);
    java.nio.ByteBuffer.wrap(copy, at + 4, 4).putInt((int) crc.getValue() ^ 0x5354554E);
    return copy;
  }
}
