package org.rivulet.transport.demux;

/**
 * What {@link FirstByteDemuxHandler} did with one datagram: handed it to a sink, or dropped it for a
 * reason. {@link DemuxCounters} counts each.
 */
public enum DemuxOutcome {
  /** Forwarded to the {@link StunSink}. */
  STUN,
  /** Forwarded to the {@link DtlsSink}. */
  DTLS,
  /** Forwarded to the {@link MediaSink}. */
  MEDIA,
  /** Dropped: the datagram had no bytes (RELIABILITY.md B1.1). */
  EMPTY,
  /**
   * Dropped: shorter than the smallest header of its kind (20 bytes for STUN, 13 for DTLS, 4 for
   * RTP/RTCP), so no parser ever sees a stub (RELIABILITY.md B1.2).
   */
  TOO_SHORT,
  /** Dropped: longer than the handler's limit, 1500 bytes by default (RELIABILITY.md B1.3). */
  OVERSIZE,
  /** Dropped: ZRTP (first byte 16..19), which Rivulet never negotiates (RELIABILITY.md B1.5). */
  ZRTP,
  /** Dropped: TURN ChannelData (first byte 64..79); Rivulet has no TURN client yet (RELIABILITY.md B1.5). */
  TURN_CHANNEL,
  /** Dropped: a first byte outside every range of RFC 7983 section 7. */
  UNKNOWN;

  /** True for the outcomes that hand the packet to a sink. */
  public boolean isForwarded() {
    return this == STUN || this == DTLS || this == MEDIA;
  }
}
