package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * One reception report block of a sender or receiver report (RFC 3550 section 6.4.1): what the
 * reporter has received from source {@code ssrc}.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_n (SSRC of source n)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |    cumulative number of packets lost (signed) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * @param ssrc the source reported on
 * @param fractionLost losses since the previous report, as a fixed-point fraction of 256 (0..255)
 * @param cumulativeLost packets lost since reception began; signed 24 bits, since duplicates can
 *     make it negative
 * @param extendedHighestSequence cycles in the high 16 bits, highest sequence number in the low 16
 * @param jitter interarrival jitter in timestamp units (unsigned 32 bits)
 * @param lastSenderReport the middle 32 bits of the NTP timestamp of the last SR received
 * @param delaySinceLastSenderReport in units of 1/65536 seconds
 */
public record RtcpReportBlock(int ssrc, int fractionLost, int cumulativeLost,
    long extendedHighestSequence, long jitter, long lastSenderReport,
    long delaySinceLastSenderReport) {

  /** Bytes of one block. */
  public static final int LENGTH = 24;

  /** Smallest cumulative loss a 24-bit signed field holds. */
  public static final int MIN_CUMULATIVE_LOST = -0x800000;

  /** Largest cumulative loss a 24-bit signed field holds. */
  public static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;

  /**
   * Checks every field's range.
   *
   * @throws IllegalArgumentException if a value does not fit its wire field
   */
  public RtcpReportBlock {
    RtcpHeader.checkRange(fractionLost, 0xFF, "fraction lost");
    if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
      throw new IllegalArgumentException("cumulative lost " + cumulativeLost);
    }
    RtcpHeader.checkUnsigned32(extendedHighestSequence, "extended highest sequence");
    RtcpHeader.checkUnsigned32(jitter, "jitter");
    RtcpHeader.checkUnsigned32(lastSenderReport, "LSR");
    RtcpHeader.checkUnsigned32(delaySinceLastSenderReport, "DLSR");
  }

  /** Reads the block at absolute {@code index}; the caller has checked that 24 bytes are there. */
  static RtcpReportBlock read(ByteBuf buf, int index) {
    int lost = buf.getInt(index + 4);
    return new RtcpReportBlock(
        buf.getInt(index),
        lost >>> 24,
        (lost << 8) >> 8, // sign-extend the 24-bit field
        buf.getUnsignedInt(index + 8),
        buf.getUnsignedInt(index + 12),
        buf.getUnsignedInt(index + 16),
        buf.getUnsignedInt(index + 20));
  }

  /** Writes the block at the writer index. Does not take ownership of {@code out}. */
  void writeTo(ByteBuf out) {
    out.writeInt(ssrc);
    out.writeInt(fractionLost << 24 | (cumulativeLost & 0xFFFFFF));
    out.writeInt((int) extendedHighestSequence);
    out.writeInt((int) jitter);
    out.writeInt((int) lastSenderReport);
    out.writeInt((int) delaySinceLastSenderReport);
  }
}
