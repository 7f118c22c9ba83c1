package org.rivulet.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A validated view of one RTP packet (RFC 3550 section 5.1) inside a {@link ByteBuf}: the view keeps
 * {@code (buffer, offset, length)} and reads every field with absolute {@code get*} calls, so parsing
 * copies nothing and allocates only this object.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |  offset
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |  offset + 4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |  offset + 8
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |       CC contributing source (CSRC) identifiers, 4 bytes each |  offset + 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |      length (32-bit words)    |  if X=1 (section 5.3.1)
 * |                 header extension data ...                     |  see org.rivulet.rtp.ext
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          payload ...                          |  payloadOffset()
 * |                               +-------------------------------+
 * |                               | padding ...   | padding count |  if P=1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * headerLength() + payloadLength() + paddingLength() == length()
 * </pre>
 *
 * <p><b>Ownership.</b> A view never owns its buffer: it neither retains nor releases it, and it is
 * valid only while whoever does own the buffer keeps it alive and leaves those bytes alone. Slices it
 * hands out ({@link #payload()}) are not retained either.
 *
 * <p><b>Validation.</b> {@link #parse} returns {@code null} for any malformed input and never throws
 * on it; on that (rare) path {@link #validate} says why, so the caller can count an
 * {@link RtpDropReason}. Only caller bugs throw: an {@code (offset, length)} range outside the buffer.
 *
 * <p><b>Rewriting.</b> The setters rewrite fixed-header fields in place (for SSRC, sequence number
 * and timestamp rewriting when forwarding); none of them changes a length, so the view stays valid.
 * The buffer must be writable.
 *
 * <p><b>Threads.</b> Not thread-safe; a packet stays on its pipeline's event loop.
 */
public final class RtpPacket {

  /** RTP version carried in the first two bits (RFC 3550 section 5.1). */
  public static final int VERSION = 2;

  /** Length of the fixed header, before the CSRC list. */
  public static final int FIXED_HEADER_LENGTH = 12;

  private static final RtpDropReason[] REASONS = RtpDropReason.values();

  private final ByteBuf buf;
  private final int offset;
  private final int length;
  private final int headerLength;
  private final int paddingLength;

  private RtpPacket(ByteBuf buf, int offset, int length, int headerLength, int paddingLength) {
    this.buf = buf;
    this.offset = offset;
    this.length = length;
    this.headerLength = headerLength;
    this.paddingLength = paddingLength;
  }

  /**
   * Parses the readable bytes of {@code buf} as one RTP packet. Does not take ownership and does not
   * move the reader index.
   *
   * @return the view, or {@code null} if the bytes are not a valid RTP packet
   */
  public static RtpPacket parse(ByteBuf buf) {
    return parse(buf, buf.readerIndex(), buf.readableBytes());
  }

  /**
   * Parses {@code length} bytes of {@code buf} starting at absolute index {@code offset} as one RTP
   * packet. Does not take ownership; the caller releases {@code buf}, after it is done with the view.
   *
   * @return the view, or {@code null} if the bytes are not a valid RTP packet ({@link #validate}
   *     tells why)
   * @throws IndexOutOfBoundsException if the range is not inside the buffer's capacity (a caller bug)
   */
  public static RtpPacket parse(ByteBuf buf, int offset, int length) {
    long checked = check(buf, offset, length);
    if (checked < 0) {
      return null;
    }
    return new RtpPacket(buf, offset, length, (int) checked, (int) (checked >>> 32));
  }

  /**
   * Runs the same checks as {@link #parse} without building a view. Meant for the drop path: when
   * {@code parse} returned {@code null}, this says which {@link RtpDropReason} to count.
   *
   * @return {@code null} if the packet is valid, otherwise the first check it failed
   * @throws IndexOutOfBoundsException if the range is not inside the buffer's capacity
   */
  public static RtpDropReason validate(ByteBuf buf, int offset, int length) {
    long checked = check(buf, offset, length);
    return checked < 0 ? REASONS[(int) (-checked - 1)] : null;
  }

  /**
   * Tells RTCP from RTP when both share one transport (rtcp-mux, RFC 5761 section 4): the second
   * byte, with the RTP marker bit masked off, in 64..95 means RTCP packet types 192..223. RTP must
   * not use payload types 64..95 under rtcp-mux, so nothing valid is misclassified. Only the second
   * byte is read; the version is the demultiplexer's business (RFC 7983) and each parser checks it
   * again.
   *
   * @return {@code true} if the packet should go to the RTCP parser; {@code false} when it is RTP or
   *     shorter than two bytes
   * @throws IndexOutOfBoundsException if the second byte lies outside the buffer (a caller bug)
   */
  public static boolean isRtcp(ByteBuf buf, int offset, int length) {
    if (length < 2) {
      return false;
    }
    int type = buf.getUnsignedByte(offset + 1) & 0x7F;
    return type >= 64 && type <= 95;
  }

  /**
   * Returns {@code headerLength | paddingLength << 32} for a valid packet, or
   * {@code -(reason.ordinal() + 1)}.
   */
  private static long check(ByteBuf buf, int offset, int length) {
    checkRange(buf, offset, length);
    if (length < FIXED_HEADER_LENGTH) {
      return fail(RtpDropReason.TOO_SHORT);
    }
    int first = buf.getUnsignedByte(offset);
    if ((first >>> 6) != VERSION) {
      return fail(RtpDropReason.BAD_VERSION);
    }
    int header = FIXED_HEADER_LENGTH + 4 * (first & 0x0F);
    if (header > length) {
      return fail(RtpDropReason.BAD_CSRC_COUNT);
    }
    if ((first & 0x10) != 0) {
      // RFC 3550 section 5.3.1: a 16-bit profile field and a 16-bit count of 32-bit words.
      if (header + 4 > length) {
        return fail(RtpDropReason.BAD_EXTENSION_LENGTH);
      }
      int words = buf.getUnsignedShort(offset + header + 2);
      header += 4 + 4 * words;
      if (header > length) {
        return fail(RtpDropReason.BAD_EXTENSION_LENGTH);
      }
    }
    int padding = 0;
    if ((first & 0x20) != 0) {
      // RFC 3550 section 5.1: the last byte counts the padding, itself included. A count equal to
      // everything after the header is a padding-only packet, which libwebrtc sends to probe
      // bandwidth, so it is accepted with an empty payload.
      if (header == length) {
        return fail(RtpDropReason.BAD_PADDING);
      }
      padding = buf.getUnsignedByte(offset + length - 1);
      if (padding == 0 || padding > length - header) {
        return fail(RtpDropReason.BAD_PADDING);
      }
    }
    return ((long) padding << 32) | header;
  }

  private static long fail(RtpDropReason reason) {
    return -(reason.ordinal() + 1L);
  }

  private static void checkRange(ByteBuf buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset > buf.capacity() - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + ", capacity " + buf.capacity());
    }
  }

  /** The buffer this view reads; not retained for the caller. */
  public ByteBuf buffer() {
    return buf;
  }

  /** Absolute index of the first byte of the packet in {@link #buffer()}. */
  public int offset() {
    return offset;
  }

  /** Length of the whole packet, padding included. */
  public int length() {
    return length;
  }

  /** The version field; always {@value #VERSION} for a parsed packet. */
  public int version() {
    return buf.getUnsignedByte(offset) >>> 6;
  }

  /** The P bit. */
  public boolean hasPadding() {
    return (buf.getByte(offset) & 0x20) != 0;
  }

  /** The X bit. */
  public boolean hasExtension() {
    return (buf.getByte(offset) & 0x10) != 0;
  }

  /** The CC field: how many CSRC identifiers follow the fixed header (0..15). */
  public int csrcCount() {
    return buf.getByte(offset) & 0x0F;
  }

  /** The M bit. */
  public boolean marker() {
    return (buf.getByte(offset + 1) & 0x80) != 0;
  }

  /** The payload type, 0..127. */
  public int payloadType() {
    return buf.getByte(offset + 1) & 0x7F;
  }

  /** The sequence number, 0..65535. */
  public int sequenceNumber() {
    return buf.getUnsignedShort(offset + 2);
  }

  /** The timestamp, an unsigned 32-bit value in a {@code long}. */
  public long timestamp() {
    return buf.getUnsignedInt(offset + 4);
  }

  /** The SSRC, as the raw 32 bits ({@link Integer#toUnsignedString(int)} prints it as RFCs do). */
  public int ssrc() {
    return buf.getInt(offset + 8);
  }

  /**
   * The CSRC at {@code index}.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < csrcCount()}
   */
  public int csrc(int index) {
    int count = csrcCount();
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("CSRC index " + index + " of " + count);
    }
    return buf.getInt(offset + FIXED_HEADER_LENGTH + 4 * index);
  }

  /** A new array with the CSRC list (allocates; {@link #csrc(int)} does not). */
  public int[] csrcs() {
    int[] csrcs = new int[csrcCount()];
    for (int i = 0; i < csrcs.length; i++) {
      csrcs[i] = buf.getInt(offset + FIXED_HEADER_LENGTH + 4 * i);
    }
    return csrcs;
  }

  /** Bytes from the start of the packet to the payload: fixed header, CSRCs and extension block. */
  public int headerLength() {
    return headerLength;
  }

  /** Absolute index in {@link #buffer()} of the first payload byte. */
  public int payloadOffset() {
    return offset + headerLength;
  }

  /** Payload bytes, padding excluded; 0 for a padding-only packet. */
  public int payloadLength() {
    return length - headerLength - paddingLength;
  }

  /** Padding bytes at the end, the count byte included; 0 when P is clear. */
  public int paddingLength() {
    return paddingLength;
  }

  /** The payload as a slice sharing this packet's memory; not retained, so do not release it. */
  public ByteBuf payload() {
    return buf.slice(payloadOffset(), payloadLength());
  }

  /**
   * The 16-bit "defined by profile" field of the header extension (RFC 3550 section 5.3.1), which
   * RFC 8285 uses to tell one-byte from two-byte elements; -1 when X is clear.
   */
  public int extensionProfile() {
    return hasExtension() ? buf.getUnsignedShort(extensionHeaderIndex()) : -1;
  }

  /**
   * Absolute index of the first byte of extension data, after the 4-byte extension header; -1 when X
   * is clear.
   */
  public int extensionOffset() {
    return hasExtension() ? extensionHeaderIndex() + 4 : -1;
  }

  /** Bytes of extension data (4 times the declared word count); 0 when X is clear. */
  public int extensionLength() {
    return hasExtension() ? 4 * buf.getUnsignedShort(extensionHeaderIndex() + 2) : 0;
  }

  private int extensionHeaderIndex() {
    return offset + FIXED_HEADER_LENGTH + 4 * csrcCount();
  }

  /**
   * Appends this packet to {@code out} without its header extension (X cleared), keeping CSRCs,
   * payload and padding. A forwarder sends this to a receiver that did not negotiate the sender's
   * extensions: the same ids may mean something else there (RFC 8285 section 6).
   */
  public void writeWithoutExtension(ByteBuf out) {
    out.writeByte(buf.getUnsignedByte(offset) & ~0x10);
    out.writeBytes(buf, offset + 1, FIXED_HEADER_LENGTH - 1 + 4 * csrcCount());
    out.writeBytes(buf, offset + headerLength, length - headerLength);
  }

  /**
   * Appends this packet to {@code out} with its header extension replaced by a single one-byte
   * element (RFC 8285 section 4.2) of id {@code id} holding the low {@code size} (1..4) bytes of
   * {@code value}, big-endian: a forwarder's own extension, such as abs-send-time.
   */
  public void writeWithOneByteExtension(ByteBuf out, int id, int value, int size) {
    if (id < 1 || id > 14 || size < 1 || size > 4) {
      throw new IllegalArgumentException("id " + id + ", size " + size);
    }
    out.writeByte(buf.getUnsignedByte(offset) | 0x10);
    out.writeBytes(buf, offset + 1, FIXED_HEADER_LENGTH - 1 + 4 * csrcCount());
    int words = (1 + size + 3) / 4;
    out.writeShort(0xBEDE).writeShort(words);
    out.writeByte((id << 4) | (size - 1));
    for (int i = size - 1; i >= 0; i--) {
      out.writeByte(value >>> (8 * i));
    }
    out.writeZero(4 * words - 1 - size);
    out.writeBytes(buf, offset + headerLength, length - headerLength);
  }

  /**
   * Rewrites, in place, the payload type (keeping the marker bit), sequence number, timestamp and
   * SSRC of the RTP packet that starts at {@code offset}: what a forwarder changes in a copy it has
   * just written, without parsing that copy again.
   *
   * @throws IllegalArgumentException if a value is out of its field's range
   */
  public static void rewriteHeader(ByteBuf buf, int offset, int payloadType, int sequenceNumber,
      long timestamp, int ssrc) {
    if (payloadType < 0 || payloadType > 127 || (sequenceNumber & ~0xFFFF) != 0
        || (timestamp & ~0xFFFFFFFFL) != 0) {
      throw new IllegalArgumentException("payload type " + payloadType + ", sequence number "
          + sequenceNumber + ", timestamp " + timestamp);
    }
    buf.setByte(offset + 1, (buf.getUnsignedByte(offset + 1) & 0x80) | payloadType);
    buf.setShort(offset + 2, sequenceNumber);
    buf.setInt(offset + 4, (int) timestamp);
    buf.setInt(offset + 8, ssrc);
  }

  /** Sets or clears the M bit in place. */
  public void setMarker(boolean marker) {
    int second = buf.getUnsignedByte(offset + 1);
    buf.setByte(offset + 1, marker ? second | 0x80 : second & 0x7F);
  }

  /**
   * Rewrites the payload type in place, keeping the marker bit.
   *
   * @throws IllegalArgumentException unless {@code 0 <= payloadType <= 127}
   */
  public void setPayloadType(int payloadType) {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type " + payloadType);
    }
    int second = buf.getUnsignedByte(offset + 1);
    buf.setByte(offset + 1, (second & 0x80) | payloadType);
  }

  /**
   * Rewrites the sequence number in place.
   *
   * @throws IllegalArgumentException unless {@code 0 <= sequenceNumber <= 65535}
   */
  public void setSequenceNumber(int sequenceNumber) {
    if ((sequenceNumber & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("sequence number " + sequenceNumber);
    }
    buf.setShort(offset + 2, sequenceNumber);
  }

  /**
   * Rewrites the timestamp in place.
   *
   * @throws IllegalArgumentException unless {@code 0 <= timestamp <= 0xFFFFFFFF}
   */
  public void setTimestamp(long timestamp) {
    if ((timestamp & ~0xFFFFFFFFL) != 0) {
      throw new IllegalArgumentException("timestamp " + timestamp);
    }
    buf.setInt(offset + 4, (int) timestamp);
  }

  /** Rewrites the SSRC in place. */
  public void setSsrc(int ssrc) {
    buf.setInt(offset + 8, ssrc);
  }

  @Override
  public String toString() {
    return "RtpPacket[ssrc=" + Integer.toUnsignedString(ssrc())
        + ", pt=" + payloadType()
        + ", seq=" + sequenceNumber()
        + ", ts=" + timestamp()
        + (marker() ? ", M" : "")
        + ", header=" + headerLength
        + ", payload=" + payloadLength()
        + ", padding=" + paddingLength
        + ']';
  }
}
