package org.rivulet.transport.udp;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * A datagram whose bytes are made when it is about to be sent: a forwarded packet's copy, header
 * rewrite and SRTP protection. A {@link DatagramBatcher} makes each channel's datagrams just before
 * that channel's system call, so a fan-out's work is done receiver by receiver and each receiver's
 * packets leave as soon as they are ready, instead of all after all of them are.
 *
 * <p>Exactly one of {@link #build}, {@link #buildInto} or {@link #discard} is called, once, on the
 * batcher's loop.
 */
public interface DeferredDatagram {
  /** The datagram, owned by the caller; null when it cannot be made (it was counted as dropped). */
  ByteBuf build();

  /**
   * Makes the datagram at the end of {@code out}, which has no readable bytes on entry (its reader
   * index at its writer index), so that its readable bytes are then the datagram, which the maker
   * may work on in place; returns its length, or -1 when it cannot be made (it was counted as
   * dropped), and then anything written past {@code out}'s writer index on entry is the caller's
   * to drop. A batcher makes a channel's datagrams one after another into one buffer this way: one
   * allocation for a keyframe's twenty packets instead of twenty. The default builds and copies.
   */
  default int buildInto(ByteBuf out) {
    ByteBuf made = build();
    if (made == null) {
      return -1;
    }
    try {
      int length = made.readableBytes();
      out.writeBytes(made, made.readerIndex(), length);
      return length;
    } finally {
      made.release();
    }
  }

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
