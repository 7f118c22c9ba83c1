package org.rivulet.rtp.ext;

import org.rivulet.rtp.RtpPacket;

/**
 * The abs-send-time header extension ({@value #URI}): the sender's clock when the packet left, as a
 * 24-bit unsigned fixed-point number of seconds with 6 integer and 18 fractional bits, so it wraps
 * every 64 seconds. Receivers feed it to receive-side bandwidth estimation (REMB).
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=2   |        seconds, 6.18 fixed point (24 bits)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Reads and rewrites in place through {@link HeaderExtensions}; takes no ownership of anything.
 */
public final class AbsSendTime {

  /** The extmap URI negotiated in SDP. */
  public static final String URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

  /** Bytes of element data. */
  public static final int LENGTH = 3;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private AbsSendTime() {}

  /**
   * The 24-bit value of element {@code id}.
   *
   * @return 0..0xFFFFFF, or -1 if the element is absent or not {@value #LENGTH} bytes long
   */
  public static int read(RtpPacket packet, int id) {
    long location = HeaderExtensions.locate(packet, id);
    if (location < 0 || HeaderExtensions.dataLength(location) != LENGTH) {
      return -1;
    }
    return packet.buffer().getUnsignedMedium(HeaderExtensions.dataIndex(location));
  }

  /**
   * Rewrites element {@code id} in place.
   *
   * @return {@code true} if a {@value #LENGTH}-byte element with that ID was found and rewritten
   * @throws IllegalArgumentException unless {@code 0 <= value <= 0xFFFFFF}
   */
  public static boolean write(RtpPacket packet, int id, int value) {
    if ((value & ~0xFFFFFF) != 0) {
      throw new IllegalArgumentException("abs-send-time " + value);
    }
    long location = HeaderExtensions.locate(packet, id);
    if (location < 0 || HeaderExtensions.dataLength(location) != LENGTH) {
      return false;
    }
    packet.buffer().setMedium(HeaderExtensions.dataIndex(location), value);
    return true;
  }

  /** Converts a monotonic clock reading in nanoseconds to the wrapped 6.18 fixed-point value. */
  public static int fromNanos(long nanos) {
    long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
    long fraction = Math.floorMod(nanos, NANOS_PER_SECOND);
    // fraction < 1e9, so fraction << 18 stays far below 2^63.
    return (int) (((seconds & 0x3F) << 18) | ((fraction << 18) / NANOS_PER_SECOND));
  }

  /** Converts a 6.18 fixed-point value to nanoseconds within its 64-second period (rounded down). */
  public static long toNanos(int value) {
    return ((value & 0xFFFFFFL) * NANOS_PER_SECOND) >>> 18;
  }
}
