package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * An RTCP packet Rivulet does not interpret, kept raw: APP (204), XR (207), feedback formats other
 * than NACK, transport-cc, PLI, FIR and REMB, and packet types no RFC here defines. Unknown packets
 * do not spoil their compound (as in Jitsi Videobridge); they are carried along and written back
 * byte for byte, header and padding included.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| count/FMT |      PT       |             length          |  packet()
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        body ...                               |  body()
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p><b>Ownership.</b> This is a view: it holds a slice of the buffer it was parsed from (or given),
 * never retains or releases it, and is valid only while that buffer is alive and unchanged. Copy the
 * bytes to keep them longer. Equality compares the bytes.
 */
public final class RtcpUnknown implements RtcpPacket {

  private final ByteBuf packet;

  /**
   * Wraps the readable bytes of {@code packet}, one whole RTCP packet, header included. Does not take
   * ownership; the bytes are not copied.
   *
   * @throws IllegalArgumentException if the bytes are not one packet with version 2 whose length
   *     field matches
   */
  public RtcpUnknown(ByteBuf packet) {
    int length = packet.readableBytes();
    int start = packet.readerIndex();
    if (length < RtcpHeader.LENGTH
        || packet.getUnsignedByte(start) >>> 6 != 2
        || (packet.getUnsignedShort(start + 2) + 1) * 4 != length) {
      throw new IllegalArgumentException("not one RTCP packet: " + ByteBufUtil.hexDump(packet));
    }
    this.packet = packet.slice();
  }

  /** The whole packet, header included, sharing memory with the source; not retained. */
  public ByteBuf packet() {
    return packet.duplicate();
  }

  /** The bytes after the 4-byte header, padding included; not retained. */
  public ByteBuf body() {
    return packet.slice(RtcpHeader.LENGTH, packet.readableBytes() - RtcpHeader.LENGTH);
  }

  /** The 5-bit count or FMT field. */
  public int count() {
    return packet.getUnsignedByte(0) & 0x1F;
  }

  /** The P bit. */
  public boolean hasPadding() {
    return (packet.getByte(0) & 0x20) != 0;
  }

  @Override
  public int packetType() {
    return packet.getUnsignedByte(1);
  }

  @Override
  public int encodedLength() {
    return packet.readableBytes();
  }

  @Override
  public void writeTo(ByteBuf out) {
    out.writeBytes(packet, packet.readerIndex(), packet.readableBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtcpUnknown other && ByteBufUtil.equals(packet, other.packet);
  }

  @Override
  public int hashCode() {
    return ByteBufUtil.hashCode(packet);
  }

  @Override
  public String toString() {
    return "RtcpUnknown[pt=" + packetType() + ", count=" + count() + ", length=" + encodedLength() + ']';
  }
}
