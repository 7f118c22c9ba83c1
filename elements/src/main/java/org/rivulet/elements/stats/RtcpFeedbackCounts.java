package org.rivulet.elements.stats;

/**
 * How many RTCP feedback messages of each kind went about one RTP stream. Kurento counts the
 * receiver's requests: for an inbound stream the ones this endpoint sent, for an outbound stream
 * the ones it received.
 *
 * @param nack Generic NACKs (RFC 4585 section 6.2.1)
 * @param fir Full Intra Requests (RFC 5104 section 4.3.1)
 * @param pli Picture Loss Indications (RFC 4585 section 6.3.1)
 */
public record RtcpFeedbackCounts(long nack, long fir, long pli) {
  /** No feedback, as for an audio stream. */
  public static final RtcpFeedbackCounts NONE = new RtcpFeedbackCounts(0, 0, 0);

  public RtcpFeedbackCounts {
    Counters.nonNegative(nack, "nack");
    Counters.nonNegative(fir, "fir");
    Counters.nonNegative(pli, "pli");
  }
}
