package org.rivulet.transport.tcp;

/**
 * What the ICE-TCP framing did: frames decoded and encoded, and the drops of {@link Rfc4571FrameDecoder},
 * {@link Rfc4571FrameEncoder} and {@link FramedDatagramHandler}. One instance may serve every connection
 * accepted by one listener, because a listener's connections all live on the listener's event loop.
 *
 * <p>Threading: plain {@code long} fields, no synchronisation, because only that one event loop writes
 * them. Read them on that loop; read from elsewhere they may be stale (and, on a 32-bit JVM, torn).
 */
public final class Rfc4571Counters {

  long framesDecoded;
  long zeroLengthFrames;
  long truncatedAtClose;
  long framesEncoded;
  long oversizeRefused;
  long unroutable;

  /** Creates counters at zero. */
  public Rfc4571Counters() {}

  /** Non-empty frames the decoder handed on. */
  public long framesDecoded() {
    return framesDecoded;
  }

  /** Frames with a LENGTH of zero, which the decoder dropped. */
  public long zeroLengthFrames() {
    return zeroLengthFrames;
  }

  /** Connections that ended in the middle of a frame (or of its length field); the partial frame was dropped. */
  public long truncatedAtClose() {
    return truncatedAtClose;
  }

  /** Frames the encoder prefixed and wrote. */
  public long framesEncoded() {
    return framesEncoded;
  }

  /** Outbound frames longer than 65535 bytes, which the encoder refused and released. */
  public long oversizeRefused() {
    return oversizeRefused;
  }

  /**
   * Datagrams that could not be matched to the connection's peer, released: outbound ones addressed to
   * someone else, inbound frames on a channel whose peer address is unknown.
   */
  public long unroutable() {
    return unroutable;
  }

  @Override
  public String toString() {
    return "{decoded=" + framesDecoded + ", zeroLength=" + zeroLengthFrames + ", truncatedAtClose="
        + truncatedAtClose + ", encoded=" + framesEncoded + ", oversizeRefused=" + oversizeRefused
        + ", unroutable=" + unroutable + '}';
  }
}
