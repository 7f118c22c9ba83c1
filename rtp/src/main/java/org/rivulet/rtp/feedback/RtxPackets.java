package org.rivulet.rtp.feedback;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.rivulet.rtp.RtpPacket;

/**
 * The RTP retransmission payload format of RFC 4588 section 4, for SSRC-multiplexed RTX streams
 * (a=ssrc-group:FID, payload type bound by {@code apt}): an RTX packet is the original header with
 * the RTX stream's payload type, sequence number and SSRC, then the original sequence number (OSN),
 * then the original payload. The timestamp, marker, CSRCs and header extensions stay as they were.
 * <pre>
 * original:  | header (PT, seq, SSRC)         | payload ...           | padding |
 * RTX:       | header (RTX PT, RTX seq, SSRC) | OSN (16) | payload ... |
 * </pre>
 * Padding is not carried over: it is not part of the payload, and whoever sends the RTX packet may
 * pad it anew.
 *
 * <p>Stateless; safe from any thread for distinct buffers.
 */
public final class RtxPackets {

  /** Bytes of the original sequence number field at the start of an RTX payload. */
  public static final int OSN_LENGTH = 2;

  private RtxPackets() {}

  /**
   * Builds the RTX packet that retransmits {@code original}, in a new buffer from {@code alloc}
   * with at least {@code tailroom} writable bytes after it (for an SRTP authentication tag).
   * Does not take ownership of {@code original}'s buffer and leaves it unchanged; ownership of the
   * returned buffer passes to the caller. The caller updates any header extension that must differ
   * per transmission (the transport-wide sequence number) in the returned packet.
   *
   * @param rtxPayloadType payload type of the RTX stream, 0..127
   * @param rtxSsrc SSRC of the RTX stream
   * @param rtxSeq next sequence number of the RTX stream, 0..65535
   * @param tailroom extra capacity to reserve after the packet, at least 0
   * @return a buffer whose readable bytes are the RTX packet
   * @throws IllegalArgumentException if a value is out of range
   */
  public static ByteBuf wrap(ByteBufAllocator alloc, RtpPacket original, int rtxPayloadType,
      int rtxSsrc, int rtxSeq, int tailroom) {
    if (rtxPayloadType < 0 || rtxPayloadType > 127 || (rtxSeq & ~0xFFFF) != 0 || tailroom < 0) {
      throw new IllegalArgumentException(
          "RTX payload type " + rtxPayloadType + ", sequence number " + rtxSeq + ", tailroom "
              + tailroom);
    }
    ByteBuf src = original.buffer();
    int header = original.headerLength();
    int payload = original.payloadLength();
    ByteBuf out = alloc.buffer(header + OSN_LENGTH + payload + tailroom);
    try {
      int start = out.writerIndex();
      out.writeBytes(src, original.offset(), header);
      out.writeShort(original.sequenceNumber());
      out.writeBytes(src, original.payloadOffset(), payload);
      out.setByte(start, out.getByte(start) & ~0x20);
      out.setByte(start + 1, (out.getByte(start + 1) & 0x80) | rtxPayloadType);
      out.setShort(start + 2, rtxSeq);
      out.setInt(start + 8, rtxSsrc);
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  /**
   * Turns the RTX packet in the readable bytes of {@code rtx} back into the original packet, in
   * place: the header moves 2 bytes forward over the OSN, the reader index follows it, and the
   * sequence number, payload type (marker kept) and SSRC become the original's. Does not take
   * ownership; the buffer must be writable. Padding of the RTX packet, if any, stays at the end.
   *
   * @param originalPayloadType the payload type the RTX payload type is associated with
   *     ({@code apt}), 0..127
   * @param originalSsrc SSRC of the original stream
   * @return a view of the original packet in {@code rtx}, or {@code null} with the buffer untouched
   *     when the bytes are not valid RTP or the payload is too short to hold an OSN (a padding-only
   *     probe, or RELIABILITY.md B5 item 58)
   * @throws IllegalArgumentException if {@code originalPayloadType} is out of range
   */
  public static RtpPacket unwrap(ByteBuf rtx, int originalPayloadType, int originalSsrc) {
    if (originalPayloadType < 0 || originalPayloadType > 127) {
      throw new IllegalArgumentException("payload type " + originalPayloadType);
    }
    RtpPacket packet = RtpPacket.parse(rtx);
    if (packet == null || packet.payloadLength() < OSN_LENGTH) {
      return null;
    }
    int osn = rtx.getUnsignedShort(packet.payloadOffset());
    moveUp(rtx, packet.offset(), packet.headerLength());
    rtx.readerIndex(packet.offset() + OSN_LENGTH);
    // Same first byte and extension length, 2 bytes shorter, payload >= 0: always valid again.
    RtpPacket original = RtpPacket.parse(rtx);
    original.setSequenceNumber(osn);
    original.setPayloadType(originalPayloadType);
    original.setSsrc(originalSsrc);
    return original;
  }

  /**
   * Copies {@code length} bytes at {@code from} to {@code from + OSN_LENGTH}, last bytes first so
   * the overlap is safe whatever the buffer's implementation of {@code setBytes} does with
   * aliasing.
   */
  private static void moveUp(ByteBuf buf, int from, int length) {
    int i = length;
    while (i >= Long.BYTES) {
      i -= Long.BYTES;
      buf.setLong(from + OSN_LENGTH + i, buf.getLong(from + i));
    }
    while (i > 0) {
      i--;
      buf.setByte(from + OSN_LENGTH + i, buf.getByte(from + i));
    }
  }
}
