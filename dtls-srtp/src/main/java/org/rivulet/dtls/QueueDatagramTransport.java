package org.rivulet.dtls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Bouncy Castle's blocking {@link DatagramTransport} over a bounded queue, so that the DTLS code can run
 * on an executor thread while the datagrams come from, and go back to, a Netty event loop.
 *
 * <pre>
 *  event loop                      DTLS executor thread (Bouncy Castle)
 *  ──────────                      ────────────────────────────────────
 *  offer(datagram) ─copy─▶ [ bounded queue ] ──▶ receive(buf, off, len, waitMillis)
 *        (full: drop, count)
 *  sink ◀──────────── copy ─────────────────── send(buf, off, len)
 *  (the caller hops to the loop and writes)
 * </pre>
 *
 * <h2>Threading</h2>
 * {@link #offer} and {@link #close} may be called from any thread and never block. {@link #receive} and
 * {@link #send} are called by Bouncy Castle on the DTLS executor thread; {@code receive} blocks for at
 * most {@code waitMillis} (zero means until a datagram arrives or the transport closes, as
 * {@code DatagramReceiver} specifies). The sink runs on that executor thread: it must not block and must
 * not throw; a Netty caller hands the bytes to {@code channel.eventLoop().execute(...)}.
 *
 * <h2>Ownership</h2>
 * Offered bytes are copied, so the caller keeps (and releases) its buffer. Each array given to the sink
 * is a fresh copy that the sink owns.
 *
 * <h2>Closing</h2>
 * After {@link #close()}, offered datagrams are dropped, sends are dropped, and {@code receive} throws an
 * {@link IOException} at once, waking a blocked caller, so that a handshake or a record loop ends instead
 * of waiting out its timeout. Bouncy Castle closes the transport itself after a close_notify or a fatal
 * alert.
 */
public final class QueueDatagramTransport implements DatagramTransport {
  /**
   * The receive limit is at least this: a peer may use a larger MTU than ours (stacks on OpenSSL fill
   * an Ethernet frame), and its datagrams must still be read whole.
   */
  static final int MIN_RECEIVE_LIMIT = 1500;

  /** Put in the queue by {@link #close()} to wake a blocked receiver; compared by identity. */
  private final byte[] closedMarker = new byte[0];
  private final ArrayBlockingQueue<byte[]> inbound;
  private final int capacity;
  private final Consumer<byte[]> sink;
  private final int sendLimit;
  private final int receiveLimit;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param mtu the largest datagram to send (Kurento's {@code mtu}); also the minimum receive limit
   * @param capacity inbound datagrams held before further ones are dropped
   * @param sink receives each outbound datagram on the DTLS executor thread; must not block or throw
   */
  public QueueDatagramTransport(int mtu, int capacity, Consumer<byte[]> sink) {
    if (mtu < 1 || capacity < 1) {
      throw new IllegalArgumentException("mtu " + mtu + " and capacity " + capacity + " must be positive");
    }
    // One slot more than the capacity, so that close() can add its marker even to a full queue.
    this.inbound = new ArrayBlockingQueue<>(capacity + 1);
    this.capacity = capacity;
    this.sink = Objects.requireNonNull(sink, "sink");
    this.sendLimit = mtu;
    this.receiveLimit = Math.max(mtu, MIN_RECEIVE_LIMIT);
  }

  /**
   * Queues a copy of the buffer's readable bytes. Does not take ownership and does not move the reader
   * index: the caller releases the buffer. Any thread.
   *
   * @return false when the datagram was dropped (queue full, larger than the receive limit, or closed)
   */
  public boolean offer(ByteBuf datagram) {
    if (datagram.readableBytes() > receiveLimit) {
      return drop();
    }
    return offer(ByteBufUtil.getBytes(datagram));
  }

  /**
   * Queues a datagram. The array is kept as it is, not copied: the caller must not modify it afterwards.
   * Any thread.
   *
   * @return false when the datagram was dropped (queue full, larger than the receive limit, or closed)
   */
  public boolean offer(byte[] datagram) {
    if (closed || datagram.length > receiveLimit || inbound.size() >= capacity) {
      return drop();
    }
    return inbound.offer(datagram) || drop();
  }

  private boolean drop() {
    dropped.incrementAndGet();
    return false;
  }

  /**
   * Takes the next datagram, waiting up to {@code waitMillis} (zero: no limit). A datagram longer than
   * {@code len} is truncated, as a UDP socket truncates.
   *
   * @return the number of bytes copied into {@code buf}, or -1 when the wait timed out
   * @throws IOException when the transport is closed
   * @throws InterruptedIOException when the thread is interrupted (the interrupt flag stays set)
   */
  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    if (closed) {
      throw new IOException("transport closed");
    }
    byte[] datagram;
    try {
      datagram = waitMillis == 0 ? inbound.take() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a datagram");
    }
    if (datagram == null) {
      return -1;
    }
    if (datagram == closedMarker || closed) {
      throw new IOException("transport closed");
    }
    int n = Math.min(len, datagram.length);
    System.arraycopy(datagram, 0, buf, off, n);
    return n;
  }

  /**
   * Hands a copy of the datagram to the sink; dropped silently once closed (Bouncy Castle sends its
   * close_notify before closing, so nothing that matters is lost).
   *
   * @throws IOException when the datagram exceeds the send limit, which Bouncy Castle never produces
   *     since it fragments to {@link #getSendLimit()}
   */
  @Override
  public void send(byte[] buf, int off, int len) throws IOException {
    if (len > sendLimit) {
      // RFC 6347 section 4.1.1: records are never larger than the path MTU allows.
      throw new IOException("datagram of " + len + " bytes exceeds the send limit " + sendLimit);
    }
    if (closed) {
      return;
    }
    sink.accept(Arrays.copyOfRange(buf, off, off + len));
  }

  /** The MTU: Bouncy Castle fragments handshake messages and sizes records to fit it. */
  @Override
  public int getSendLimit() {
    return sendLimit;
  }

  /** The larger of the MTU and {@value #MIN_RECEIVE_LIMIT}. */
  @Override
  public int getReceiveLimit() {
    return receiveLimit;
  }

  /** Drops what is queued and wakes a blocked receiver. Idempotent; any thread. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      inbound.clear();
      inbound.offer(closedMarker);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Datagrams queued and not yet received. */
  public int pending() {
    return closed ? 0 : inbound.size();
  }

  /** Datagrams dropped so far: queue full, over the receive limit, or offered after close. */
  public long dropped() {
    return dropped.get();
  }
}
