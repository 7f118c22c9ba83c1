package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Rivulet DTLS client against a Rivulet DTLS server, in process, over queues and real executor
 * threads (an immediate executor cannot work here: each blocking handshake needs the other side to run
 * at the same time). Each test is bounded by {@code @Timeout}; none asserts on time.
 */
class DtlsTransportTest {
  private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

  private static DtlsCertificate ecdsaClient;
  private static DtlsCertificate ecdsaServer;
  private static DtlsCertificate stranger;
  /** One RSA key for the class: generating it is the slow part. Used by either side. */
  private static DtlsCertificate rsa;

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void certificates() {
    ecdsaClient = DtlsCertificate.generate(DtlsKeyType.ECDSA);
    ecdsaServer = DtlsCertificate.generate(DtlsKeyType.ECDSA);
    stranger = DtlsCertificate.generate(DtlsKeyType.ECDSA);
    rsa = DtlsCertificate.generate(DtlsKeyType.RSA);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  private DtlsPair pair(DtlsPair p) {
    cleanup.add(p);
    return p;
  }

  private ExecutorService executor(String name) {
    ExecutorService e = Executors.newSingleThreadExecutor(DtlsPair.daemon(name));
    cleanup.add(e::shutdownNow);
    return e;
  }

  private static DtlsCertificate certificate(DtlsKeyType type, boolean client) {
    if (type == DtlsKeyType.RSA) {
      return rsa;
    }
    return client ? ecdsaClient : ecdsaServer;
  }

  @ParameterizedTest(name = "client {0}, server {1}")
  @CsvSource({"ECDSA, ECDSA", "RSA, RSA", "ECDSA, RSA", "RSA, ECDSA"})
  @Timeout(30)
  void handshakeConnectsBothSidesWithMirroredKeys(DtlsKeyType clientType, DtlsKeyType serverType)
      throws Exception {
    DtlsPair p = pair(DtlsPair.trusting(certificate(clientType, true), certificate(serverType, false),
        DtlsSrtpProfile.PREFERENCE, DtlsSrtpProfile.PREFERENCE));
    p.start();

    assertEquals(DtlsState.CONNECTED, p.clientEvents.awaitConnectedOrTerminal());
    assertEquals(DtlsState.CONNECTED, p.serverEvents.awaitConnectedOrTerminal());
    assertEquals(List.of(DtlsState.CONNECTING, DtlsState.CONNECTED), p.clientEvents.states);
    assertEquals(List.of(DtlsState.CONNECTING, DtlsState.CONNECTED), p.serverEvents.states);
    assertEquals(DtlsState.CONNECTED, p.client.state());
    assertNull(p.client.failureReason());

    DtlsSrtpKeys clientKeys = p.client.handshakeFuture().get();
    DtlsSrtpKeys serverKeys = p.server.handshakeFuture().get();
    assertSame(clientKeys, p.clientEvents.keys.get());
    assertMirrored(clientKeys, serverKeys);
    assertEquals(DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM, clientKeys.profile());
    assertEquals(0x0007, serverKeys.profileId());
  }

  private static void assertMirrored(DtlsSrtpKeys client, DtlsSrtpKeys server) {
    assertEquals(client.profile(), server.profile());
    assertArrayEquals(client.localMasterKey(), server.remoteMasterKey());
    assertArrayEquals(client.localMasterSalt(), server.remoteMasterSalt());
    assertArrayEquals(client.remoteMasterKey(), server.localMasterKey());
    assertArrayEquals(client.remoteMasterSalt(), server.localMasterSalt());
    assertFalse(Arrays.equals(client.localMasterKey(), client.remoteMasterKey()),
        "the two directions must use different keys");
    assertEquals(client.profile().masterKeyLength(), client.localMasterKey().length);
    assertEquals(client.profile().masterSaltLength(), client.localMasterSalt().length);
  }

  @Test
  @DisplayName("a pipe that loses the first datagram each way: Bouncy Castle retransmits (RFC 6347 4.2.4)")
  @Timeout(30)
  void handshakeSurvivesLostFirstFlights() throws Exception {
    DtlsPair p = pair(new DtlsPair(
        DtlsPair.config(DtlsRole.CLIENT, ecdsaClient, ecdsaServer.fingerprint()).build(),
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint()).build(),
        List.of(0), List.of(0)));
    p.start();

    assertEquals(DtlsState.CONNECTED, p.clientEvents.awaitConnectedOrTerminal());
    assertEquals(DtlsState.CONNECTED, p.serverEvents.awaitConnectedOrTerminal());
    assertMirrored(p.client.handshakeFuture().get(), p.server.handshakeFuture().get());
  }

  static Stream<Arguments> profileChoices() {
    List<DtlsSrtpProfile> all = DtlsSrtpProfile.PREFERENCE;
    return Stream.of(
        Arguments.of("both offer everything: AES-128-GCM", all, all,
            DtlsSrtpProfile.SRTP_AEAD_AES_128_GCM),
        Arguments.of("client offers only AES_CM_80", List.of(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80),
            all, DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80),
        Arguments.of("client lists AES_CM_80 first, server prefers GCM",
            List.of(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80, DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM),
            all, DtlsSrtpProfile.SRTP_AEAD_AES_256_GCM),
        Arguments.of("server accepts only AES_CM_32", all,
            List.of(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32),
            DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profileChoices")
  @Timeout(30)
  void serverPicksItsPreferredCommonProfile(String name, List<DtlsSrtpProfile> clientProfiles,
      List<DtlsSrtpProfile> serverProfiles, DtlsSrtpProfile expected) throws Exception {
    DtlsPair p = pair(DtlsPair.trusting(ecdsaClient, ecdsaServer, clientProfiles, serverProfiles));
    p.start();

    DtlsSrtpKeys clientKeys = p.client.handshakeFuture().get();
    DtlsSrtpKeys serverKeys = p.server.handshakeFuture().get();
    assertEquals(expected, clientKeys.profile());
    assertMirrored(clientKeys, serverKeys);
  }

  @Test
  @DisplayName("no SRTP profile in common: handshake_failure, both FAILED, no keys (RFC 5764 4.1.2)")
  @Timeout(30)
  void noCommonProfileFailsBothSides() throws Exception {
    DtlsPair p = pair(DtlsPair.trusting(ecdsaClient, ecdsaServer,
        List.of(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32),
        List.of(DtlsSrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80)));
    p.start();

    assertFailed(p.server, p.serverEvents, DtlsFailureReason.NO_SRTP_PROFILE);
    assertFailed(p.client, p.clientEvents, DtlsFailureReason.ALERT);
  }

  @Test
  @DisplayName("server-side mismatch: the client's certificate is not the one in the remote SDP")
  @Timeout(30)
  void serverRejectsClientCertificateThatMatchesNoFingerprint() throws Exception {
    DtlsPair p = pair(new DtlsPair(
        DtlsPair.config(DtlsRole.CLIENT, ecdsaClient, ecdsaServer.fingerprint()).build(),
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, stranger.fingerprint()).build()));
    p.start();

    assertFailed(p.server, p.serverEvents, DtlsFailureReason.FINGERPRINT_MISMATCH);
    assertFailed(p.client, p.clientEvents, DtlsFailureReason.ALERT);
  }

  @Test
  @DisplayName("client-side mismatch: the server's certificate is not the one in the remote SDP")
  @Timeout(30)
  void clientRejectsServerCertificateThatMatchesNoFingerprint() throws Exception {
    DtlsPair p = pair(new DtlsPair(
        DtlsPair.config(DtlsRole.CLIENT, ecdsaClient, stranger.fingerprint()).build(),
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint()).build()));
    p.start();

    assertFailed(p.client, p.clientEvents, DtlsFailureReason.FINGERPRINT_MISMATCH);
    assertFailed(p.server, p.serverEvents, DtlsFailureReason.ALERT);
  }

  @Test
  @DisplayName("any listed fingerprint may match, whatever its hash function (RFC 8122 5)")
  @Timeout(30)
  void fingerprintWithAnotherHashFunctionMatches() throws Exception {
    DtlsPair p = pair(new DtlsPair(
        DtlsConfig.builder(DtlsRole.CLIENT, ecdsaClient,
            List.of(stranger.fingerprint(), ecdsaServer.fingerprint(FingerprintHash.SHA_512))).build(),
        DtlsConfig.builder(DtlsRole.SERVER, ecdsaServer,
            List.of(ecdsaClient.fingerprint(FingerprintHash.SHA_1))).build()));
    p.start();

    assertMirrored(p.client.handshakeFuture().get(), p.server.handshakeFuture().get());
  }

  private static void assertFailed(DtlsTransport t, RecordingListener events, DtlsFailureReason reason)
      throws InterruptedException {
    assertEquals(DtlsState.FAILED, events.awaitTerminal());
    assertEquals(reason, t.failureReason());
    assertEquals(reason, events.failure.get());
    assertEquals(DtlsState.FAILED, t.state());
    assertEquals(0, events.connectedCalls.get(), "no keys may be reported");
    assertNull(events.keys.get());
    assertFalse(events.states.contains(DtlsState.CONNECTED));
    ExecutionException e = assertThrows(ExecutionException.class, () -> t.handshakeFuture().get());
    assertEquals(reason, assertInstanceOf(DtlsHandshakeException.class, e.getCause()).reason());
    assertNull(t.dtlsTransport());
  }

  @Test
  @DisplayName("a ClientHello without use_srtp is refused with NO_SRTP_PROFILE (RELIABILITY B3.24)")
  @Timeout(30)
  void serverRefusesClientWithoutUseSrtp() throws Exception {
    DtlsTransport[] server = new DtlsTransport[1];
    QueueDatagramTransport plainSide = new QueueDatagramTransport(1200, 64, d -> server[0].offer(d));
    RecordingListener events = new RecordingListener();
    server[0] = new DtlsTransport(
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint()).build(),
        executor("dtls-server"), plainSide::offer, events);
    server[0].start();
    CompletableFuture<Void> plain = PlainBcPeers.runClient(plainSide);

    assertFailed(server[0], events, DtlsFailureReason.NO_SRTP_PROFILE);
    assertThrows(ExecutionException.class, () -> plain.get(60, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("a server that ignores use_srtp is refused by the client with NO_SRTP_PROFILE")
  @Timeout(30)
  void clientRefusesServerWithoutUseSrtp() throws Exception {
    DtlsTransport[] client = new DtlsTransport[1];
    QueueDatagramTransport plainSide = new QueueDatagramTransport(1200, 64, d -> client[0].offer(d));
    RecordingListener events = new RecordingListener();
    client[0] = new DtlsTransport(
        DtlsPair.config(DtlsRole.CLIENT, ecdsaClient, ecdsaServer.fingerprint()).build(),
        executor("dtls-client"), plainSide::offer, events);
    CompletableFuture<Void> plain = PlainBcPeers.runServer(plainSide, ecdsaServer);
    client[0].start();

    assertFailed(client[0], events, DtlsFailureReason.NO_SRTP_PROFILE);
    assertThrows(ExecutionException.class, () -> plain.get(60, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("a server whose client never speaks fails with TIMEOUT and has sent nothing")
  @Timeout(30)
  void silentClientTimesOutServer() throws Exception {
    AtomicInteger sent = new AtomicInteger();
    RecordingListener events = new RecordingListener();
    DtlsTransport server = new DtlsTransport(
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint())
            .handshakeTimeout(SHORT_TIMEOUT).build(),
        executor("dtls-server"), d -> sent.incrementAndGet(), events);
    server.start();

    assertFailed(server, events, DtlsFailureReason.TIMEOUT);
    assertEquals(0, sent.get(), "a DTLS server sends nothing before a ClientHello");
  }

  @Test
  @DisplayName("a client whose server never answers fails with TIMEOUT")
  @Timeout(30)
  void silentServerTimesOutClient() throws Exception {
    AtomicInteger sent = new AtomicInteger();
    RecordingListener events = new RecordingListener();
    DtlsTransport client = new DtlsTransport(
        DtlsPair.config(DtlsRole.CLIENT, ecdsaClient, ecdsaServer.fingerprint())
            .handshakeTimeout(SHORT_TIMEOUT).build(),
        executor("dtls-client"), d -> sent.incrementAndGet(), events);
    client.start();

    assertFailed(client, events, DtlsFailureReason.TIMEOUT);
    assertTrue(sent.get() >= 1, "the ClientHello was sent");
  }

  /** Datagrams that are not DTLS, or only look like it; none may break the server. */
  private static List<byte[]> garbage() {
    Random random = new Random(5764);
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[0]);
    out.add(new byte[] {22});
    out.add(new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0});
    for (int i = 0; i < 20; i++) {
      byte[] d = new byte[1 + random.nextInt(1400)];
      random.nextBytes(d);
      if (i % 2 == 0) {
        // A plausible handshake record header with random content and length.
        d = Arrays.copyOf(d, Math.max(d.length, 13));
        d[0] = 22;
        d[1] = (byte) 0xfe;
        d[2] = (byte) 0xfd;
        d[3] = 0;
        d[4] = 0;
      }
      out.add(d);
    }
    return out;
  }

  @Test
  @DisplayName("garbage alone: the server fails or ignores it, nothing escapes, it ends")
  @Timeout(30)
  void garbageNeverBreaksTheServer() throws Exception {
    Queue<Throwable> escaped = new ConcurrentLinkedQueue<>();
    ExecutorService thread = executor("dtls-server");
    Executor guarded = task -> thread.execute(() -> {
      try {
        task.run();
      } catch (Throwable t) {
        escaped.add(t);
      }
    });
    RecordingListener events = new RecordingListener();
    DtlsTransport server = new DtlsTransport(
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint())
            .handshakeTimeout(SHORT_TIMEOUT).build(),
        guarded, d -> { }, events);
    server.start();
    for (byte[] d : garbage()) {
      server.offer(d);
    }

    assertEquals(DtlsState.FAILED, events.awaitTerminal());
    assertTrue(server.failureReason() == DtlsFailureReason.TIMEOUT
        || server.failureReason() == DtlsFailureReason.PROTOCOL_ERROR, "reason " + server.failureReason());
    assertNull(events.keys.get());
    assertTrue(escaped.isEmpty(), "escaped: " + escaped);
  }

  @Test
  @DisplayName("garbage before the ClientHello is ignored and the handshake still completes")
  @Timeout(30)
  void garbageBeforeTheHandshakeIsIgnored() throws Exception {
    DtlsPair p = pair(DtlsPair.trusting(ecdsaClient, ecdsaServer,
        DtlsSrtpProfile.PREFERENCE, DtlsSrtpProfile.PREFERENCE));
    // Not handshake records: Bouncy Castle's record layer drops them without a word. The fake
    // application data record does take sequence number 0 of epoch 0 in the replay window, so the
    // real ClientHello (also number 0) is dropped as a replay and its retransmission carries on.
    p.server.offer(new byte[] {22});
    p.server.offer(new byte[] {23, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
    p.server.offer("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    p.start();

    assertMirrored(p.client.handshakeFuture().get(), p.server.handshakeFuture().get());
  }

  @Test
  @DisplayName("close_notify: the closing side and its peer both end CLOSED (RFC 5246 7.2.1)")
  @Timeout(30)
  void closeNotifyClosesBothSides() throws Exception {
    DtlsPair p = pair(DtlsPair.trusting(ecdsaClient, ecdsaServer,
        DtlsSrtpProfile.PREFERENCE, DtlsSrtpProfile.PREFERENCE));
    p.start();
    p.client.handshakeFuture().get();
    p.server.handshakeFuture().get();

    p.client.close();

    assertEquals(DtlsState.CLOSED, p.clientEvents.awaitTerminal());
    assertEquals(DtlsState.CLOSED, p.serverEvents.awaitTerminal());
    assertNull(p.server.failureReason());
    assertEquals(List.of(DtlsState.CONNECTING, DtlsState.CONNECTED, DtlsState.CLOSED),
        p.serverEvents.states);
  }

  @Test
  @DisplayName("application data after the handshake reaches the listener")
  @Timeout(30)
  void applicationDataReachesTheListener() throws Exception {
    DtlsPair p = pair(DtlsPair.trusting(ecdsaClient, ecdsaServer,
        DtlsSrtpProfile.PREFERENCE, DtlsSrtpProfile.PREFERENCE));
    p.start();
    p.client.handshakeFuture().get();
    p.server.handshakeFuture().get();
    byte[] message = "SCTP goes here".getBytes(StandardCharsets.US_ASCII);

    CompletableFuture<Void> sent = new CompletableFuture<>();
    p.client.execute(() -> {
      try {
        p.client.dtlsTransport().send(message, 0, message.length);
        sent.complete(null);
      } catch (IOException e) {
        sent.completeExceptionally(e);
      }
    });
    sent.get();

    assertArrayEquals(message, p.serverEvents.awaitApplicationData());
    assertEquals(DtlsState.CONNECTED, p.server.state());
  }

  @Test
  @DisplayName("close() during the handshake: CLOSED, the future fails with CANCELLED, no keys")
  @Timeout(30)
  void closeDuringHandshakeCancels() throws Exception {
    RecordingListener events = new RecordingListener();
    DtlsTransport server = new DtlsTransport(
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint()).build(),
        executor("dtls-server"), d -> { }, events);
    server.start();
    assertEquals(DtlsState.CONNECTING, events.await(DtlsState.CONNECTING));

    server.close();

    assertEquals(DtlsState.CLOSED, events.awaitTerminal());
    assertEquals(List.of(DtlsState.CONNECTING, DtlsState.CLOSED), events.states);
    assertEquals(DtlsFailureReason.CANCELLED, server.failureReason());
    ExecutionException e = assertThrows(ExecutionException.class, () -> server.handshakeFuture().get());
    assertEquals(DtlsFailureReason.CANCELLED,
        assertInstanceOf(DtlsHandshakeException.class, e.getCause()).reason());
    assertEquals(0, events.connectedCalls.get());
    assertFalse(server.offer(new byte[] {22}), "a closed transport takes no more datagrams");
  }

  @Test
  @DisplayName("close() before start(): CLOSED without a handshake")
  @Timeout(30)
  void closeBeforeStart() throws Exception {
    RecordingListener events = new RecordingListener();
    DtlsTransport server = new DtlsTransport(
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint()).build(),
        executor("dtls-server"), d -> { }, events);

    server.close();

    assertEquals(DtlsState.CLOSED, events.awaitTerminal());
    assertEquals(List.of(DtlsState.CLOSED), events.states);
    assertThrows(ExecutionException.class, () -> server.handshakeFuture().get());
  }

  @Test
  @Timeout(30)
  void startTwiceIsRefused() {
    DtlsTransport server = new DtlsTransport(
        DtlsPair.config(DtlsRole.SERVER, ecdsaServer, ecdsaClient.fingerprint()).build(),
        executor("dtls-server"), d -> { }, new RecordingListener());
    server.start();
    assertThrows(IllegalStateException.class, server::start);
    server.close();
  }
}
