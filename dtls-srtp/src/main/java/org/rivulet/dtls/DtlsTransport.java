package org.rivulet.dtls;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS-SRTP association (RFC 5764) in the client or server role, on Bouncy Castle's blocking DTLS
 * API: the handshake with {@code use_srtp}, mutual certificate authentication against the remote SDP's
 * fingerprints (RFC 5763 section 5), the export of the SRTP keys, and then the records that follow
 * (close_notify, application data). Named after the W3C {@code RTCDtlsTransport}, whose states are
 * Kurento's {@link DtlsState}.
 *
 * <pre>
 *  event loop                DTLS executor (one task at a time for this transport)
 *  ──────────                ─────────────────────────────────────────────────────
 *  offer(datagram) ─▶ queue ─▶ handshake: DTLSServerProtocol.accept / DTLSClientProtocol.connect
 *                              (blocks; Bouncy Castle retransmits flights when receive times out)
 *  loop.execute(write) ◀─ sink ◀─ flights, alerts
 *                              then: drain task per burst of offers ─▶ close_notify, app data
 *  listener.onStateChange, onConnected(keys), onFailed(reason) ◀─ always on the executor
 * </pre>
 *
 * <h2>Threading</h2>
 * The handshake blocks, so it never runs on a Netty event loop: it runs on the caller's executor and
 * holds one of its threads until it ends, for at most the handshake timeout. Size that executor for the
 * number of concurrent handshakes. Once connected, the transport holds no thread: each burst of inbound
 * datagrams schedules a short drain task. All tasks of one transport run one at a time, in order, even on
 * a multi-threaded executor. {@link #offer}, {@link #close}, {@link #state} and the other accessors may be
 * called from any thread and never block. Listener calls and the handshake future's completion happen on
 * the executor; callers hop to the event loop themselves.
 *
 * <h2>Failure</h2>
 * No exception leaves this class because of what the peer sends: a bad handshake ends in
 * {@link DtlsState#FAILED} with a {@link DtlsFailureReason}; garbage that does not parse as DTLS is
 * ignored by Bouncy Castle's record layer, and the handshake timeout bounds a peer that never finishes.
 * Keys are exported only after the peer's certificate matched a fingerprint, its signature over the
 * handshake checked out, and its Finished message verified.
 */
public final class DtlsTransport {
  private static final Logger log = LoggerFactory.getLogger(DtlsTransport.class);

  /**
   * How long a drain task waits in Bouncy Castle's receive when a datagram is queued. It never waits in
   * practice (the datagram is there); zero would mean "forever" to Bouncy Castle.
   */
  private static final int DRAIN_WAIT_MILLIS = 1;

  private final DtlsConfig config;
  private final DtlsListener listener;
  private final SerialExecutor executor;
  private final QueueDatagramTransport queue;
  private final CompletableFuture<DtlsSrtpKeys> handshakeFuture = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closeRequested = new AtomicBoolean();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();

  /** Written only by executor tasks; read anywhere. */
  private volatile DtlsState state = DtlsState.NEW;
  private volatile DtlsFailureReason failureReason;
  private volatile DTLSTransport dtls;
  /** Executor tasks only. */
  private DtlsSrtpPeer peer;

  /**
   * @param executor runs the blocking handshake and the later record tasks; never an event loop
   * @param sink receives each outbound datagram (a fresh array it owns) on the executor thread; it must
   *     not block or throw, and typically does {@code channel.eventLoop().execute(() -> write(bytes))}
   * @param listener told of every state change, on the executor thread
   */
  public DtlsTransport(DtlsConfig config, Executor executor, Consumer<byte[]> sink, DtlsListener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.executor = new SerialExecutor(Objects.requireNonNull(executor, "executor"));
    this.listener = Objects.requireNonNull(listener, "listener");
    this.queue = new QueueDatagramTransport(config.mtu(), config.queueCapacity(), sink);
  }

  /**
   * Starts the handshake on the executor: NEW → CONNECTING, then CONNECTED or FAILED. A server waits for
   * the ClientHello; a client sends it. Any thread; once.
   *
   * @throws IllegalStateException when called twice
   * @throws RejectedExecutionException when the executor refuses the task
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("already started");
    }
    executor.execute(this::handshake);
  }

  /**
   * Hands an inbound DTLS datagram (first byte 20..63, RFC 7983) to this association. Copies it: does not
   * take ownership, the caller releases the buffer. Datagrams that arrive before {@link #start()} are
   * kept for the handshake. Any thread; never blocks.
   *
   * @return false when the datagram was dropped and counted (queue full, too large, or closed)
   */
  public boolean offer(ByteBuf datagram) {
    return afterOffer(queue.offer(datagram));
  }

  /**
   * As {@link #offer(ByteBuf)}, but keeps the array itself: the caller must not modify it afterwards.
   */
  public boolean offer(byte[] datagram) {
    return afterOffer(queue.offer(datagram));
  }

  private boolean afterOffer(boolean queued) {
    if (queued && state == DtlsState.CONNECTED) {
      scheduleDrain();
    }
    return queued;
  }

  /**
   * Ends the association. Before the handshake finishes: the handshake is abandoned, the state becomes
   * CLOSED and the handshake future fails with CANCELLED. When connected: a close_notify is sent and the
   * state becomes CLOSED. Idempotent; any thread; the work and the notifications happen on the executor.
   */
  public void close() {
    if (!closeRequested.compareAndSet(false, true)) {
      return;
    }
    if (state != DtlsState.CONNECTED) {
      // Wakes a handshake blocked in receive; it sees closeRequested and ends as CLOSED.
      queue.close();
    }
    try {
      executor.execute(this::closeTask);
    } catch (RejectedExecutionException e) {
      log.debug("DTLS {}: executor refused the close task", config.role(), e);
    }
  }

  public DtlsState state() {
    return state;
  }

  /**
   * Why the association failed or never connected; null while NEW, CONNECTING, CONNECTED, and after an
   * orderly close.
   */
  public DtlsFailureReason failureReason() {
    return failureReason;
  }

  /**
   * Completes on the executor with the keys when the handshake succeeds, or exceptionally with a
   * {@link DtlsHandshakeException} naming the reason. The same future every call.
   */
  public CompletableFuture<DtlsSrtpKeys> handshakeFuture() {
    return handshakeFuture;
  }

  public DtlsRole role() {
    return config.role();
  }

  /**
   * Bouncy Castle's DTLS transport once CONNECTED, for a layer that sends application data (SCTP for
   * data channels); null before. Use it only from tasks given to {@link #execute(Runnable)}: inbound
   * records are read by this class's drain tasks, which must not overlap other use.
   */
  public DTLSTransport dtlsTransport() {
    return dtls;
  }

  /** Runs a task on this association's executor, after the tasks already queued and never alongside them. */
  public void execute(Runnable task) {
    executor.execute(task);
  }

  /** Inbound datagrams dropped: queue full, too large, or arrived after close. */
  public long droppedDatagrams() {
    return queue.dropped();
  }

  // ---- executor tasks ----

  private void handshake() {
    if (closeRequested.get()) {
      closeWithoutKeys(null);
      return;
    }
    changeState(DtlsState.CONNECTING);
    DTLSTransport established;
    try {
      JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
      if (config.role() == DtlsRole.SERVER) {
        DtlsSrtpServer server = new DtlsSrtpServer(crypto, config);
        peer = server;
        established = new DTLSServerProtocol().accept(server, queue);
      } else {
        DtlsSrtpClient client = new DtlsSrtpClient(crypto, config);
        peer = client;
        established = new DTLSClientProtocol().connect(client, queue);
      }
    } catch (Exception e) {
      if (closeRequested.get()) {
        closeWithoutKeys(e);
      } else {
        fail(HandshakeFailures.classify(e), e);
      }
      return;
    }
    DtlsSrtpKeys keys = peer.keys();
    if (keys == null) {
      // Unreachable: both peers throw from notifyHandshakeComplete rather than leave keys unset.
      closeQuietly(established);
      fail(DtlsFailureReason.INTERNAL_ERROR, new IllegalStateException("handshake ended without keys"));
      return;
    }
    if (closeRequested.get()) {
      closeQuietly(established);
      closeWithoutKeys(null);
      return;
    }
    dtls = established;
    state = DtlsState.CONNECTED;
    notifyListener(() -> listener.onConnected(keys));
    notifyListener(() -> listener.onStateChange(DtlsState.CONNECTED));
    handshakeFuture.complete(keys);
    if (queue.pending() > 0) {
      scheduleDrain();
    }
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        drainScheduled.set(false);
        log.debug("DTLS {}: executor refused a drain task", config.role(), e);
      }
    }
  }

  /**
   * Feeds queued datagrams through Bouncy Castle's record layer: application data goes to the listener;
   * alerts, retransmitted handshake flights (answered by Bouncy Castle, RFC 6347 section 4.2.4) and
   * garbage are handled inside. Returns when the queue is empty.
   */
  private void drain() {
    // Cleared first: an offer after this point schedules another drain, so nothing is left behind.
    drainScheduled.set(false);
    DTLSTransport t = dtls;
    if (state != DtlsState.CONNECTED || t == null) {
      return;
    }
    try {
      byte[] buf = new byte[t.getReceiveLimit()];
      for (;;) {
        // Records already split from an earlier datagram come first.
        int n = t.receivePending(buf, 0, buf.length);
        if (n < 0) {
          if (queue.pending() == 0) {
            break;
          }
          n = t.receive(buf, 0, buf.length, DRAIN_WAIT_MILLIS);
        }
        if (n > 0) {
          byte[] data = Arrays.copyOf(buf, n);
          notifyListener(() -> listener.onApplicationData(data));
        }
        if (peer.closeNotifyReceived()) {
          // Bouncy Castle has answered with its own close_notify and closed the queue.
          changeState(DtlsState.CLOSED);
          return;
        }
      }
    } catch (IOException e) {
      if (peer.closeNotifyReceived() || closeRequested.get()) {
        changeState(DtlsState.CLOSED);
      } else {
        fail(HandshakeFailures.classify(e), e);
      }
    }
  }

  private void closeTask() {
    if (state == DtlsState.CONNECTED) {
      // Sends close_notify (RFC 5246 section 7.2.1), then closes the queue.
      closeQuietly(dtls);
      queue.close();
      changeState(DtlsState.CLOSED);
    } else if (state == DtlsState.NEW) {
      closeWithoutKeys(null);
    }
    // CONNECTING: the handshake task is ending and reports CLOSED itself. Terminal: nothing to do.
  }

  private void closeWithoutKeys(Throwable cause) {
    if (state.isTerminal()) {
      return;
    }
    failureReason = DtlsFailureReason.CANCELLED;
    queue.close();
    changeState(DtlsState.CLOSED);
    handshakeFuture.completeExceptionally(new DtlsHandshakeException(DtlsFailureReason.CANCELLED, cause));
  }

  private void fail(DtlsFailureReason reason, Throwable cause) {
    if (state.isTerminal()) {
      return;
    }
    failureReason = reason;
    queue.close();
    if (reason == DtlsFailureReason.INTERNAL_ERROR) {
      log.warn("DTLS {} failed unexpectedly", config.role(), cause);
    } else {
      log.debug("DTLS {} failed: {}", config.role(), reason, cause);
    }
    state = DtlsState.FAILED;
    notifyListener(() -> listener.onFailed(reason, cause));
    notifyListener(() -> listener.onStateChange(DtlsState.FAILED));
    handshakeFuture.completeExceptionally(new DtlsHandshakeException(reason, cause));
  }

  private void changeState(DtlsState next) {
    if (state.isTerminal()) {
      return;
    }
    state = next;
    notifyListener(() -> listener.onStateChange(next));
  }

  private void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("DTLS {}: listener threw", config.role(), e);
    }
  }

  private static void closeQuietly(DTLSTransport t) {
    try {
      t.close();
    } catch (IOException e) {
      // Closing sends close_notify; the association is over whether or not that send works.
    }
  }
}
