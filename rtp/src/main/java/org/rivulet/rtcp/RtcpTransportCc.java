package org.rivulet.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Transport-wide congestion control feedback, RTPFB FMT=15
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1): for a run of transport-wide
 * sequence numbers ({@code org.rivulet.rtp.ext.TransportSequenceNumber}), whether each packet
 * arrived and, for those that did, its arrival time relative to the previous one.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       reference time (signed, x 64 ms)        | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |  until every status is covered
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  recv delta   |  recv delta (2 bytes if large)| zero padding  |  one per received packet
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * run length chunk (3.1.3)     |0| S |      run length (13 bits)   |
 * status vector, 1-bit (3.1.4) |1|0|  14 symbols: 0 lost, 1 small  |
 * status vector, 2-bit (3.1.4) |1|1|  7 two-bit symbols            |
 * </pre>
 *
 * <p>Status symbols (section 3.1.1): {@link #NOT_RECEIVED}, {@link #RECEIVED_SMALL_DELTA} (one
 * unsigned delta byte), {@link #RECEIVED_LARGE_DELTA} (two signed delta bytes), and the reserved
 * value 3, which the draft's own examples (3.1.3 example 2, 3.1.4 example 2) use for "received,
 * without receive delta": it is accepted as {@link #RECEIVED_WITHOUT_DELTA}, with no delta bytes.
 * Deltas are in units of {@value #DELTA_TICK_MICROS} microseconds; the first is relative to the
 * reference time.
 *
 * <p><b>Bounds.</b> Parsing is linear in the packet's bytes: each chunk consumes two bytes, a run
 * longer than the statuses left is clamped (vector chunks are padded the same way), and a status
 * count of 0 or above {@value #MAX_PACKET_STATUS_COUNT} is refused before anything is allocated, so a
 * 20-byte packet cannot claim 65535 packets (RELIABILITY.md B7 item 78; Janus's OSS-Fuzz findings).
 * Bytes after the last delta (the zero padding) are ignored.
 *
 * <p><b>Writing.</b> The writer picks chunks greedily (a run length chunk for runs that fill one,
 * else a 1-bit vector when the next 14 statuses allow it, else a 2-bit vector) and pads with zero
 * bytes, without the P bit, so the packet may sit anywhere in a compound.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class RtcpTransportCc implements RtcpPacket {

  /** The FMT of transport-wide congestion control feedback. */
  public static final int FMT = 15;

  /** Largest packet status count accepted, when parsing and when building. */
  public static final int MAX_PACKET_STATUS_COUNT = 16384;

  /** Status symbol 00. */
  public static final int NOT_RECEIVED = 0;
  /** Status symbol 01: received, one-byte delta of 0..255 ticks. */
  public static final int RECEIVED_SMALL_DELTA = 1;
  /** Status symbol 10: received, two-byte signed delta. */
  public static final int RECEIVED_LARGE_DELTA = 2;
  /** Status symbol 11: reserved in section 3.1.1, "received, w/o recv delta" in the examples. */
  public static final int RECEIVED_WITHOUT_DELTA = 3;

  /** Receive delta unit, in microseconds (section 3.1.5). */
  public static final int DELTA_TICK_MICROS = 250;

  /** Reference time unit, in milliseconds. */
  public static final int REFERENCE_TIME_TICK_MILLIS = 64;

  /** Smallest reference time (24-bit signed). */
  public static final int MIN_REFERENCE_TIME = -0x800000;

  /** Largest reference time (24-bit signed). */
  public static final int MAX_REFERENCE_TIME = 0x7FFFFF;

  private static final int FIXED_LENGTH = RtcpHeader.FEEDBACK_LENGTH + 8;
  private static final int MAX_RUN_LENGTH = 0x1FFF;

  private final int senderSsrc;
  private final int mediaSsrc;
  private final int baseSequenceNumber;
  private final int referenceTime;
  private final int feedbackPacketCount;
  private final byte[] statuses;
  private final short[] deltas;
  private final char[] chunks;
  private final int encodedLength;

  /**
   * Feedback for {@code statuses.length} packets starting at {@code baseSequenceNumber}.
   *
   * @param senderSsrc SSRC of the packet sender
   * @param mediaSsrc SSRC of the media source (any of the transport's)
   * @param baseSequenceNumber transport-wide sequence number of the first status, 0..65535
   * @param referenceTime arrival time base in units of 64 ms, 24-bit signed
   * @param feedbackPacketCount 0..255, incremented per feedback packet sent
   * @param statuses one status symbol (0..3) per packet, 1..{@value #MAX_PACKET_STATUS_COUNT} of them
   * @param receiveDeltas one entry per status, in ticks of 250 us: 0..255 for
   *     {@link #RECEIVED_SMALL_DELTA}, -32768..32767 for {@link #RECEIVED_LARGE_DELTA}, 0 otherwise
   * @throws IllegalArgumentException if any value does not fit its field or the arrays disagree
   */
  public RtcpTransportCc(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
      int feedbackPacketCount, byte[] statuses, int[] receiveDeltas) {
    this(senderSsrc, mediaSsrc, baseSequenceNumber, referenceTime, feedbackPacketCount,
        statuses.clone(), checkedDeltas(statuses, receiveDeltas));
  }

  private RtcpTransportCc(int senderSsrc, int mediaSsrc, int baseSequenceNumber,
      int referenceTime, int feedbackPacketCount, byte[] statuses, short[] deltas) {
    RtcpHeader.checkRange(baseSequenceNumber, 0xFFFF, "base sequence number");
    if (referenceTime < MIN_REFERENCE_TIME || referenceTime > MAX_REFERENCE_TIME) {
      throw new IllegalArgumentException("reference time " + referenceTime);
    }
    RtcpHeader.checkRange(feedbackPacketCount, 0xFF, "feedback packet count");
    this.senderSsrc = senderSsrc;
    this.mediaSsrc = mediaSsrc;
    this.baseSequenceNumber = baseSequenceNumber;
    this.referenceTime = referenceTime;
    this.feedbackPacketCount = feedbackPacketCount;
    this.statuses = statuses;
    this.deltas = deltas;
    this.chunks = encodeChunks(statuses);
    int deltaBytes = 0;
    for (byte status : statuses) {
      deltaBytes += deltaSize(status);
    }
    this.encodedLength = RtcpHeader.checkPacketLength(
        RtcpHeader.align(RtcpHeader.LENGTH + FIXED_LENGTH + 2 * chunks.length + deltaBytes));
  }

  private static short[] checkedDeltas(byte[] statuses, int[] receiveDeltas) {
    if (statuses.length == 0 || statuses.length > MAX_PACKET_STATUS_COUNT) {
      throw new IllegalArgumentException("packet status count " + statuses.length);
    }
    if (receiveDeltas.length != statuses.length) {
      throw new IllegalArgumentException(
          receiveDeltas.length + " receive deltas for " + statuses.length + " statuses");
    }
    short[] deltas = new short[statuses.length];
    for (int i = 0; i < statuses.length; i++) {
      int status = statuses[i];
      int delta = receiveDeltas[i];
      boolean fits = switch (status) {
        case RECEIVED_SMALL_DELTA -> delta >= 0 && delta <= 0xFF;
        case RECEIVED_LARGE_DELTA -> delta >= Short.MIN_VALUE && delta <= Short.MAX_VALUE;
        case NOT_RECEIVED, RECEIVED_WITHOUT_DELTA -> delta == 0;
        default -> throw new IllegalArgumentException("status symbol " + status + " at " + i);
      };
      if (!fits) {
        throw new IllegalArgumentException("receive delta " + delta + " for status " + status + " at " + i);
      }
      deltas[i] = (short) delta;
    }
    return deltas;
  }

  /**
   * Parses the body after the common header ({@code length} bytes at absolute {@code index}, padding
   * removed). Time and memory are linear in {@code length} and bounded by
   * {@value #MAX_PACKET_STATUS_COUNT}.
   *
   * @return the feedback, or {@code null} if the status count is 0 or too large, or the chunks or
   *     deltas it needs are not all there
   */
  static RtcpTransportCc parse(ByteBuf buf, int index, int length) {
    if (length < FIXED_LENGTH) {
      return null;
    }
    int count = buf.getUnsignedShort(index + 10);
    if (count == 0 || count > MAX_PACKET_STATUS_COUNT) {
      return null;
    }
    int end = index + length;
    int i = index + FIXED_LENGTH;
    byte[] statuses = new byte[count];
    int filled = 0;
    while (filled < count) {
      if (end - i < 2) {
        return null;
      }
      int chunk = buf.getUnsignedShort(i);
      i += 2;
      if ((chunk & 0x8000) == 0) {
        // Run length chunk (3.1.3); a run past the count is clamped, as libwebrtc does.
        int run = Math.min(chunk & MAX_RUN_LENGTH, count - filled);
        Arrays.fill(statuses, filled, filled + run, (byte) (chunk >>> 13));
        filled += run;
      } else if ((chunk & 0x4000) == 0) {
        // One-bit status vector (3.1.4): 0 not received, 1 received with a small delta.
        for (int bit = 13; bit >= 0 && filled < count; bit--) {
          statuses[filled++] = (byte) ((chunk >>> bit) & 1);
        }
      } else {
        for (int shift = 12; shift >= 0 && filled < count; shift -= 2) {
          statuses[filled++] = (byte) ((chunk >>> shift) & 3);
        }
      }
    }
    short[] deltas = new short[count];
    for (int k = 0; k < count; k++) {
      if (statuses[k] == RECEIVED_SMALL_DELTA) {
        if (i >= end) {
          return null;
        }
        deltas[k] = buf.getUnsignedByte(i++);
      } else if (statuses[k] == RECEIVED_LARGE_DELTA) {
        if (end - i < 2) {
          return null;
        }
        deltas[k] = buf.getShort(i);
        i += 2;
      }
    }
    return new RtcpTransportCc(buf.getInt(index), buf.getInt(index + 4),
        buf.getUnsignedShort(index + 8), buf.getMedium(index + 12), buf.getUnsignedByte(index + 15),
        statuses, deltas);
  }

  /** Delta bytes a status carries on the wire. */
  private static int deltaSize(int status) {
    return status == RECEIVED_SMALL_DELTA ? 1 : status == RECEIVED_LARGE_DELTA ? 2 : 0;
  }

  /** Greedy chunking; see the class comment. Every chunk covers at least min(7, remaining) statuses. */
  private static char[] encodeChunks(byte[] statuses) {
    int n = statuses.length;
    char[] chunks = new char[n];
    int count = 0;
    int i = 0;
    while (i < n) {
      int symbol = statuses[i];
      int run = 1;
      while (i + run < n && statuses[i + run] == symbol && run < MAX_RUN_LENGTH) {
        run++;
      }
      int oneBitSpan = Math.min(14, n - i);
      boolean oneBit = true;
      for (int k = 0; k < oneBitSpan && oneBit; k++) {
        oneBit = statuses[i + k] <= RECEIVED_SMALL_DELTA;
      }
      int chunk;
      if (run >= oneBitSpan || (!oneBit && run >= 7)) {
        chunk = symbol << 13 | run;
        i += run;
      } else if (oneBit) {
        chunk = 0x8000;
        for (int k = 0; k < oneBitSpan; k++) {
          chunk |= statuses[i + k] << (13 - k);
        }
        i += oneBitSpan;
      } else {
        int span = Math.min(7, n - i);
        chunk = 0xC000;
        for (int k = 0; k < span; k++) {
          chunk |= statuses[i + k] << (12 - 2 * k);
        }
        i += span;
      }
      chunks[count++] = (char) chunk;
    }
    return Arrays.copyOf(chunks, count);
  }

  /** SSRC of the packet sender. */
  public int senderSsrc() {
    return senderSsrc;
  }

  /** SSRC of the media source. */
  public int mediaSsrc() {
    return mediaSsrc;
  }

  /** Transport-wide sequence number of status 0. */
  public int baseSequenceNumber() {
    return baseSequenceNumber;
  }

  /** Number of statuses. */
  public int packetStatusCount() {
    return statuses.length;
  }

  /** Reference time in units of 64 ms, signed. */
  public int referenceTime() {
    return referenceTime;
  }

  /** Reference time in microseconds. */
  public long referenceTimeMicros() {
    return referenceTime * (REFERENCE_TIME_TICK_MILLIS * 1000L);
  }

  /** The feedback packet count. */
  public int feedbackPacketCount() {
    return feedbackPacketCount;
  }

  /** Transport-wide sequence number of status {@code i}. */
  public int sequenceNumber(int i) {
    checkIndex(i);
    return (baseSequenceNumber + i) & 0xFFFF;
  }

  /** The status symbol of packet {@code i}, 0..3. */
  public int status(int i) {
    checkIndex(i);
    return statuses[i];
  }

  /** Receive delta of packet {@code i} in ticks of 250 us; 0 for a packet without one. */
  public int receiveDelta(int i) {
    checkIndex(i);
    return deltas[i];
  }

  /** A copy of the status symbols. */
  public byte[] statuses() {
    return statuses.clone();
  }

  /** A copy of the receive deltas, one per status. */
  public int[] receiveDeltas() {
    int[] copy = new int[deltas.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = deltas[i];
    }
    return copy;
  }

  /** Packet chunks the writer emits. */
  public int chunkCount() {
    return chunks.length;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= statuses.length) {
      throw new IndexOutOfBoundsException("status " + i + " of " + statuses.length);
    }
  }

  @Override
  public int packetType() {
    return RTPFB;
  }

  @Override
  public int encodedLength() {
    return encodedLength;
  }

  @Override
  public void writeTo(ByteBuf out) {
    int start = out.writerIndex();
    RtcpHeader.writeFeedback(out, FMT, RTPFB, encodedLength, senderSsrc, mediaSsrc);
    out.writeShort(baseSequenceNumber);
    out.writeShort(statuses.length);
    out.writeMedium(referenceTime);
    out.writeByte(feedbackPacketCount);
    for (char chunk : chunks) {
      out.writeShort(chunk);
    }
    for (int k = 0; k < statuses.length; k++) {
      if (statuses[k] == RECEIVED_SMALL_DELTA) {
        out.writeByte(deltas[k]);
      } else if (statuses[k] == RECEIVED_LARGE_DELTA) {
        out.writeShort(deltas[k]);
      }
    }
    out.writeZero(start + encodedLength - out.writerIndex());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtcpTransportCc other
        && senderSsrc == other.senderSsrc
        && mediaSsrc == other.mediaSsrc
        && baseSequenceNumber == other.baseSequenceNumber
        && referenceTime == other.referenceTime
        && feedbackPacketCount == other.feedbackPacketCount
        && Arrays.equals(statuses, other.statuses)
        && Arrays.equals(deltas, other.deltas);
  }

  @Override
  public int hashCode() {
    int h = senderSsrc;
    h = 31 * h + mediaSsrc;
    h = 31 * h + baseSequenceNumber;
    h = 31 * h + referenceTime;
    h = 31 * h + feedbackPacketCount;
    h = 31 * h + Arrays.hashCode(statuses);
    return 31 * h + Arrays.hashCode(deltas);
  }

  @Override
  public String toString() {
    return "RtcpTransportCc[sender=" + Integer.toUnsignedString(senderSsrc)
        + ", media=" + Integer.toUnsignedString(mediaSsrc)
        + ", base=" + baseSequenceNumber
        + ", count=" + statuses.length
        + ", referenceTime=" + referenceTime
        + ", fbCount=" + feedbackPacketCount
        + ']';
  }

  /**
   * Collects statuses one packet at a time, in sequence number order, for a feedback sender.
   * Not thread-safe.
   */
  public static final class Builder {
    private final int senderSsrc;
    private final int mediaSsrc;
    private final int baseSequenceNumber;
    private final int referenceTime;
    private final int feedbackPacketCount;
    private byte[] statuses = new byte[16];
    private short[] deltas = new short[16];
    private int count;

    /** Starts feedback at {@code baseSequenceNumber}; ranges are checked by {@link #build()}. */
    public Builder(int senderSsrc, int mediaSsrc, int baseSequenceNumber, int referenceTime,
        int feedbackPacketCount) {
      this.senderSsrc = senderSsrc;
      this.mediaSsrc = mediaSsrc;
      this.baseSequenceNumber = baseSequenceNumber;
      this.referenceTime = referenceTime;
      this.feedbackPacketCount = feedbackPacketCount;
    }

    /** Adds a packet that has not arrived (yet). */
    public Builder notReceived() {
      return add(NOT_RECEIVED, 0);
    }

    /**
     * Adds a received packet, {@code deltaTicks} x 250 us after the previous received one (or the
     * reference time): a small delta when it fits one unsigned byte, a large one otherwise.
     *
     * @throws IllegalArgumentException if the delta does not fit 16 signed bits; the draft then asks
     *     for a new feedback packet with a new reference time
     */
    public Builder received(int deltaTicks) {
      if (deltaTicks >= 0 && deltaTicks <= 0xFF) {
        return add(RECEIVED_SMALL_DELTA, deltaTicks);
      }
      if (deltaTicks < Short.MIN_VALUE || deltaTicks > Short.MAX_VALUE) {
        throw new IllegalArgumentException("receive delta " + deltaTicks + " needs a new feedback");
      }
      return add(RECEIVED_LARGE_DELTA, deltaTicks);
    }

    /** Packets added so far. */
    public int size() {
      return count;
    }

    private Builder add(int status, int delta) {
      if (count == MAX_PACKET_STATUS_COUNT) {
        throw new IllegalStateException("feedback already holds " + MAX_PACKET_STATUS_COUNT + " packets");
      }
      if (count == statuses.length) {
        statuses = Arrays.copyOf(statuses, 2 * count);
        deltas = Arrays.copyOf(deltas, 2 * count);
      }
      statuses[count] = (byte) status;
      deltas[count] = (short) delta;
      count++;
      return this;
    }

    /**
     * The feedback so far.
     *
     * @throws IllegalArgumentException if nothing was added or a header value does not fit
     */
    public RtcpTransportCc build() {
      if (count == 0) {
        throw new IllegalArgumentException("transport-cc feedback needs at least one packet");
      }
      return new RtcpTransportCc(senderSsrc, mediaSsrc, baseSequenceNumber, referenceTime,
          feedbackPacketCount, Arrays.copyOf(statuses, count), Arrays.copyOf(deltas, count));
    }
  }
}
