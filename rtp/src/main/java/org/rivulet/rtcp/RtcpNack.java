package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic NACK, RTPFB FMT=1 (RFC 4585 section 6.2.1): the media receiver asks for retransmission of
 * lost packets, each FCI entry naming one sequence number (PID) and a bitmask of the 16 after it.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |   PT=205      |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            PID                |             BLP               |  FCI, one or more
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * BLP bit {@code i} (least significant first) set means PID + i + 1 is lost too. Bytes after the
 * last whole FCI entry are ignored (as libwebrtc does); at least one entry is required.
 *
 * @param senderSsrc SSRC of the packet sender
 * @param mediaSsrc SSRC of the media source whose packets are lost
 * @param items 1..{@value #MAX_ITEMS} FCI entries
 */
public record RtcpNack(int senderSsrc, int mediaSsrc, List<Item> items) implements RtcpPacket {

  /** The FMT of a generic NACK. */
  public static final int FMT = 1;

  /**
   * FCI entries accepted in one packet: 512 entries (2 KB) is more than an MTU-sized datagram holds,
   * and bounds what one packet can ask to retransmit to 8704 sequence numbers (RELIABILITY.md B7
   * item 77).
   */
  public static final int MAX_ITEMS = 512;

  /**
   * Copies the list.
   *
   * @throws IllegalArgumentException if there are no entries or more than {@value #MAX_ITEMS}
   */
  public RtcpNack {
    items = List.copyOf(items);
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("NACK with " + items.size() + " FCI entries");
    }
  }

  /**
   * A NACK for the given lost sequence numbers, packed into as few entries as their order allows: a
   * number within 16 after the current entry's PID (modulo 2^16) sets a BLP bit, any other starts a
   * new entry. Give them in RTP order (ascending, wrapping) for the shortest packet; repeats are
   * harmless.
   *
   * @throws IllegalArgumentException if the list is empty, a number is outside 0..65535, or more
   *     than {@value #MAX_ITEMS} entries would be needed
   */
  public static RtcpNack of(int senderSsrc, int mediaSsrc, int... lostSequenceNumbers) {
    List<Item> items = new ArrayList<>();
    int pid = -1;
    int blp = 0;
    for (int seq : lostSequenceNumbers) {
      RtcpHeader.checkRange(seq, 0xFFFF, "sequence number");
      if (pid >= 0) {
        int distance = (seq - pid) & 0xFFFF;
        if (distance == 0) {
          continue;
        }
        if (distance <= 16) {
          blp |= 1 << (distance - 1);
          continue;
        }
        items.add(new Item(pid, blp));
      }
      pid = seq;
      blp = 0;
    }
    if (pid >= 0) {
      items.add(new Item(pid, blp));
    }
    return new RtcpNack(senderSsrc, mediaSsrc, items);
  }

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed).
   *
   * @return the NACK, or {@code null} if there is no whole FCI entry or more than {@value #MAX_ITEMS}
   */
  static RtcpNack parse(ByteBuf buf, int index, int length) {
    int count = (length - RtcpHeader.FEEDBACK_LENGTH) / 4;
    if (length < RtcpHeader.FEEDBACK_LENGTH + 4 || count > MAX_ITEMS) {
      return null;
    }
    List<Item> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int fci = index + RtcpHeader.FEEDBACK_LENGTH + 4 * i;
      items.add(new Item(buf.getUnsignedShort(fci), buf.getUnsignedShort(fci + 2)));
    }
    return new RtcpNack(buf.getInt(index), buf.getInt(index + 4), items);
  }

  /**
   * Every sequence number this NACK reports lost, in wire order: each PID followed by the numbers its
   * BLP bits name. Entries that overlap yield repeats. Allocates an array of at most
   * {@code 17 * MAX_ITEMS} numbers.
   */
  public int[] lostSequenceNumbers() {
    int total = 0;
    for (Item item : items) {
      total += 1 + Integer.bitCount(item.blp());
    }
    int[] lost = new int[total];
    int n = 0;
    for (Item item : items) {
      lost[n++] = item.pid();
      for (int bit = 0; bit < 16; bit++) {
        if ((item.blp() & (1 << bit)) != 0) {
          lost[n++] = (item.pid() + bit + 1) & 0xFFFF;
        }
      }
    }
    return lost;
  }

  @Override
  public int packetType() {
    return RTPFB;
  }

  @Override
  public int encodedLength() {
    return RtcpHeader.LENGTH + RtcpHeader.FEEDBACK_LENGTH + 4 * items.size();
  }

  @Override
  public void writeTo(ByteBuf out) {
    RtcpHeader.writeFeedback(out, FMT, RTPFB, encodedLength(), senderSsrc, mediaSsrc);
    for (Item item : items) {
      out.writeShort(item.pid());
      out.writeShort(item.blp());
    }
  }

  /**
   * One FCI entry.
   *
   * @param pid packet ID: the first lost sequence number
   * @param blp bitmask of following lost packets, bit 0 for PID + 1
   */
  public record Item(int pid, int blp) {

    /**
     * Checks both fit 16 bits.
     *
     * @throws IllegalArgumentException if either is outside 0..65535
     */
    public Item {
      RtcpHeader.checkRange(pid, 0xFFFF, "PID");
      RtcpHeader.checkRange(blp, 0xFFFF, "BLP");
    }
  }
}
