package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * SRTP and SRTCP that the validated peer sent before this side's DTLS handshake gave the keys.
 * The side that finishes the handshake first may send media at once (a browser answering as DTLS
 * server, or a DTLS client whose Finished crossed a busy server), so a keyframe's first packets
 * would otherwise be dropped and cost a PLI round trip. A few are held, in arrival order, with
 * their arrival times, and handed on once the keys are in place; beyond {@link #capacity} they
 * are refused and the caller drops and counts them.
 *
 * <p>Not thread-safe: the transport's loop only.
 */
final class EarlyMedia {
  /** What receives the held datagrams, with their arrival times, once keys are in place. */
  interface Receiver {
    void receive(ByteBuf datagram, long arrivalNanos);
  }

  private record Held(ByteBuf datagram, long arrivalNanos) { }

  private final int capacity;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private long replayed;
  private boolean discarded;

  EarlyMedia(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Takes ownership of {@code datagram} and returns true, or returns false when full or after
   * {@link #discard}.
   */
  boolean hold(ByteBuf datagram, long arrivalNanos) {
    if (discarded || held.size() >= capacity) {
      return false;
    }
    held.add(new Held(datagram, arrivalNanos));
    return true;
  }

  /** Hands every held datagram on, oldest first, passing ownership to {@code receiver}. */
  void replay(Receiver receiver) {
    Held h;
    while ((h = held.poll()) != null) {
      replayed++;
      receiver.receive(h.datagram(), h.arrivalNanos());
    }
  }

  /** Releases what is held and holds nothing more: the handshake failed or the transport closed. */
  int discard() {
    discarded = true;
    int n = held.size();
    Held h;
    while ((h = held.poll()) != null) {
      h.datagram().release();
    }
    return n;
  }

  int size() {
    return held.size();
  }

  /** Datagrams held and then handed on, since creation. */
  long replayed() {
    return replayed;
  }
}
