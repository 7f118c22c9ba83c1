package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * An RTCP compound packet (RFC 3550 section 6.1): RTCP packets stacked back to back in one datagram,
 * each with its own header and length.
 * <pre>
 * +--------+---------------+--------+-------------+--------+--------------------+
 * | header | SR / RR body  | header | SDES body   | header | feedback ... [pad] |
 * +--------+---------------+--------+-------------+--------+--------------------+
 * |&lt;-- (length+1)*4 ----&gt;|&lt;-- (length+1)*4 --&gt;|&lt;---- (length+1)*4 -------&gt;|
 * </pre>
 *
 * <p><b>Validation</b> (RFC 3550 Appendix A.2, with each sub-packet checked against its own declared
 * length, never the compound's, as Janus learned from fuzzing): every sub-packet has version 2 and a
 * length that fits the bytes left; only the last may have the P bit, with a padding count from 1 to
 * its body length; the known types check their own counts (SR/RR report blocks, SDES items, BYE
 * reason, NACK, PLI, FIR, REMB, transport-cc). One bad sub-packet rejects the whole compound and
 * {@link #validate} names the {@link RtcpDropReason}. Unknown types are kept as {@link RtcpUnknown}
 * and do not spoil the rest. The rule that a compound starts with SR or RR is not enforced, so
 * reduced-size RTCP (RFC 5506) is accepted.
 *
 * <p><b>Ownership.</b> Parsing does not take ownership of the input and does not move its indices.
 * Known packets are decoded into values that do not refer to the input; {@link RtcpUnknown} packets
 * hold slices of it, so a compound containing them is valid only while the input is alive.
 *
 * @param packets the sub-packets in wire order, at most {@value #MAX_PACKETS}
 */
public record RtcpCompound(List<RtcpPacket> packets) {

  /** Sub-packets accepted in one compound; a real one holds a handful. */
  public static final int MAX_PACKETS = 256;

  private static final RtcpDropReason[] REASONS = RtcpDropReason.values();

  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException if there are more than {@value #MAX_PACKETS} packets
   */
  public RtcpCompound {
    packets = List.copyOf(packets);
    RtcpHeader.checkRange(packets.size(), MAX_PACKETS, "RTCP packets");
  }

  /** A compound of the given packets, in order. */
  public static RtcpCompound of(RtcpPacket... packets) {
    return new RtcpCompound(List.of(packets));
  }

  /**
   * Parses the readable bytes of {@code buf}. Does not take ownership and does not move the reader
   * index.
   *
   * @return the compound, or {@code null} if any sub-packet is malformed
   */
  public static RtcpCompound parse(ByteBuf buf) {
    return parse(buf, buf.readerIndex(), buf.readableBytes());
  }

  /**
   * Parses {@code length} bytes of {@code buf} from absolute index {@code offset}. Does not take
   * ownership; the caller releases {@code buf}, and keeps it alive while it uses any
   * {@link RtcpUnknown} of the result.
   *
   * @return the compound, or {@code null} if any sub-packet is malformed ({@link #validate} says
   *     which way)
   * @throws IndexOutOfBoundsException if the range is not inside the buffer's capacity (a caller bug)
   */
  public static RtcpCompound parse(ByteBuf buf, int offset, int length) {
    List<RtcpPacket> packets = new ArrayList<>(4);
    return decode(buf, offset, length, packets) == null ? new RtcpCompound(packets) : null;
  }

  /**
   * Runs the checks of {@link #parse}; meant for the drop path, to learn which reason to count.
   *
   * @return {@code null} if the compound is valid, otherwise the first problem found
   * @throws IndexOutOfBoundsException if the range is not inside the buffer's capacity
   */
  public static RtcpDropReason validate(ByteBuf buf, int offset, int length) {
    return decode(buf, offset, length, new ArrayList<>(4));
  }

  /** Walks the compound, adding each sub-packet to {@code out}; returns null or the reason. */
  private static RtcpDropReason decode(ByteBuf buf, int offset, int length, List<RtcpPacket> out) {
    if (offset < 0 || length < 0 || offset > buf.capacity() - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + ", capacity " + buf.capacity());
    }
    if (length == 0) {
      return RtcpDropReason.TOO_SHORT;
    }
    int end = offset + length;
    int i = offset;
    while (i < end) {
      if (end - i < RtcpHeader.LENGTH) {
        return RtcpDropReason.TOO_SHORT;
      }
      int first = buf.getUnsignedByte(i);
      if (first >>> 6 != 2) {
        return RtcpDropReason.BAD_VERSION;
      }
      // (length + 1) * 4 is at most 262144, so int arithmetic cannot overflow here.
      int packetLength = (buf.getUnsignedShort(i + 2) + 1) * 4;
      if (packetLength > end - i) {
        return RtcpDropReason.BAD_LENGTH;
      }
      int padding = 0;
      if ((first & 0x20) != 0) {
        // RFC 3550 section 6.4.1: padding only on the last packet; the count includes itself.
        padding = buf.getUnsignedByte(i + packetLength - 1);
        if (i + packetLength != end || padding == 0 || padding > packetLength - RtcpHeader.LENGTH) {
          return RtcpDropReason.BAD_PADDING;
        }
      }
      if (out.size() == MAX_PACKETS) {
        return RtcpDropReason.TOO_MANY_PACKETS;
      }
      RtcpDropReason reason = decodeOne(buf, i, packetLength, padding, first & 0x1F, out);
      if (reason != null) {
        return reason;
      }
      i += packetLength;
    }
    return null;
  }

  /** Dispatches one sub-packet on PT (and FMT for feedback); returns null or the type's reason. */
  private static RtcpDropReason decodeOne(ByteBuf buf, int start, int packetLength, int padding,
      int count, List<RtcpPacket> out) {
    int body = start + RtcpHeader.LENGTH;
    int bodyLength = packetLength - RtcpHeader.LENGTH - padding;
    RtcpPacket packet;
    RtcpDropReason reason;
    switch (buf.getUnsignedByte(start + 1)) {
      case RtcpPacket.SR -> {
        packet = RtcpSenderReport.parse(buf, body, bodyLength, count);
        reason = RtcpDropReason.BAD_SENDER_REPORT;
      }
      case RtcpPacket.RR -> {
        packet = RtcpReceiverReport.parse(buf, body, bodyLength, count);
        reason = RtcpDropReason.BAD_RECEIVER_REPORT;
      }
      case RtcpPacket.SDES -> {
        packet = RtcpSdes.parse(buf, body, bodyLength, count);
        reason = RtcpDropReason.BAD_SDES;
      }
      case RtcpPacket.BYE -> {
        packet = RtcpBye.parse(buf, body, bodyLength, count);
        reason = RtcpDropReason.BAD_BYE;
      }
      case RtcpPacket.RTPFB -> {
        if (count == RtcpNack.FMT) {
          packet = RtcpNack.parse(buf, body, bodyLength);
          reason = RtcpDropReason.BAD_NACK;
        } else if (count == RtcpTransportCc.FMT) {
          packet = RtcpTransportCc.parse(buf, body, bodyLength);
          reason = RtcpDropReason.BAD_TRANSPORT_CC;
        } else {
          packet = unknown(buf, start, packetLength);
          reason = null;
        }
      }
      case RtcpPacket.PSFB -> {
        if (count == RtcpPli.FMT) {
          packet = RtcpPli.parse(buf, body, bodyLength);
          reason = RtcpDropReason.BAD_PLI;
        } else if (count == RtcpFir.FMT) {
          packet = RtcpFir.parse(buf, body, bodyLength);
          reason = RtcpDropReason.BAD_FIR;
        } else if (count == RtcpRemb.FMT && RtcpRemb.isRemb(buf, body, bodyLength)) {
          packet = RtcpRemb.parse(buf, body, bodyLength);
          reason = RtcpDropReason.BAD_REMB;
        } else {
          packet = unknown(buf, start, packetLength);
          reason = null;
        }
      }
      default -> {
        packet = unknown(buf, start, packetLength);
        reason = null;
      }
    }
    if (packet == null) {
      return reason;
    }
    out.add(packet);
    return null;
  }

  private static RtcpUnknown unknown(ByteBuf buf, int start, int packetLength) {
    return new RtcpUnknown(buf.slice(start, packetLength));
  }

  /** Bytes {@link #writeTo} writes. */
  public int encodedLength() {
    int length = 0;
    for (RtcpPacket packet : packets) {
      length += packet.encodedLength();
    }
    return length;
  }

  /**
   * Writes every packet in order at {@code out}'s writer index. Does not take ownership of
   * {@code out}: the caller allocated it and releases it.
   */
  public void writeTo(ByteBuf out) {
    for (RtcpPacket packet : packets) {
      packet.writeTo(out);
    }
  }

  /**
   * Writes the compound into a new buffer from {@code alloc}, sized exactly. Ownership of the returned
   * buffer passes to the caller, who releases it (or passes it on, e.g. to SRTCP protection).
   */
  public ByteBuf encode(ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer(encodedLength());
    try {
      writeTo(out);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /** The packets of one type, in order (for a caller that handles, say, every NACK). */
  public <T extends RtcpPacket> List<T> packetsOf(Class<T> type) {
    List<T> matching = new ArrayList<>();
    for (RtcpPacket packet : packets) {
      if (type.isInstance(packet)) {
        matching.add(type.cast(packet));
      }
    }
    return matching;
  }
}
