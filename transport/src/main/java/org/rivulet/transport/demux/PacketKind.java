package org.rivulet.transport.demux;

import io.netty.buffer.ByteBuf;

/**
 * What a datagram carries, judged by its first byte alone: the demultiplexing table of RFC 7983
 * section 7, as updated by RFC 9443.
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; STUN          (RFC 8489)
 *                  |      [16..19] -+--&gt; ZRTP          (RFC 6189)        dropped: never negotiated
 *      datagram --&gt;|      [20..63] -+--&gt; DTLS          (RFC 6347)
 *                  |      [64..79] -+--&gt; TURN channel  (RFC 8656)        dropped: no TURN yet
 *                  |    [128..191] -+--&gt; RTP / RTCP    (RFC 3550, 5761)
 *                  +----------------+
 *                  anything else (4..15, 80..127, 192..255) --&gt; unknown, dropped
 * </pre>
 *
 * <p>The ranges follow from each protocol's first byte: the two top bits of a STUN message are zero
 * (RFC 8489 section 5), DTLS content types are 20..63, and RTP/RTCP version 2 sets the top bits to
 * {@code 10}. QUIC, which RFC 9443 fits into the remaining values, is not spoken here.
 */
public enum PacketKind {
  /** 0..3: a STUN message (ICE connectivity checks and consent). */
  STUN,
  /** 16..19: ZRTP. */
  ZRTP,
  /** 20..63: a DTLS record. */
  DTLS,
  /** 64..79: TURN ChannelData. */
  TURN_CHANNEL,
  /** 128..191: RTP or RTCP, plain or protected; see {@link RtcpMux#isRtcp} to tell them apart. */
  RTP_OR_RTCP,
  /** Every other value. */
  UNKNOWN;

  private static final PacketKind[] BY_FIRST_BYTE = new PacketKind[256];

  static {
    for (int b = 0; b < 256; b++) {
      BY_FIRST_BYTE[b] = classify(b);
    }
  }

  /**
   * The kind of a datagram whose first byte is {@code firstByte}.
   *
   * @param firstByte the unsigned value of the first byte, 0..255
   * @throws IllegalArgumentException when {@code firstByte} is outside 0..255 (a caller bug)
   */
  public static PacketKind ofFirstByte(int firstByte) {
    if (firstByte < 0 || firstByte > 255) {
      throw new IllegalArgumentException("not an unsigned byte: " + firstByte);
    }
    return BY_FIRST_BYTE[firstByte];
  }

  /**
   * The kind of the datagram at {@code datagram}'s reader index ({@link #UNKNOWN} when it is
   * empty); reads its first byte without moving an index or taking ownership.
   */
  public static PacketKind of(ByteBuf datagram) {
    return datagram.isReadable()
        ? BY_FIRST_BYTE[datagram.getUnsignedByte(datagram.readerIndex())] : UNKNOWN;
  }

  // One test per range, as the figure above draws them.
  private static PacketKind classify(int b) {
    if (b <= 3) {
      return STUN;
    }
    if (b >= 16 && b <= 19) {
      return ZRTP;
    }
    if (b >= 20 && b <= 63) {
      return DTLS;
    }
    if (b >= 64 && b <= 79) {
      return TURN_CHANNEL;
    }
    if (b >= 128 && b <= 191) {
      return RTP_OR_RTCP;
    }
    return UNKNOWN;
  }
}
