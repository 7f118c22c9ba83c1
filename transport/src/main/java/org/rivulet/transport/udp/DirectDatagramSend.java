package org.rivulet.transport.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a single datagram with one {@code sendto} on the channel's socket, from its event loop,
 * instead of through Netty's pipeline and outbound buffer. An SFU sends a viewer's audio packet
 * (and each one-packet frame, each RTCP report) on its own: Netty's write and flush of one
 * datagram (promise, outbound buffer entry, pooled direct copy, its flush loop) cost about as much
 * again as the system call's own overhead, measured at 3 µs of a 12 µs audio send per viewer.
 *
 * <p>Only when nothing can tell the difference: an open epoll datagram channel that no handler
 * must see ({@link DatagramBatcher#ONE_BY_ONE}), whose outbound buffer holds nothing, flushed or
 * not (so this datagram cannot overtake one Netty holds). When the socket's buffer is full
 * ({@code EAGAIN}) the datagram goes to Netty after all, which queues it until the socket drains.
 *
 * <p>Heap datagrams are copied into one direct scratch buffer that stays hot in the cache, where
 * Netty would take a pooled direct buffer per datagram (a JDK buffer, freed with the loop, not a
 * Netty one the leak detector would report). Not thread-safe: one per event loop.
 */
final class DirectDatagramSend {
  private static final Logger LOG = LoggerFactory.getLogger(DirectDatagramSend.class);

  private final ByteBuffer scratch = ByteBuffer.allocateDirect(DatagramBatcher.MAX_GSO_BYTES);
  private final long scratchAddress = PlatformDependent.directBufferAddress(scratch);
  private long sent;
  private long failed;

  /**
   * Sends {@code datagram} to {@code to} now and releases it; false, with {@code datagram} still
   * the caller's, when it must go through Netty. The caller has checked that {@code ch} is active
   * and that no handler must see its datagrams ({@link DatagramBatcher#ONE_BY_ONE}).
   */
  boolean trySend(EpollDatagramChannel ch, ByteBuf datagram, InetSocketAddress to) {
    if (to.isUnresolved()) {
      return false;
    }
    ChannelOutboundBuffer queued = ch.unsafe().outboundBuffer();
    int length = datagram.readableBytes();
    // Counts what was written but not flushed too (isEmpty() does not): every entry adds to it.
    if (queued == null || queued.totalPendingWriteBytes() != 0 || length > scratch.capacity()) {
      return false;
    }
    long address;
    if (datagram.hasMemoryAddress()) {
      address = datagram.memoryAddress() + datagram.readerIndex();
    } else {
      scratch.clear().limit(length);
      datagram.getBytes(datagram.readerIndex(), scratch);
      address = scratchAddress;
    }
    int written;
    try {
      written = ((Socket) ch.fd()).sendToAddress(address, 0, length, to.getAddress(), to.getPort());
    } catch (IOException e) {
      // As Netty does with a datagram the socket refused (no route, message too long): drop it,
      // count it, go on with the next.
      failed++;
      LOG.debug("A datagram to {} was refused: {}", to, e.getMessage());
      datagram.release();
      return true;
    }
    if (written == 0 && length > 0) {
      return false; // EAGAIN: Netty queues it and waits for the socket to drain
    }
    datagram.release();
    sent++;
    return true;
  }

  /** Datagrams sent this way so far. */
  long sent() {
    return sent;
  }

  /** Datagrams the socket refused with an error other than a full buffer. */
  long failed() {
    return failed;
  }
}
