package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.rtp.ext.ForwardedExtensions;
import org.rivulet.rtp.feedback.RtxPackets;
import org.rivulet.rtp.feedback.SendHistory;

/**
 * Answers NACKs (RFC 4585) for one outgoing stream from its send history: on the RTX stream (RFC
 * 4588) when the peer negotiated RTX for the packet's payload type, else as the same packet again
 * on the media SSRC. The history keeps the packets as they came from the graph (a reference to the
 * buffer every sink shares, not a copy) with the sequence number, timestamp and payload type each
 * went out with; a retransmission rebuilds the packet from those. Single-threaded (the pipeline's
 * loop).
 */
final class Retransmitter {
  /**
   * A packet asked for twice within this time is sent once (duplicate NACKs): half the round trip,
   * since a receiver repeats its NACK once a round trip has passed without the packet, but never
   * less than this.
   */
  private static final long MIN_RESEND_INTERVAL_NANOS = 10_000_000L;
  /**
   * Packets are kept for this many round trips, or a second if longer (as libwebrtc's packet
   * history): a NACK comes back a round trip after the loss at the earliest, and a receiver asks
   * again for a few round trips before it gives up on a packet.
   */
  static final int HISTORY_ROUND_TRIPS = 3;
  /** The most a packet is kept however long the round trip: the history's memory is bounded. */
  static final long MAX_HISTORY_NANOS = 5_000_000_000L;
  /**
   * Retransmissions allowed at once: a NACK naming every packet of a large keyframe and more. One
   * RTCP packet can name up to a whole history (1024 packets) and come again every 10 ms, so
   * without a bound a peer could make the server send a hundred times what it forwards
   * (RELIABILITY.md, B7.77).
   */
  static final int BUDGET_BURST = 256;
  /** Retransmissions per second after that: several times the packet rate of 2.5 Mbit/s video. */
  static final int BUDGET_PER_SECOND = 1000;

  private final SendHistory history = new SendHistory();
  private final ByteBufAllocator alloc;
  private final int tailroom;
  private final int rtxSsrc;
  /** Media payload type → the RTX payload type that repairs it (apt). */
  private final Map<Integer, Integer> rtxPayloadTypes;
  /** Internal header extension ids to the peer's ({@link ForwardedExtensions#fromInternal}). */
  private final int[] extensionsOut;
  private int rtxSeq;
  private long nacked;
  private long retransmitted;
  private long retransmittedBytes;
  private long overBudget;
  private long minResendIntervalNanos = MIN_RESEND_INTERVAL_NANOS;
  private double budget = BUDGET_BURST;
  private long budgetNanos = Long.MIN_VALUE;

  Retransmitter(ByteBufAllocator alloc, int tailroom, int rtxSsrc,
      Map<Integer, Integer> rtxPayloadTypes, int initialRtxSeq, int[] extensionsOut) {
    this.extensionsOut = extensionsOut;
    this.alloc = alloc;
    this.tailroom = tailroom;
    this.rtxSsrc = rtxSsrc;
    this.rtxPayloadTypes = Map.copyOf(rtxPayloadTypes);
    this.rtxSeq = initialRtxSeq & 0xffff;
  }

  /** The peer's round trip changed: packets are kept, and repeats suppressed, accordingly. */
  void roundTrip(long rttNanos) {
    if (rttNanos <= 0) {
      return;
    }
    history.setMaxAgeNanos(Math.min(MAX_HISTORY_NANOS,
        Math.max(SendHistory.DEFAULT_MAX_AGE_NANOS, HISTORY_ROUND_TRIPS * rttNanos)));
    minResendIntervalNanos = Math.max(MIN_RESEND_INTERVAL_NANOS, rttNanos / 2);
  }

  /** How long packets are kept now. */
  long historyNanos() {
    return history.maxAgeNanos();
  }

  /** Remembers a packet that went out. Takes ownership of {@code original}. */
  void sent(int outSeq, long outTs, int payloadType, ByteBuf original, long nowNanos) {
    history.put(outSeq, outTs, payloadType, original, nowNanos);
  }

  /**
   * The packet to send again for a NACKed sequence number, ready to protect, or null when it is no
   * longer in the history or was just resent. Ownership of the result passes to the caller.
   */
  ByteBuf retransmission(int outSeq, int ssrc, long nowNanos) {
    nacked++;
    SendHistory.Entry entry = history.get(outSeq, nowNanos);
    if (entry == null) {
      return null;
    }
    if (!withinBudget(nowNanos)) {
      overBudget++;
      return null;
    }
    if (!history.markResent(entry, nowNanos, minResendIntervalNanos)) {
      return null;
    }
    budget -= 1;
    RtpPacket original = RtpPacket.parse(entry.buffer());
    if (original == null) {
      return null;
    }
    ByteBuf copy = alloc.heapBuffer(original.length() + tailroom);
    // The forwarded extensions go again (a lost keyframe's last packet carries the video
    // orientation); abs-send-time does not, it was the first send's time.
    ForwardedExtensions.write(original, copy, extensionsOut, 0, 0, 0);
    RtpPacket.rewriteHeader(copy, copy.readerIndex(), entry.tag(), entry.sequenceNumber(),
        entry.timestamp(), ssrc);
    Integer rtxPt = rtxPayloadTypes.get(entry.tag());
    if (rtxSsrc != 0 && rtxPt != null) {
      ByteBuf rtx = RtxPackets.wrap(alloc, RtpPacket.parse(copy), rtxPt, rtxSsrc, rtxSeq,
          tailroom);
      rtxSeq = (rtxSeq + 1) & 0xffff;
      copy.release();
      copy = rtx;
    }
    retransmitted++;
    retransmittedBytes += copy.readableBytes();
    return copy;
  }

  /** Refills the budget for the time since the last look; true when a retransmission fits. */
  private boolean withinBudget(long nowNanos) {
    if (budgetNanos != Long.MIN_VALUE && nowNanos > budgetNanos) {
      budget = Math.min(BUDGET_BURST,
          budget + (nowNanos - budgetNanos) * (BUDGET_PER_SECOND / 1e9));
    }
    budgetNanos = nowNanos;
    return budget >= 1;
  }

  /** NACKed packets in the history that were not sent again: over the retransmission budget. */
  long overBudget() {
    return overBudget;
  }

  /** Sequence numbers NACKed by the peer. */
  long nacked() {
    return nacked;
  }

  /** Packets sent again (RTX or same SSRC). */
  long retransmitted() {
    return retransmitted;
  }

  long retransmittedBytes() {
    return retransmittedBytes;
  }

  /** NACKed packets no longer in the history. */
  long missed() {
    return history.missed() + history.expired();
  }

  /**
   * What the peer's NACKs came to, for the endpoint's release line: {@code "NACKed 421 (82 resent,
   * 60 too old, 6 not held, 0 over budget; history 2400 ms)"}; empty when it sent none. The rest were repeats within half a round
   * trip.
   */
  String summary() {
    String nacks = nacked == 0 ? "" : "NACKed " + nacked + " (" + retransmitted + " resent, "
        + history.expired() + " too old, " + history.missed() + " not held, " + overBudget
        + " over budget; history " + history.maxAgeNanos() / 1_000_000 + " ms)";
    long shed = history.shedCount();
    return shed == 0 ? nacks
        : nacks + (nacks.isEmpty() ? "" : ", ") + shed + " shed from the history (no memory)";
  }

  boolean usesRtx() {
    return rtxSsrc != 0 && !rtxPayloadTypes.isEmpty();
  }

  /** Releases the packets remembered now, to give their memory back; later ones are kept. */
  int shed() {
    return history.shed();
  }

  /** Releases the remembered packets. */
  void release() {
    history.release();
  }
}
