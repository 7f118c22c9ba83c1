package org.rivulet.transport.udp;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * A datagram whose bytes are made when it is about to be sent: a forwarded packet's copy, header
 * rewrite and SRTP protection. A {@link DatagramBatcher} makes each channel's datagrams just before
 * that channel's system call, so a fan-out's work is done receiver by receiver and each receiver's
 * packets leave as soon as they are ready, instead of all after all of them are.
 *
 * <p>Exactly one of {@link #build} or {@link #discard} is called, once, on the batcher's loop.
 */
public interface DeferredDatagram {
  /** The datagram, owned by the caller; null when it cannot be made (it was counted as dropped). */
  ByteBuf build();

  /** Releases what the datagram would have been made of: it will not be sent. */
  void discard();

  /** Makes the datagram now and hands it to {@code send}, unless it could not be made. */
  default void sendNow(Consumer<ByteBuf> send) {
    ByteBuf made = build();
    if (made != null) {
      send.accept(made);
    }
  }
}
