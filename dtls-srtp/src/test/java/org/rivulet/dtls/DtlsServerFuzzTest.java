package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Feeds arbitrary datagrams to a server-role {@link DtlsTransport}: whatever arrives, the server ends in
 * FAILED (at the latest when its short handshake timeout expires), produces no keys, and lets no
 * exception out of its executor tasks. In a plain {@code mvn test} the inputs in
 * {@code DtlsServerFuzzTestInputs/<method>/} are replayed; {@code JAZZER_FUZZ=1} fuzzes for real (each
 * input lasts up to the handshake timeout, so expect tens of inputs per second, not thousands).
 *
 * <p>Input format, so that seeds can be written by hand: a sequence of datagrams, each a 2-byte
 * big-endian length followed by that many bytes (fewer if the input ends first); a final single byte is
 * a datagram of its own.
 */
class DtlsServerFuzzTest {
  /** Short, so that each input ends quickly; long enough for a ClientHello to be answered. */
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(100);

  private static final DtlsCertificate SERVER = DtlsCertificate.generate(DtlsKeyType.ECDSA);
  private static final DtlsCertificate CLIENT = DtlsCertificate.generate(DtlsKeyType.ECDSA);
  /** One thread for every input: each transport's tasks are done before the next input starts. */
  private static final ExecutorService THREAD =
      Executors.newSingleThreadExecutor(DtlsPair.daemon("dtls-fuzz"));

  @FuzzTest(maxDuration = "60s")
  void serverSurvivesArbitraryDatagrams(byte[] input) throws InterruptedException {
    Queue<Throwable> escaped = new ConcurrentLinkedQueue<>();
    Executor guarded = task -> THREAD.execute(() -> {
      try {
        task.run();
      } catch (Throwable t) {
        escaped.add(t);
      }
    });
    RecordingListener events = new RecordingListener();
    DtlsTransport server = new DtlsTransport(
        DtlsConfig.builder(DtlsRole.SERVER, SERVER, List.of(CLIENT.fingerprint()))
            .handshakeTimeout(HANDSHAKE_TIMEOUT).build(),
        guarded, d -> { }, events);
    for (byte[] datagram : datagrams(input)) {
      server.offer(datagram);
    }
    server.start();

    assertEquals(DtlsState.FAILED, events.awaitTerminal(), "states " + events.states);
    assertEquals(DtlsState.FAILED, server.state());
    // INTERNAL_ERROR would be a runtime exception inside Bouncy Castle or here: a finding.
    assertNotEquals(DtlsFailureReason.INTERNAL_ERROR, server.failureReason());
    assertNotEquals(DtlsFailureReason.CANCELLED, server.failureReason());
    assertEquals(0, events.connectedCalls.get());
    assertNull(events.keys.get());
    assertTrue(escaped.isEmpty(), "escaped: " + escaped);
  }

  /** Splits the input into length-prefixed datagrams (see the class comment). */
  static List<byte[]> datagrams(byte[] input) {
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    while (i < input.length) {
      if (input.length - i < 2) {
        out.add(Arrays.copyOfRange(input, i, input.length));
        break;
      }
      int length = (input[i] & 0xFF) << 8 | (input[i + 1] & 0xFF);
      int start = i + 2;
      int end = Math.min(input.length, start + length);
      out.add(Arrays.copyOfRange(input, start, end));
      i = end;
    }
    return out;
  }
}
