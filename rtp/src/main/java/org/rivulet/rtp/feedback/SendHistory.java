package org.rivulet.rtp.feedback;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The packets recently sent on one outgoing RTP stream, kept so that NACKs (RFC 4585 section 6.2.1)
 * can be answered with retransmissions: the sender side of retransmission, one instance per stream.
 *
 * <p>A ring of {@code capacity} slots indexed by {@code sequenceNumber & (capacity - 1)}: storing a
 * packet releases whatever the slot held, so at most {@code capacity} packets are retained however
 * the sequence numbers jump, and a lookup checks the whole sequence number, so an overwritten or
 * foreign number is simply absent. A packet older than {@code maxAgeNanos} is not offered any more:
 * a retransmission that late would only arrive after the receiver has given up on it.
 *
 * <p><b>Memory.</b> The slots are parallel primitive arrays, not an object per slot: a fan-out keeps
 * a history per viewer, and 100 viewers' 1024 slot objects were 100,000 small objects that each
 * young collection copied (5.6 MB, a 4.5 ms pause every 4 s) until they were old enough to be
 * tenured, a minute into each session. Arrays are copied as blocks.
 *
 * <p><b>Ownership.</b> {@link #put} takes ownership of the packet; the history releases it when the
 * slot is reused, when it expires on lookup, or on {@link #release()}. The {@link Entry} that
 * {@link #get} returns is a borrowed view, valid until the next {@code get}, {@code put} or
 * {@code release()}.
 *
 * <p><b>Threads.</b> Not thread-safe; use it on the stream's event loop. Time is passed in, in
 * nanoseconds from one monotonic clock.
 */
public final class SendHistory {

  /** Default number of slots: about 4 s of 2.5 Mbit/s video in 1200-byte packets. */
  public static final int DEFAULT_CAPACITY = 1024;

  /**
   * Largest capacity: half the sequence number space, beyond which a 16-bit number no longer says
   * which of two packets is the recent one.
   */
  public static final int MAX_CAPACITY = 0x8000;

  /**
   * Slots the expiry cursor may pass per {@code put}: more than one, so it catches up after a jump
   * in sequence numbers left empty slots behind.
   */
  private static final int EXPIRE_PER_PUT = 4;

  /** Default maximum age of a packet that may still be retransmitted: one second. */
  public static final long DEFAULT_MAX_AGE_NANOS = 1_000_000_000L;

  /** The sequence number of a slot never written. */
  private static final int NEVER = -1;

  // Slot i's packet: its number (NEVER before the first put), timestamp, tag, buffer (null once
  // released), send time, and retransmissions so far with the last one's time.
  private final int[] sequenceNumbers;
  private final long[] timestamps;
  private final int[] tags;
  private final ByteBuf[] buffers;
  private final long[] sentNanos;
  private final long[] lastResentNanos;
  private final int[] resendCounts;
  private final Entry view = new Entry();
  private long maxAgeNanos;
  private int size;
  /** The slot of the oldest packet that may still be held: where expiry goes on from. */
  private int oldest;
  private boolean released;
  private long stored;
  private long missed;
  private long expired;
  private long shed;
  private long resent;
  private long suppressed;

  /** A history of {@value #DEFAULT_CAPACITY} packets, each kept at most one second. */
  public SendHistory() {
    this(DEFAULT_CAPACITY, DEFAULT_MAX_AGE_NANOS);
  }

  /**
   * A history of {@code capacity} packets, each offered for at most {@code maxAgeNanos}.
   *
   * @param capacity a power of two, 1..{@value #MAX_CAPACITY}
   * @param maxAgeNanos positive
   * @throws IllegalArgumentException if either is out of range
   */
  public SendHistory(int capacity, long maxAgeNanos) {
    if (capacity < 1 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1
        || maxAgeNanos <= 0) {
      throw new IllegalArgumentException("capacity " + capacity + ", maxAgeNanos " + maxAgeNanos);
    }
    this.sequenceNumbers = new int[capacity];
    Arrays.fill(sequenceNumbers, NEVER);
    this.timestamps = new long[capacity];
    this.tags = new int[capacity];
    this.buffers = new ByteBuf[capacity];
    this.sentNanos = new long[capacity];
    this.lastResentNanos = new long[capacity];
    this.resendCounts = new int[capacity];
    this.maxAgeNanos = maxAgeNanos;
  }

  /**
   * Changes how long a packet is offered from now on, for packets already held too: a path whose
   * round trip grew (a queue filling) needs its packets longer, since a NACK comes back one round
   * trip after the loss at the earliest.
   *
   * @throws IllegalArgumentException unless positive
   */
  public void setMaxAgeNanos(long nanos) {
    if (nanos <= 0) {
      throw new IllegalArgumentException("maxAgeNanos " + nanos);
    }
    this.maxAgeNanos = nanos;
  }

  /** How long a packet is offered for retransmission. */
  public long maxAgeNanos() {
    return maxAgeNanos;
  }

  /** Same as {@link #put(int, long, int, ByteBuf, long)} with tag 0. */
  public void put(int outSeq, long outTimestamp, ByteBuf packet, long nowNanos) {
    put(outSeq, outTimestamp, 0, packet, nowNanos);
  }

  /**
   * Remembers a packet as sent at {@code nowNanos}, releasing the packet its slot held before.
   * Takes ownership of {@code packet} on every path, exceptions included; after {@link #release()}
   * the packet is released at once.
   *
   * @param outSeq the sequence number the packet went out with, 0..65535
   * @param outTimestamp the RTP timestamp it went out with, 0..0xFFFFFFFF
   * @param tag any value the caller wants back with the entry (a layer or payload type, say)
   * @param packet the packet as sent (retained, or a copy); the history owns it from now on
   * @throws IllegalArgumentException if {@code outSeq} or {@code outTimestamp} is out of range
   */
  public void put(int outSeq, long outTimestamp, int tag, ByteBuf packet, long nowNanos) {
    if ((outSeq & ~0xFFFF) != 0 || (outTimestamp & ~0xFFFFFFFFL) != 0) {
      packet.release();
      throw new IllegalArgumentException(
          "sequence number " + outSeq + ", timestamp " + outTimestamp);
    }
    if (released) {
      packet.release();
      return;
    }
    int index = outSeq & (buffers.length - 1);
    if (buffers[index] != null) {
      free(index);
    }
    sequenceNumbers[index] = outSeq;
    timestamps[index] = outTimestamp;
    tags[index] = tag;
    buffers[index] = packet;
    sentNanos[index] = nowNanos;
    resendCounts[index] = 0;
    lastResentNanos[index] = 0;
    size++;
    stored++;
    releaseExpired(index, nowNanos);
  }

  /** Releases slot {@code index}'s packet; the slot keeps its number and send time. */
  private void free(int index) {
    buffers[index].release();
    buffers[index] = null;
    size--;
  }

  /**
   * Releases packets past the maximum age from the oldest held one on, at most
   * {@value #EXPIRE_PER_PUT} slots per {@code put}, so that a history holds about
   * {@code maxAgeNanos} of packets rather than a full ring: no lookup would return the older ones,
   * and a fan-out keeps a history per viewer (at 100 viewers, 1024 slots of video are 6 s of
   * packets, whose buffers would outlive several young collections). A released slot keeps its
   * number and send time, so a later lookup still counts as expired, not missed.
   */
  private void releaseExpired(int written, long nowNanos) {
    int mask = buffers.length - 1;
    if (oldest == written) {
      oldest = (written + 1) & mask; // the ring came round: the slot after the newest is the oldest
    }
    for (int steps = 0; steps < EXPIRE_PER_PUT && oldest != written; steps++) {
      if (buffers[oldest] != null) {
        if (nowNanos - sentNanos[oldest] <= maxAgeNanos) {
          return; // packets are stored in order: the rest are younger
        }
        free(oldest);
      }
      oldest = (oldest + 1) & mask;
    }
  }

  /**
   * The packet sent with sequence number {@code outSeq}, if it is still held and not older than the
   * maximum age; an expired one is released here.
   *
   * @return a borrowed view, valid until the next {@code get}, {@code put} or {@code release()};
   *     {@code null} when the number was never stored, was overwritten, or expired
   * @throws IllegalArgumentException unless {@code 0 <= outSeq <= 65535}
   */
  public Entry get(int outSeq, long nowNanos) {
    if ((outSeq & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("sequence number " + outSeq);
    }
    int index = outSeq & (buffers.length - 1);
    if (sequenceNumbers[index] != outSeq) {
      missed++;
      return null;
    }
    if (buffers[index] == null) {
      // Released already: aged out ahead of the ring, or the history was released.
      if (nowNanos - sentNanos[index] > maxAgeNanos) {
        expired++;
      } else {
        missed++;
      }
      return null;
    }
    if (nowNanos - sentNanos[index] > maxAgeNanos) {
      free(index);
      expired++;
      return null;
    }
    view.index = index;
    view.sequenceNumber = outSeq;
    return view;
  }

  /**
   * Records that {@code entry} is being retransmitted now, unless it was retransmitted less than
   * {@code minIntervalNanos} ago: the receiver repeats a NACK until the retransmission arrives, and
   * a repeat within one round trip was sent before it could have seen the first answer. The first
   * retransmission is always allowed.
   *
   * @param minIntervalNanos usually the current round-trip estimate
   * @return {@code true} if the caller should retransmit; {@code false} (counted in
   *     {@link #suppressed()}) if it should not
   * @throws IllegalStateException if the entry no longer holds a packet (a stale borrowed view)
   */
  public boolean markResent(Entry entry, long nowNanos, long minIntervalNanos) {
    int index = entry.index;
    if (entry != view || buffers[index] == null || sequenceNumbers[index] != entry.sequenceNumber) {
      throw new IllegalStateException("entry no longer held");
    }
    if (resendCounts[index] > 0 && nowNanos - lastResentNanos[index] < minIntervalNanos) {
      suppressed++;
      return false;
    }
    resendCounts[index]++;
    lastResentNanos[index] = nowNanos;
    resent++;
    return true;
  }

  /**
   * Releases every packet held now, to give their memory back (a buffer could not be had); later
   * {@code put}s are kept as before. NACKs for what was shed go unanswered.
   *
   * @return the packets released
   */
  public int shed() {
    if (size == 0) {
      return 0; // every failed read of a spell sheds again: an empty ring is not walked
    }
    int freed = 0;
    for (int i = 0; i < buffers.length; i++) {
      if (buffers[i] != null) {
        free(i);
        freed++;
      }
    }
    shed += freed;
    return freed;
  }

  /** Packets released by {@link #shed}. */
  public long shedCount() {
    return shed;
  }

  /** Releases every packet held; later {@code put}s release their packet at once. Idempotent. */
  public void release() {
    released = true;
    for (int i = 0; i < buffers.length; i++) {
      if (buffers[i] != null) {
        free(i);
      }
    }
  }

  /**
   * Packets held now (an expired one counts until a lookup, a newer packet in its slot or the
   * expiry that each {@code put} moves on releases it).
   */
  public int size() {
    return size;
  }

  /** Number of slots. */
  public int capacity() {
    return buffers.length;
  }

  /** Packets stored so far. */
  public long stored() {
    return stored;
  }

  /** Lookups of a number not held (never stored, or overwritten). */
  public long missed() {
    return missed;
  }

  /** Lookups of a packet older than the maximum age. */
  public long expired() {
    return expired;
  }

  /** Retransmissions allowed by {@link #markResent}. */
  public long resent() {
    return resent;
  }

  /** Retransmissions refused by {@link #markResent} as too soon after the previous one. */
  public long suppressed() {
    return suppressed;
  }

  /**
   * One stored packet: a view of a slot, owned by the history and pointed at another slot by the
   * next {@link #get}.
   */
  public final class Entry {
    private int index;
    private int sequenceNumber;

    private Entry() {}

    /** The sequence number the packet went out with. */
    public int sequenceNumber() {
      return sequenceNumber;
    }

    /** The RTP timestamp the packet went out with, unsigned 32 bits. */
    public long timestamp() {
      return timestamps[index];
    }

    /** The caller's tag given to {@code put}. */
    public int tag() {
      return tags[index];
    }

    /**
     * The packet as stored, still owned by the history: read it, or take a
     * {@code retainedDuplicate()} (or a copy) to send, since sending passes ownership on.
     */
    public ByteBuf buffer() {
      return buffers[index];
    }

    /** When the packet was first sent. */
    public long sentNanos() {
      return sentNanos[index];
    }

    /** When it was last retransmitted; meaningless while {@link #resendCount()} is 0. */
    public long lastResentNanos() {
      return lastResentNanos[index];
    }

    /** Retransmissions allowed so far. */
    public int resendCount() {
      return resendCounts[index];
    }
  }
}
