package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One packet of an RTCP compound (RFC 3550 section 6), every one of which starts with the same
 * 4-byte header:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| count/FMT |      PT       |  length (32-bit words - 1)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Implementations are immutable values with value equality, built either by
 * {@link RtcpCompound#parse} or by their constructors and factories. Writers never set the P bit:
 * every structure here pads itself to a 32-bit boundary with zero bytes where its RFC says so, so a
 * written packet can sit anywhere in a compound (RFC 3550 section 6.4.1 allows padding only on the
 * last one). {@link RtcpUnknown} is the exception: it writes its bytes exactly as received.
 */
public sealed interface RtcpPacket
    permits RtcpSenderReport, RtcpReceiverReport, RtcpSdes, RtcpBye, RtcpNack, RtcpPli, RtcpFir,
        RtcpRemb, RtcpTransportCc, RtcpUnknown {

  /** Sender report (RFC 3550 section 6.4.1). */
  int SR = 200;
  /** Receiver report (RFC 3550 section 6.4.2). */
  int RR = 201;
  /** Source description (RFC 3550 section 6.5). */
  int SDES = 202;
  /** Goodbye (RFC 3550 section 6.6). */
  int BYE = 203;
  /** Application-defined (RFC 3550 section 6.7); kept as {@link RtcpUnknown}. */
  int APP = 204;
  /** Transport-layer feedback (RFC 4585 section 6.2). */
  int RTPFB = 205;
  /** Payload-specific feedback (RFC 4585 section 6.3). */
  int PSFB = 206;
  /** Extended reports (RFC 3611); kept as {@link RtcpUnknown}. */
  int XR = 207;

  /** The PT field. */
  int packetType();

  /** Bytes {@link #writeTo} writes, header included; a multiple of 4. */
  int encodedLength();

  /**
   * Writes the packet at {@code out}'s writer index and advances it by {@link #encodedLength()}.
   * Does not take ownership of {@code out}: the caller allocated it and releases it.
   *
   * @throws IndexOutOfBoundsException if {@code out} cannot grow to hold the packet
   */
  void writeTo(ByteBuf out);

  /**
   * Writes the packet into a new buffer from {@code alloc}, sized exactly. Ownership of the returned
   * buffer passes to the caller, who releases it (or passes it on).
   */
  default ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer(encodedLength());
    try {
      writeTo(out);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }
}
