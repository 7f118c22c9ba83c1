package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Full Intra Request, PSFB FMT=4 (RFC 5104 section 4.3.1): asks each listed media sender for a
 * decoder refresh point (a keyframe). The media source SSRC of the feedback header is unused and
 * SHALL be 0; each FCI entry names a sender and a command sequence number that repeats of the same
 * request share.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=4  |   PT=206      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 SSRC of media source (unused, 0)              |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                              SSRC                             |  FCI, one or more
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved (0)                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Bytes after the last whole entry are ignored; the reserved bytes are written as zero and not read.
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc the unused media source field, kept as received
 * @param entries 1..{@value #MAX_ENTRIES} FCI entries
 */
public record RtcpFir(int senderSsrc, int mediaSsrc, List<Entry> entries) implements RtcpPacket {

  /** The FMT of a FIR. */
  public static final int FMT = 4;

  /** FCI entries accepted in one packet; a request per sender, and no conference has 256 of them. */
  public static final int MAX_ENTRIES = 256;

  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException if there are no entries or more than {@value #MAX_ENTRIES}
   */
  public RtcpFir {
    entries = List.copyOf(entries);
    if (entries.isEmpty() || entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("FIR with " + entries.size() + " FCI entries");
    }
  }

  /** A FIR from {@code senderSsrc} asking {@code mediaSsrc} for a keyframe, media source field 0. */
  public static RtcpFir of(int senderSsrc, int mediaSsrc, int sequenceNumber) {
    return new RtcpFir(senderSsrc, 0, List.of(new Entry(mediaSsrc, sequenceNumber)));
  }

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed).
   *
   * @return the FIR, or {@code null} if there is no whole FCI entry or more than
   *     {@value #MAX_ENTRIES}
   */
  static RtcpFir parse(ByteBuf buf, int index, int length) {
    int count = (length - RtcpHeader.FEEDBACK_LENGTH) / 8;
    if (length < RtcpHeader.FEEDBACK_LENGTH + 8 || count > MAX_ENTRIES) {
      return null;
    }
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int fci = index + RtcpHeader.FEEDBACK_LENGTH + 8 * i;
      entries.add(new Entry(buf.getInt(fci), buf.getUnsignedByte(fci + 4)));
    }
    return new RtcpFir(buf.getInt(index), buf.getInt(index + 4), entries);
  }

  @Override
  public int packetType() {
    return PSFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_LENGTH + 8 * entries.size();
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.writeFeedback(out, FMT, PSFB, encodedLength(), senderSsrc, mediaSsrc);
    for (Entry entry : entries) {
      out.writeInt(entry.ssrc());
      out.writeByte(entry.sequenceNumber());
      out.writeMedium(0);
    }
  }

  /**
   * One FCI entry.
   *
   * @param ssrc the media sender asked for a decoder refresh point
   * @param sequenceNumber command sequence number, 0..255, incremented per new request
   */
  public record Entry(int ssrc, int sequenceNumber) {

    /**
     * Checks the sequence number fits 8 bits.
     *
     * @throws IllegalArgumentException if it is outside 0..255
     */
    public Entry {
      RtcpHeader.checkRange(sequenceNumber, 0xFF, "FIR sequence number");
    }
  }
}
