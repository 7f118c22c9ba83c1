package org.rivulet.elements.stats;

import java.util.Objects;
import org.rivulet.elements.MediaType;

/**
 * What an endpoint measured about one RTP stream it receives: Kurento's
 * {@code RTCInboundRTPStreamStats}. The loss figures are the ones this endpoint puts in its own
 * receiver reports about the stream.
 *
 * @param ssrc the sender's SSRC, 0 to 2^32 - 1
 * @param kind AUDIO or VIDEO; Kurento's getStats filter selects streams by it
 * @param packetsReceived RTP packets received
 * @param bytesReceived RTP payload bytes received, without headers or padding
 * @param packetsLost cumulative packets lost (RFC 3550 section 6.4.1); negative when duplicates
 *     outnumber losses
 * @param fractionLost the last report's fraction lost, lost packets per 256 (0 to 255)
 * @param jitterSeconds interarrival jitter in seconds: RFC 3550's jitter over the clock rate
 * @param feedbackSent the NACK, FIR and PLI requests this endpoint sent about the stream
 * @param rembBps the bitrate this endpoint last announced in a REMB for the stream, 0 if none
 */
public record InboundRtpCounters(long ssrc, MediaType kind, long packetsReceived,
    long bytesReceived, long packetsLost, int fractionLost, double jitterSeconds,
    RtcpFeedbackCounts feedbackSent, long rembBps) {
  public InboundRtpCounters {
    Counters.ssrc(ssrc);
    Counters.rtpKind(kind);
    Counters.nonNegative(packetsReceived, "packetsReceived");
    Counters.nonNegative(bytesReceived, "bytesReceived");
    Counters.fractionLost(fractionLost);
    Objects.requireNonNull(feedbackSent, "feedbackSent");
    Counters.nonNegative(rembBps, "rembBps");
  }
}
